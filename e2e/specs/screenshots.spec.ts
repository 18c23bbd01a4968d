// Screenshots of the main window with a session open, light and dark, under e2e/screenshots/.

import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '../fixtures'
import { SAMPLE } from '../support/disk'
import { SCREENSHOTS_DIR } from '../support/environment'

test('screenshots of the main window with a session open, light and dark', async ({ ui, page, shellKind }) => {
  await mkdir(SCREENSHOTS_DIR, { recursive: true })
  await ui.openSession(SAMPLE.oxios.proration.title)
  await expect(ui.turns()).toHaveCount(3)

  // The spec files type-check without the DOM library, so page-side code is given as text.
  const background = () =>
    page.evaluate<string>(`(() => {
      for (const element of [document.body, document.getElementById('root'), document.querySelector('#root > *')]) {
        const colour = element ? getComputedStyle(element).backgroundColor : ''
        if (colour && colour !== 'transparent' && colour !== 'rgba(0, 0, 0, 0)') return colour
      }
      return getComputedStyle(document.documentElement).backgroundColor
    })()`)
  const prefix = shellKind === 'electron' ? 'electron-' : ''
  const colours: Record<string, string> = {}
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await expect.poll(() => page.evaluate<boolean>("matchMedia('(prefers-color-scheme: dark)').matches")).toBe(scheme === 'dark')
    colours[scheme] = await background()
    const path = join(SCREENSHOTS_DIR, `${prefix}main-${scheme}.png`)
    await page.screenshot({ path, animations: 'disabled', caret: 'hide' })
    const png = await readFile(path)
    expect(png.subarray(0, 8).toString('hex'), `${path} is a PNG`).toBe('89504e470d0a1a0a')
    expect(png.length).toBeGreaterThan(10_000)
  }
  expect(colours.dark, 'the window follows the dark colour scheme').not.toBe(colours.light)
})
