// Prune: the dialog previews exactly the sessions it would touch, and applying it archives those
// and nothing else.

import { readFile, rename, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '../fixtures'
import { SAMPLE, whereIs } from '../support/disk'

test('prune shows a preview, then archives exactly the previewed sessions', async ({ ui, stores }) => {
  // Oxios, newest first: csvExport (Nov 19), proration (Nov 14), diskSpace (Oct 22), docsBuild (Oct 8).
  // Keeping the newest 2 of those older than a day leaves diskSpace and docsBuild to prune.
  const pruned = [SAMPLE.oxios.diskSpace, SAMPLE.oxios.docsBuild]
  const kept = [SAMPLE.oxios.csvExport, SAMPLE.oxios.proration]

  const store = ui.store('Oxios')
  await store.click()
  await ui.invoke('Prune…', store)
  const dialog = ui.dialog('Prune sessions')
  await expect(dialog).toBeVisible()

  await ui.setPruneCriteria(dialog, { olderThanDays: 1, keep: 2, action: 'archive' })

  // The preview names exactly the sessions a real run touches, and the confirm button counts them.
  for (const { title } of pruned) await expect(dialog, `the preview lists "${title}"`).toContainText(title)
  for (const { title } of kept) await expect(dialog, `the preview leaves out "${title}"`).not.toContainText(title)
  const confirm = dialog.getByRole('button', { name: /^Archive 2 sessions\b/ })
  await expect(confirm).toBeEnabled()

  // Previewing touched nothing.
  for (const { id } of [...pruned, ...kept]) expect(await whereIs(stores.oxiosSessions, id)).toBe('active:')

  await confirm.click()
  await expect(dialog).toBeHidden()

  for (const { id } of pruned)
    await expect.poll(() => whereIs(stores.oxiosSessions, id), { message: `${id} on disk` }).toBe('archived:.archive')
  for (const { id } of kept) expect(await whereIs(stores.oxiosSessions, id)).toBe('active:')

  for (const { title } of pruned) await expect(ui.session(title)).toHaveCount(0)
  await expect.poll(() => ui.projectCounts('Oxios')).toEqual({ 'billing-api': 1, 'ledger-cli': 1, Unfiled: 0 })
  await expect(ui.toast()).toBeVisible()
  // The other stores are untouched.
  await expect.poll(() => ui.projectCounts('ao-rs')).toEqual({ 'billing-api': 2, 'docs-site': 1 })
})

test('prune says its age is the last activity, and why it leaves a session the agent is writing alone', async ({ ui, stores }) => {
  const { id, title } = SAMPLE.oxios.docsBuild
  const path = join(stores.oxiosSessions, `${id}.json`)
  const before = await readFile(path, 'utf8')
  // An agent keeps writing this session while the dialog is open: its file keeps changing.
  const touch = () => utimes(path, new Date(), new Date())
  await touch()
  const writer = setInterval(() => void touch().catch(() => undefined), 2_000)
  try {
    const store = ui.store('Oxios')
    await store.click()
    await ui.invoke('Prune…', store)
    const dialog = ui.dialog('Prune sessions')
    await expect(dialog).toBeVisible()
    await expect(dialog).toContainText(
      "A session's age is its last activity: the time of its last message or event as the agent recorded it",
    )
    await ui.setPruneCriteria(dialog, { olderThanDays: 1, keep: null, action: 'archive' })

    // Named, with what happened and what to do; and not among the sessions it would archive.
    await expect(dialog).toContainText(
      /1 session left alone:\s*“The docs build[^”]*”: the agent is still writing it \(changed less than a minute ago\); .*try again once it has been quiet for a minute/,
    )
    await expect(dialog.getByRole('list').first()).toContainText(SAMPLE.oxios.proration.title)
    await expect(dialog.getByRole('list').first()).not.toContainText(title)
    await ui.page.screenshot({ path: 'test-results/e2e/prune-live-skip.png' })
  } finally {
    clearInterval(writer)
  }
  expect(await readFile(path, 'utf8'), 'previewing left the file alone').toBe(before)
  expect(await whereIs(stores.oxiosSessions, id)).toBe('active:')
})

test('prune keeps showing the project it is scoped to after that project loses its last session', async ({ ui, stores }) => {
  const { id } = SAMPLE.oxios.docsBuild
  const path = join(stores.oxiosSessions, `${id}.json`)
  const project = await ui.project('Oxios', 'docs-site')
  await project.click()
  await ui.invoke('Prune…', project)
  const dialog = ui.dialog('Prune sessions')
  await expect(dialog).toBeVisible()
  const scope = dialog.getByRole('combobox', { name: 'Scope' })
  await expect(scope.locator('option:checked')).toHaveText(/^Project docs-site\b/)

  // The agent refiles its only session elsewhere (Oxios rewrites the file whole).
  const doc = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
  await writeFile(`${path}.tmp`, JSON.stringify({ ...doc, project_id: 'ledger-cli' }))
  await rename(`${path}.tmp`, path)
  await expect.poll(() => ui.projectName('Oxios', 'docs-site')).toBeNull()

  // What the select shows is still what the prune is scoped to, never the whole store.
  await expect(scope.locator('option:checked')).toHaveText(/^Project docs-site\b/)
  await expect(scope).not.toHaveValue('store')
})
