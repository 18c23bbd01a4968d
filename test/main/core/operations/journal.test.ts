import { appendFile, readFile } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTempDir, removeDir } from '../../../support/fixtures'
import { type Change, journalPath, lastUndoable, markUndone, newEntry, recordOperation } from '../../../../src-main/core/operations/journal'

let dir: string
beforeEach(async () => {
  dir = await makeTempDir('journal')
})
afterEach(() => removeDir(dir))

const store = { format: 'oxios' as const, root: '/s' }
const rename = (id: string): Change => ({ type: 'rename', id, from: `/s/${id}`, to: `/s/.archive/${id}` })

describe('the undo journal', () => {
  it('gathers an operation journaled change by change, in order, and steps back past undone ones', async () => {
    const a = newEntry('archive', store, 'Archive 2 sessions', [])
    await recordOperation(dir, { ...a, changes: [rename('a1')] })
    await recordOperation(dir, { ...a, changes: [rename('a2')] })
    // A process killed after the first change of its operation: only that change was journaled.
    const b = newEntry('trash', store, 'Move 3 sessions to the trash', [])
    await recordOperation(dir, { ...b, changes: [rename('b1')] })
    await appendFile(journalPath(dir), '{"type":"operation","opId":"cut')

    expect(await lastUndoable(dir)).toMatchObject({ opId: b.opId, changes: [rename('b1')] })
    await markUndone(dir, b.opId)
    expect(await lastUndoable(dir)).toMatchObject({ opId: a.opId, label: 'Archive 2 sessions', changes: [rename('a1'), rename('a2')] })
    await markUndone(dir, a.opId)
    expect(await lastUndoable(dir)).toBeNull()
    expect((await readFile(journalPath(dir), 'utf8')).split('\n').filter(Boolean)).toHaveLength(6)
  })
})
