// A link in an agent's reply (untrusted text) opens nothing by itself: a click, a middle-click and
// Enter each show a confirmation with the full URL; Cancel opens nothing, Open opens exactly that
// URL (browser shell: a new tab, intercepted here so no network is needed). A link the app must
// never open (javascript:) says so and shows what the text holds.

import { readFile, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, test as base } from '../fixtures'
import { SAMPLE, SETTLED_TIME } from '../support/disk'

const LINK_SESSION = { id: '7f0c3a52-5b8e-4c11-9d2a-0e6b1f4a8c93', title: 'Where are the release notes for the 2.0 migration?' }
// The words say one place, the address another: the dialog must show the address, in full.
const URL = 'https://releases.example.com/v2/migration-guide?from=sessionscope&utm_source=agent#breaking-changes'
const LINK_TEXT = 'the official docs'
const BAD_LINK_TEXT = 'this one-liner'
const BAD_HREF = 'javascript:alert(document.cookie)'

const test = base.extend({
  // A session whose agent reply holds the links, written into the Oxios store before the app starts.
  stores: async ({ stores }, use) => {
    const sample = JSON.parse(await readFile(join(stores.oxiosSessions, `${SAMPLE.oxios.diskSpace.id}.json`), 'utf8'))
    sample.id = LINK_SESSION.id
    sample.user_messages = sample.user_messages.slice(0, 1)
    sample.user_messages[0].content = LINK_SESSION.title
    sample.agent_responses = sample.agent_responses.slice(0, 1)
    sample.agent_responses[0].content = `They are in [${LINK_TEXT}](${URL}). Or run [${BAD_LINK_TEXT}](${BAD_HREF}) to see them.`
    const path = join(stores.oxiosSessions, `${LINK_SESSION.id}.json`)
    await writeFile(path, JSON.stringify(sample, null, 2))
    await utimes(path, SETTLED_TIME, SETTLED_TIME)
    await use(stores)
  },
})

function confirmation(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Open link' })
}

async function expectConfirmationOf(page: Page, url: string): Promise<Locator> {
  const dialog = confirmation(page)
  await expect(dialog).toBeVisible()
  await expect(dialog.getByLabel('Link address')).toHaveText(url)
  // Cancel is the default: Enter right away must not open the link.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  return dialog
}

test('a link in a reply opens only after the user confirms its full URL, for click, middle-click and Enter', async ({
  ui,
  page,
  context,
  app,
}) => {
  const opened: string[] = []
  context.on('page', (popup) => opened.push(popup.url()))
  // The popup's request never reaches the network: it is answered here.
  await context.route('https://releases.example.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>release notes</title>' }),
  )

  const appUrl = page.url()
  await ui.openSession(LINK_SESSION.title)
  const link = ui.turn(1).getByRole('link', { name: LINK_TEXT })
  await expect(link).toBeVisible()

  // Click, then Cancel: a dialog with the whole URL, and nothing opened.
  await link.click()
  let dialog = await expectConfirmationOf(page, URL)
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()

  // Middle-click (the browser's "open in a new tab"), then Escape.
  await link.click({ button: 'middle' })
  dialog = await expectConfirmationOf(page, URL)
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  // Ctrl-click, another way the browser would open a new tab, then Cancel.
  await link.click({ modifiers: ['ControlOrMeta'] })
  dialog = await expectConfirmationOf(page, URL)
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  await expect(link, 'focus goes back to the link').toBeFocused()

  // Keyboard: Enter on the focused link; Enter again lands on the focused Cancel.
  await link.focus()
  await page.keyboard.press('Enter')
  dialog = await expectConfirmationOf(page, URL)
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()

  expect(opened, 'nothing opened while every confirmation was cancelled').toEqual([])
  expect(page.url(), 'the app page never navigated').toBe(appUrl)

  test.skip(app.kind === 'electron', 'Open hands the link to the system browser, which a test cannot observe')

  // Enter, then Open: exactly that URL opens, in a new page without a way back (noopener).
  await link.focus()
  await page.keyboard.press('Enter')
  dialog = await expectConfirmationOf(page, URL)
  const popupPromise = context.waitForEvent('page')
  await dialog.getByRole('button', { name: 'Open', exact: true }).click()
  const popup = await popupPromise
  await popup.waitForLoadState()
  await expect(dialog).toBeHidden()
  expect(popup.url()).toBe(URL)
  expect(await popup.evaluate('window.opener === null'), 'the new page has no handle on the app').toBe(true)
  expect(page.url(), 'the app page stays where it was').toBe(appUrl)
  await popup.close()
})

test('a link the app must not open says so, shows what the text holds, and opens nothing', async ({ ui, page, context }) => {
  const opened: string[] = []
  context.on('page', (popup) => opened.push(popup.url()))
  const alerts: string[] = []
  page.on('dialog', (dialog) => {
    alerts.push(dialog.message())
    void dialog.dismiss()
  })
  await ui.openSession(LINK_SESSION.title)
  const link = ui.turn(1).getByRole('link', { name: BAD_LINK_TEXT })
  // The element never carries the javascript: address, so no browser gesture can run it.
  await expect(link).not.toHaveAttribute('href', /javascript:/i)

  for (const activate of [() => link.click(), () => link.click({ button: 'middle' }), () => link.press('Enter')]) {
    await activate()
    const dialog = page.getByRole('dialog', { name: 'Link not opened' })
    await expect(dialog).toBeVisible()
    await expect(dialog).toContainText(BAD_HREF)
    await expect(dialog.getByRole('button', { name: 'Open', exact: true })).toHaveCount(0)
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect(dialog).toBeHidden()
  }
  expect(opened).toEqual([])
  expect(alerts, 'the javascript: link never ran').toEqual([])
})
