// Reparenting sessions: drag one onto another project, drag a multi-selection, and Move to… with
// the keyboard only. Each checks the tree and the files (Oxios: project_id; ao-rs: the folder).

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '../fixtures'
import { SAMPLE, aoProjectOf, locateAll, oxiosProjectOf, whereIs } from '../support/disk'

test('dragging a session onto another project moves it on disk and in the tree', async ({ ui, stores }) => {
  const { id, title } = SAMPLE.oxios.proration
  const path = join(stores.oxiosSessions, `${id}.json`)
  const original = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
  await expect.poll(() => ui.placeOf(title)).toMatch(/^Oxios.* \/ billing-api\b/)

  await ui.dragSession(title, await ui.project('Oxios', 'ledger-cli'))

  // On disk, in place: project_id changed and updated_at was stamped (as Oxios does); nothing else.
  await expect.poll(() => oxiosProjectOf(path), { message: 'project_id on disk' }).toBe('ledger-cli')
  expect(await whereIs(stores.oxiosSessions, id)).toBe('active:')
  const moved = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
  expect({ ...moved, project_id: null, updated_at: null }).toEqual({ ...original, project_id: null, updated_at: null })
  expect(Date.parse(String(moved.updated_at))).toBeGreaterThan(Date.parse(String(original.updated_at)))

  // In the tree: under ledger-cli, which now holds two; billing-api (now empty) is gone.
  await expect.poll(() => ui.placeOf(title)).toMatch(/^Oxios.* \/ ledger-cli, 2 sessions\b/)
  await expect.poll(() => ui.projectCount('Oxios', 'ledger-cli')).toBe(2)
  await expect.poll(() => ui.projectName('Oxios', 'billing-api')).toBeNull()
  // The other stores' billing-api projects are untouched.
  await expect.poll(() => ui.projectCount('ao-rs', 'billing-api')).toBe(2)
})

test('dragging a multi-selection moves every selected session', async ({ ui, stores }) => {
  const { milestone, dunning } = SAMPLE.ao
  await expect.poll(() => ui.projectCount('ao-rs', 'billing-api')).toBe(2)

  await ui.selectSessions([milestone.title, dunning.title])
  await ui.dragSession(milestone.title, await ui.project('ao-rs', 'docs-site'))

  // On disk: both files now sit in docs-site/ and say so; no copy is left behind.
  for (const { id } of [milestone, dunning]) {
    await expect.poll(() => whereIs(stores.aoSessions, id), { message: `ao-rs session ${id} on disk` }).toBe('active:docs-site')
    expect(await aoProjectOf(stores.aoSessions, id)).toEqual({ folder: 'docs-site', projectId: 'docs-site' })
  }
  expect(await locateAll(join(stores.aoSessions, 'billing-api'), '')).toEqual([])

  // In the tree: docs-site holds three, billing-api is gone.
  await expect.poll(() => ui.projectCount('ao-rs', 'docs-site')).toBe(3)
  await expect.poll(() => ui.projectName('ao-rs', 'billing-api')).toBeNull()
  for (const { title } of [milestone, dunning]) await expect.poll(() => ui.placeOf(title)).toMatch(/^ao-rs.* \/ docs-site\b/)
})

test('Move to… with the keyboard only, into a new project', async ({ ui, page, stores }) => {
  const { id, title } = SAMPLE.oxios.diskSpace
  const path = join(stores.oxiosSessions, `${id}.json`)
  expect(await oxiosProjectOf(path)).toBeNull()

  // Tab into the tree, arrow down to the session, open the action with the keyboard.
  await ui.tabTo(ui.tree)
  await ui.arrowTo(title)
  await expect(ui.session(title)).toHaveAttribute('aria-selected', 'true')
  await ui.invokeByKeyboard('Move to…')

  const dialog = ui.dialog('Move to')
  await expect(dialog).toBeVisible()
  // It lists the store's projects.
  for (const project of ['billing-api', 'docs-site', 'ledger-cli']) await expect(dialog).toContainText(project)

  const newName = dialog.getByRole('textbox')
  await ui.tabTo(newName)
  await page.keyboard.type('laptop-care')
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()

  await expect.poll(() => oxiosProjectOf(path), { message: 'project_id on disk' }).toBe('laptop-care')
  expect(await whereIs(stores.oxiosSessions, id)).toBe('active:')
  await expect.poll(() => ui.placeOf(title)).toMatch(/^Oxios.* \/ laptop-care, 1 session\b/)
  await expect.poll(() => ui.projectCount('Oxios', null)).toBe(0)
})
