import { describe, expect, it } from 'vitest'
import { select } from './selection'
import { selectionInfo } from './selection-info'
import { STORE_A, STORE_B, summary } from './test-support'
import { flattenTree, projectRowId, sessionRowId, trashRowId, trashedRowId } from './tree'

const rows = flattenTree({
  stores: [STORE_A, STORE_B],
  sessions: [
    summary('a1', { project: 'web' }),
    summary('a2', { project: 'web', archived: true }),
    summary('b1', { store: STORE_B.root, format: 'astrid' }),
  ],
  problems: [],
  trash: { a: { status: 'ready', sessions: [summary('t1')], error: null } },
  filter: '',
  showArchived: true,
  expansion: { [trashRowId('a')]: true },
})
const order = rows.map((row) => row.id)

describe('selectionInfo', () => {
  it('splits the selection into active, archived and trashed sessions', () => {
    let selection = select({ selected: new Set(), anchor: null }, order, sessionRowId('a', 'a1'), 'replace')
    selection = select(selection, order, sessionRowId('a', 'a2'), 'toggle')
    selection = select(selection, order, trashedRowId('a', 't1'), 'toggle')
    const info = selectionInfo(rows, selection, sessionRowId('a', 'a1'), ['a', 'b'])
    expect(info.active).toEqual([{ storeId: 'a', id: 'a1' }])
    expect(info.archived).toEqual([{ storeId: 'a', id: 'a2' }])
    expect([...info.trashed]).toEqual([['a', ['t1']]])
    expect(info.singleStore).toBe('a')
    expect(info.contextStore).toBe('a')
  })

  it('knows when the selection spans stores, and the focused project', () => {
    let selection = select({ selected: new Set(), anchor: null }, order, sessionRowId('a', 'a1'), 'replace')
    selection = select(selection, order, sessionRowId('b', 'b1'), 'toggle')
    const info = selectionInfo(rows, selection, projectRowId('a', 'web'), ['a', 'b'])
    expect(info.singleStore).toBeNull()
    expect(info.contextProject).toEqual({ name: 'web' })
  })
})
