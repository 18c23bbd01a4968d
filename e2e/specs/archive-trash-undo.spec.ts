// Archive and unarchive, trash and restore, and Undo: the file moves, byte for byte, into
// .archive/ or the store's .trash/ and back, and the tree follows.

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '../fixtures'
import { escapeRegExp } from '../pages/app-page'
import { SAMPLE, aoProjectOf, locate, whereIs } from '../support/disk'

test('archive and unarchive', async ({ ui, stores }) => {
  const { id, title } = SAMPLE.oxios.docsBuild
  const bytes = await readFile(join(stores.oxiosSessions, `${id}.json`))

  const row = ui.session(title)
  await row.click()
  await ui.invoke('Archive', row)

  await expect.poll(() => whereIs(stores.oxiosSessions, id), { message: 'the file on disk' }).toBe('archived:.archive')
  expect(await readFile((await locate(stores.oxiosSessions, id)).path)).toEqual(bytes)
  await expect(ui.toast()).toBeVisible()
  await expect(ui.session(title), 'archived sessions are hidden').toHaveCount(0)
  await expect.poll(() => ui.projectName('Oxios', 'docs-site')).toBeNull()

  await ui.setShowArchived(true)
  await expect(ui.session(title)).toBeVisible()
  await expect.poll(() => ui.placeOf(title)).toMatch(/^Oxios.* \/ docs-site\b/)
  await ui.session(title).click()
  await ui.invoke('Unarchive', ui.session(title))

  await expect.poll(() => whereIs(stores.oxiosSessions, id), { message: 'the file on disk' }).toBe('active:')
  expect(await readFile((await locate(stores.oxiosSessions, id)).path)).toEqual(bytes)
  await ui.setShowArchived(false)
  await expect(ui.session(title)).toBeVisible()
  await expect.poll(() => ui.placeOf(title)).toMatch(/^Oxios.* \/ docs-site, 1 session\b/)
})

test('move to trash and restore', async ({ ui, stores }) => {
  const { id, title } = SAMPLE.astrid.backoff
  const bytes = await readFile(join(stores.astridSessions, `${id}.json`))

  const row = ui.session(title)
  await row.click()
  await ui.invoke('Move to trash', row)

  await expect.poll(() => whereIs(stores.astridSessions, id), { message: 'the file on disk' }).toBe('trashed:.trash')
  expect(await readFile((await locate(stores.astridSessions, id)).path)).toEqual(bytes)
  await expect(ui.toast()).toBeVisible()
  await expect.poll(() => ui.projectName('Astrid', 'billing-api'), { message: 'its project, now empty, is gone' }).toBeNull()

  // The store's Trash entry lists it; Restore puts it back.
  await ui.expandAll()
  const trashed = ui.tree.getByRole('treeitem', { name: new RegExp(escapeRegExp(title)) })
  await expect(trashed).toBeVisible()
  await trashed.click()
  await ui.invoke('Restore', trashed)

  await expect.poll(() => whereIs(stores.astridSessions, id), { message: 'the file on disk' }).toBe('active:')
  expect(await readFile((await locate(stores.astridSessions, id)).path)).toEqual(bytes)
  await expect.poll(() => ui.placeOf(title)).toMatch(/^Astrid.* \/ (\S*\/)?billing-api, 1 session\b/)
})

test('Undo reverts the last operation on disk and in the tree', async ({ ui, stores }) => {
  const { id, title } = SAMPLE.ao.search
  const before = await readFile((await locate(stores.aoSessions, id)).path)

  await ui.dragSession(title, await ui.project('ao-rs', 'billing-api'))
  await expect.poll(() => whereIs(stores.aoSessions, id), { message: 'moved on disk' }).toBe('active:billing-api')
  await expect.poll(() => ui.placeOf(title)).toMatch(/^ao-rs.* \/ billing-api, 3 sessions\b/)

  const toast = ui.toast()
  await expect(toast).toBeVisible()
  await toast.getByRole('button', { name: 'Undo', exact: true }).click()

  await expect.poll(() => whereIs(stores.aoSessions, id), { message: 'back on disk' }).toBe('active:docs-site')
  expect(await aoProjectOf(stores.aoSessions, id)).toEqual({ folder: 'docs-site', projectId: 'docs-site' })
  expect(await readFile((await locate(stores.aoSessions, id)).path)).toEqual(before)
  await expect.poll(() => ui.placeOf(title)).toMatch(/^ao-rs.* \/ docs-site, 1 session\b/)
  await expect.poll(() => ui.projectCount('ao-rs', 'billing-api')).toBe(2)
})
