// The tree under the filter box's filters and the sort choice: which rows show, in which order.
import { describe, expect, it } from 'vitest'
import { STORE_A, STORE_CLAUDE, claude, summary } from '../../support/summaries'
import { type TreeInput, flattenTree, trashRowId } from '../../../src-renderer/src/state/tree'
import { DEFAULT_TREE_SORT, TREE_SORTS, isTreeSort, sessionOrder } from '../../../src-renderer/src/state/tree-sort'

const sessions = [
  summary('o1', {
    project: 'billing',
    title: 'Proration',
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-14T10:00:00.000Z',
    bytes: 500,
    turns: 3,
    errors: 1,
  }),
  summary('o2', {
    project: 'billing',
    title: 'Dunning',
    createdAt: '2026-11-10T09:00:00.000Z',
    updatedAt: '2026-11-12T10:00:00.000Z',
    bytes: 9000,
    turns: 1,
    errors: 0,
  }),
  summary('o3', {
    project: 'billing',
    title: 'Webhooks',
    createdAt: '2026-10-01T09:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    bytes: 1200,
    turns: 5,
    errors: 4,
  }),
  summary('o4', { project: 'docs', title: 'Sidebar', updatedAt: '2026-10-05T10:00:00.000Z', bytes: 100, turns: 2 }),
  claude('c1', { title: 'VAT fix', model: 'claude-opus-4-1', errors: 1, updatedAt: '2026-11-24T10:00:00.000Z' }),
  claude('c2', { title: 'VAT lookup', model: 'claude-haiku-4-5', errors: 0, updatedAt: '2026-11-24T09:00:00.000Z' }),
]

const input = (over: Partial<TreeInput> = {}): TreeInput => ({
  stores: [STORE_A, STORE_CLAUDE],
  sessions,
  problems: [],
  trash: {},
  filter: '',
  showArchived: false,
  expansion: {},
  ...over,
})

const shown = (over: Partial<TreeInput>) =>
  flattenTree(input(over))
    .filter((row) => row.kind === 'session' || row.kind === 'project' || row.kind === 'store')
    .map((row) =>
      row.kind === 'session'
        ? row.session.id
        : row.kind === 'project'
          ? `[${row.project ?? 'Unfiled'} ${row.count}]`
          : `{${row.storeId} ${row.count}}`,
    )

describe('the tree under the filters', () => {
  it('agent: keeps the stores of that format’s sessions, the others show empty', () => {
    expect(shown({ filter: 'agent:claude' })).toEqual(['{a 0}', '{c 2}', '[-home-u-src-app 2]', 'c1', 'c2'])
  })

  it('is:error and model: narrow across stores', () => {
    expect(shown({ filter: 'is:error' })).toEqual(['{a 2}', '[billing 2]', 'o3', 'o1', '{c 1}', '[-home-u-src-app 1]', 'c1'])
    expect(shown({ filter: 'model:haiku' })).toEqual(['{a 0}', '{c 1}', '[-home-u-src-app 1]', 'c2'])
  })

  it('a date range goes by the last activity, with words too', () => {
    expect(shown({ filter: 'after:2026-11-12 before:2026-11-15' })).toEqual(['{a 2}', '[billing 2]', 'o1', 'o2', '{c 0}'])
    expect(shown({ filter: 'dunning after:2026-11-12' })).toEqual(['{a 1}', '[billing 1]', 'o2', '{c 0}'])
  })

  it('a malformed filter is left out: the tree stays as the rest of the text has it', () => {
    expect(shown({ filter: 'vat agent:cursor' })).toEqual(shown({ filter: 'vat' }))
  })

  it('filters the trash too, and hides a trash with nothing that matches', () => {
    const trash = {
      a: { status: 'ready' as const, sessions: [summary('t1', { errors: 0 }), summary('t2', { errors: 3 })], error: null },
    }
    const rows = flattenTree(input({ trash, filter: 'is:error', expansion: { [trashRowId('a')]: true } }))
    expect(rows.filter((row) => row.kind === 'trashed').map((row) => row.kind === 'trashed' && row.session.id)).toEqual(['t2'])
    expect(flattenTree(input({ trash, filter: 'agent:claude' })).some((row) => row.id === trashRowId('a'))).toBe(false)
  })
})

describe('the sort', () => {
  it('defaults to the newest update first, as before', () => {
    expect(DEFAULT_TREE_SORT).toBe('updated')
    expect(shown({})).toEqual(shown({ sort: 'updated' }))
    expect(shown({}).slice(0, 5)).toEqual(['{a 4}', '[billing 3]', 'o3', 'o1', 'o2'])
  })

  it('orders the sessions within each project; the projects keep their order by name', () => {
    const billing = (sort: TreeInput['sort']) => shown({ sort }).slice(2, 5)
    expect(billing('created')).toEqual(['o2', 'o1', 'o3'])
    expect(billing('size')).toEqual(['o2', 'o3', 'o1'])
    expect(billing('turns')).toEqual(['o3', 'o1', 'o2'])
    expect(billing('errors')).toEqual(['o3', 'o1', 'o2'])
    for (const { value } of TREE_SORTS)
      expect(shown({ sort: value }).filter((row) => row.startsWith('['))).toEqual([
        '[billing 3]',
        '[docs 1]',
        '[Unfiled 0]',
        '[-home-u-src-app 2]',
      ])
  })

  it('breaks ties by the newest update, then the id, so the order is stable', () => {
    const tied = [
      summary('b', { updatedAt: '2026-01-01T00:00:00.000Z' }),
      summary('a', { updatedAt: '2026-01-01T00:00:00.000Z' }),
      summary('c', { updatedAt: '2026-02-01T00:00:00.000Z' }),
    ]
    expect([...tied].sort(sessionOrder('errors')).map((s) => s.id)).toEqual(['c', 'a', 'b'])
  })

  it('knows its choices, so a remembered value is checked before it is used', () => {
    expect(TREE_SORTS.map((sort) => sort.value)).toEqual(['updated', 'created', 'size', 'turns', 'errors'])
    expect(isTreeSort('size')).toBe(true)
    expect(isTreeSort('bytes')).toBe(false)
    expect(isTreeSort(null)).toBe(false)
  })
})
