import { describe, expect, it } from 'vitest'
import { select } from '../../../src-renderer/src/state/selection'
import { selectionInfo } from '../../../src-renderer/src/state/selection-info'
import { STORE_A, STORE_B, STORE_CODEX, summary } from '../../support/summaries'
import { flattenTree, projectRowId, sessionRowId, trashRowId, trashedRowId } from '../../../src-renderer/src/state/tree'

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
    const info = selectionInfo(rows, selection, sessionRowId('a', 'a1'), [STORE_A, STORE_B])
    expect(info.active).toEqual([{ storeId: 'a', id: 'a1' }])
    expect(info.archived).toEqual([{ storeId: 'a', id: 'a2' }])
    expect([...info.trashed]).toEqual([['a', ['t1']]])
    expect(info.singleStore).toBe('a')
    expect(info.contextStore).toBe('a')
  })

  it('knows when the selection spans stores, and the focused project', () => {
    let selection = select({ selected: new Set(), anchor: null }, order, sessionRowId('a', 'a1'), 'replace')
    selection = select(selection, order, sessionRowId('b', 'b1'), 'toggle')
    const info = selectionInfo(rows, selection, projectRowId('a', 'web'), [STORE_A, STORE_B])
    expect(info.singleStore).toBeNull()
    expect(info.contextProject).toEqual({ name: 'web' })
  })
})

describe('moving from stores whose format does not allow it', () => {
  it('is refused with the reason, for any selection that includes such a store', () => {
    const codexRows = flattenTree({
      stores: [STORE_A, STORE_CODEX],
      sessions: [summary('a1', { project: 'web' }), summary('x1', { store: STORE_CODEX.root, format: 'codex', project: '/home/u/api' })],
      problems: [],
      trash: {},
      filter: '',
      showArchived: false,
      expansion: {},
    })
    const ids = codexRows.map((row) => row.id)
    const codexOnly = select({ selected: new Set(), anchor: null }, ids, sessionRowId('x', 'x1'), 'replace')
    expect(selectionInfo(codexRows, codexOnly, null, [STORE_A, STORE_CODEX]).moveRefusal).toBe(
      'Moving is not supported for Codex CLI sessions',
    )
    const oxiosOnly = select({ selected: new Set(), anchor: null }, ids, sessionRowId('a', 'a1'), 'replace')
    expect(selectionInfo(codexRows, oxiosOnly, null, [STORE_A, STORE_CODEX]).moveRefusal).toBeNull()
    const both = select(oxiosOnly, ids, sessionRowId('x', 'x1'), 'toggle')
    expect(selectionInfo(codexRows, both, null, [STORE_A, STORE_CODEX]).moveRefusal).toMatch(/Codex CLI/)
  })
})
