// List dialogs act only on what the user can see: in Move to…, a filter that hides the preselected
// project never leaves it chosen (the audit's "Enter moved my session to a project I did not
// pick"), filtering highlights the first match, and a name that matches nothing creates a project
// only once "New project" is what is highlighted. In a menu, a letter that starts no item leaves
// the focus where it was. Each is checked on the screen and on disk.

import { readFile, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator } from '@playwright/test'
import { expect, test as base } from '../fixtures'
import type { AppPage } from '../pages/app-page'
import { SAMPLE, SETTLED_TIME, oxiosProjectOf, whereIs } from '../support/disk'

/** Projects added to the Oxios store so that Move to… has more than a screenful and shows its filter. */
const EXTRA_PROJECTS = ['android-app', 'billing-web', 'infra', 'marketing-site', 'search-service']

const test = base.extend({
  // One more session per extra project, cloned from a sample with a fresh id; settled like the samples.
  stores: async ({ stores }, use) => {
    const { id } = SAMPLE.oxios.csvExport
    const source = JSON.parse(await readFile(join(stores.oxiosSessions, `${id}.json`), 'utf8')) as Record<string, unknown>
    for (const [i, project] of EXTRA_PROJECTS.entries()) {
      const clone = `00000000-0000-4000-8000-00000000000${i}`
      const path = join(stores.oxiosSessions, `${clone}.json`)
      await writeFile(path, JSON.stringify({ ...source, id: clone, project_id: project }, null, 2))
      await utimes(path, SETTLED_TIME, SETTLED_TIME)
    }
    await use(stores)
  },
})

async function openMoveTo(ui: AppPage, title: string): Promise<Locator> {
  await ui.session(title).click()
  await ui.invoke('Move to…', ui.session(title))
  const dialog = ui.dialog('Move to')
  await expect(dialog).toBeVisible()
  return dialog
}

test('Move to…: Enter never moves to a project the filter hid; it moves to the highlighted match', async ({ ui, page, stores }) => {
  const { id, title } = SAMPLE.oxios.proration
  const path = join(stores.oxiosSessions, `${id}.json`)
  const before = await readFile(path, 'utf8')
  await expect.poll(() => ui.placeOf(title)).toMatch(/^Oxios.* \/ billing-api\b/)

  const dialog = await openMoveTo(ui, title)
  // Preselected: the first project the session is not in.
  await expect(dialog.getByRole('radio', { name: /^android-app\b/ })).toBeChecked()
  await page.screenshot({ path: 'test-results/e2e/list-dialogs-1-preselected.png' })

  // A filter that hides the preselected project and matches nothing: nothing is chosen, Enter does nothing.
  const filter = dialog.getByRole('searchbox', { name: 'Find a project' })
  await filter.fill('zzz')
  await expect(dialog.getByRole('radio', { name: /^android-app\b/ })).toHaveCount(0)
  await expect(dialog.getByRole('radio', { checked: true })).toHaveCount(0)
  await expect(dialog.getByRole('button', { name: 'Move', exact: true })).toBeDisabled()
  await page.screenshot({ path: 'test-results/e2e/list-dialogs-2-no-match.png' })
  await filter.press('Enter')
  await expect(dialog, 'Enter with nothing highlighted keeps the dialog open').toBeVisible()
  expect(await readFile(path, 'utf8'), 'the session file is unchanged').toBe(before)
  expect(await whereIs(stores.oxiosSessions, id)).toBe('active:')

  // A filter that matches one project: the highlight is on it, and Enter moves there.
  await filter.fill('ledg')
  await expect(dialog.getByRole('radio', { name: /^ledger-cli\b/ })).toBeChecked()
  await page.screenshot({ path: 'test-results/e2e/list-dialogs-3-match.png' })
  await filter.press('Enter')
  await expect(dialog).toBeHidden()
  await expect.poll(() => oxiosProjectOf(path), { message: 'project_id on disk' }).toBe('ledger-cli')
  expect(await whereIs(stores.oxiosSessions, id)).toBe('active:')
  await expect.poll(() => ui.placeOf(title)).toMatch(/^Oxios.* \/ ledger-cli, 2 sessions\b/)
  await expect(ui.toast()).toContainText('Moved 1 session')
})

test('Move to…: a name that matches nothing creates "New project NAME" only once that is highlighted', async ({ ui, page, stores }) => {
  const { id, title } = SAMPLE.oxios.docsBuild
  const path = join(stores.oxiosSessions, `${id}.json`)
  const before = await readFile(path, 'utf8')

  const dialog = await openMoveTo(ui, title)
  const filter = dialog.getByRole('searchbox', { name: 'Find a project' })
  await filter.fill('laptop-care')
  // Offered, not chosen.
  const offer = dialog.getByRole('radio', { name: /^New project “laptop-care”/ })
  await expect(offer).toBeVisible()
  await expect(offer).not.toBeChecked()
  await filter.press('Enter')
  await expect(dialog).toBeVisible()
  expect(await readFile(path, 'utf8'), 'the session file is unchanged').toBe(before)

  // ArrowDown highlights the offer (and names the new project); Enter creates it.
  await filter.press('ArrowDown')
  await expect(offer).toBeChecked()
  await expect(dialog.getByRole('textbox', { name: 'New project name' })).toHaveValue('laptop-care')
  await page.screenshot({ path: 'test-results/e2e/list-dialogs-4-new-project.png' })
  await filter.press('Enter')
  await expect(dialog).toBeHidden()
  await expect.poll(() => oxiosProjectOf(path), { message: 'project_id on disk' }).toBe('laptop-care')
  expect(await whereIs(stores.oxiosSessions, id)).toBe('active:')
  await expect.poll(() => ui.placeOf(title)).toMatch(/^Oxios.* \/ laptop-care, 1 session\b/)
})

test('a menu keeps its focus when a typed letter starts no item', async ({ ui, page }) => {
  const { title } = SAMPLE.oxios.proration
  await ui.session(title).click()
  await ui.session(title).click({ button: 'right' })
  const menu = page.getByRole('menu')
  const first = menu.getByRole('menuitem', { name: 'Move to…', exact: true })
  await expect(first).toBeFocused()
  await page.keyboard.press('q')
  await expect(first, 'no item starts with "q": the focus stays on Move to…').toBeFocused()
  // A letter that does start an item still jumps to it.
  await page.keyboard.press('p')
  await expect(menu.getByRole('menuitem', { name: 'Prune…', exact: true })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(menu).toHaveCount(0)
})
