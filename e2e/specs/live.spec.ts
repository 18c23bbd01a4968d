// The app follows the stores while agents write them: a turn appended by another process shows
// up in the open session, new files appear, deleted ones disappear, unreadable ones are reported.

import { randomUUID } from 'node:crypto'
import { readFile, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { oxiosDocument, writeOxios } from '../../test/support/fixtures'
import { escapeRegExp } from '../pages/app-page'
import { expect, test } from '../fixtures'
import { SAMPLE, appendOxiosTurnFromAnotherProcess, locateAll, whereIs } from '../support/disk'

test('a turn appended by another process shows up live in the open session', async ({ ui, stores }) => {
  const { id, title } = SAMPLE.oxios.proration
  const path = join(stores.oxiosSessions, `${id}.json`)
  await ui.openSession(title)
  await expect(ui.turns()).toHaveCount(3)

  const user = 'One more thing: add a CHANGELOG entry for the proration fix.'
  const turns = await appendOxiosTurnFromAnotherProcess(path, {
    user,
    agent: 'Added a "Fixed" entry to CHANGELOG.md under 0.14.3.',
    tool: 'shell',
    durationMs: 2300,
  })
  expect(turns).toBe(4)
  const written = await readFile(path)

  await expect(ui.turn(4)).toBeVisible()
  await expect(ui.turn(4)).toContainText(user)
  await expect(ui.toolCall('shell', { duration: '2.3 s', error: false }, ui.turn(4)).first()).toBeAttached()
  await expect(ui.turns()).toHaveCount(4)
  await expect(ui.session(title)).toHaveAccessibleName(/\b4 turns\b/)

  // The app only read the agent's write.
  expect(await readFile(path)).toEqual(written)
})

test('a new session file appears and a deleted one disappears', async ({ ui, stores }) => {
  const title = 'Bump clap to 4.6 and fix the deprecations'
  const id = randomUUID()
  await expect.poll(() => ui.projectCount('Oxios', 'ledger-cli')).toBe(1)

  const doc = oxiosDocument({
    id,
    projectId: 'ledger-cli',
    metadata: { title, channel: 'cli' },
    createdAt: '2026-11-21T08:00:00Z',
    turns: [{ user: 'Bump clap to 4.6', agent: 'Done.', steps: [{ tool: 'shell', durationMs: 1200 }] }],
  })
  const path = await writeOxios(stores.oxiosSessions, doc)

  await expect(ui.session(title)).toBeVisible()
  await expect.poll(() => ui.placeOf(title)).toMatch(/^Oxios.* \/ ledger-cli, 2 sessions\b/)

  const gone = SAMPLE.oxios.docsBuild
  await unlink(join(stores.oxiosSessions, `${gone.id}.json`))
  await expect(ui.session(gone.title)).toHaveCount(0)
  await expect.poll(() => ui.projectName('Oxios', 'docs-site')).toBeNull()

  // On disk the app added nothing back and left the new file as written.
  expect(await locateAll(stores.oxiosSessions, gone.id)).toEqual([])
  expect(await whereIs(stores.oxiosSessions, id)).toBe('active:')
  expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(doc)
})

test('a corrupt session file shows a problem entry naming the file', async ({ ui, page, stores }) => {
  const name = `${randomUUID()}.json`
  const path = join(stores.oxiosSessions, name)
  const truncated = JSON.stringify(oxiosDocument({ projectId: 'ledger-cli' }), null, 2).slice(0, 180)
  await writeFile(path, truncated)

  await ui.expandAll()
  const entry = ui.tree
    .getByRole('treeitem', { name: new RegExp(escapeRegExp(name)) })
    .or(page.getByText(new RegExp(escapeRegExp(name))))
    .first()
  await expect(entry, `a problem entry mentioning ${name}`).toBeVisible()

  // The other sessions are still listed, and the app left the file alone.
  await expect.poll(() => ui.projectCounts('Oxios')).toEqual({ 'billing-api': 1, 'docs-site': 1, 'ledger-cli': 1, Unfiled: 1 })
  expect(await readFile(path, 'utf8')).toBe(truncated)
})
