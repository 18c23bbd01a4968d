import { describe, expect, it } from 'vitest'
import { STORE_A, STORE_B, summary } from '../../support/summaries'
import {
  type TreeInput,
  flattenTree,
  projectRowId,
  rowText,
  sessionRowId,
  storeRowId,
  trashRowId,
} from '../../../src-renderer/src/state/tree'
import { capabilitiesOf } from '../../../src-main/core/formats/registry'

const sessions = [
  summary('s1', { project: 'zeta', updatedAt: '2026-11-20T10:00:00.000Z', title: 'Fix login' }),
  summary('s2', { project: 'alpha', updatedAt: '2026-11-19T10:00:00.000Z', title: 'Add CSV export' }),
  summary('s3', { project: 'alpha', updatedAt: '2026-11-21T10:00:00.000Z', title: 'Refactor parser' }),
  summary('s4', { project: null, updatedAt: '2026-11-18T10:00:00.000Z', title: 'Disk usage' }),
  summary('s5', { project: 'alpha', archived: true, title: 'Old alpha work' }),
  summary('b1', { store: STORE_B.root, format: 'astrid', project: '/home/u/src/web', title: 'Sidebar overlap' }),
]

const input = (over: Partial<TreeInput> = {}): TreeInput => ({
  stores: [STORE_A, STORE_B],
  sessions,
  problems: [{ path: `${STORE_B.root}/broken.json`, reason: 'cut off' }],
  trash: {},
  filter: '',
  showArchived: false,
  expansion: {},
  ...over,
})

const describeRows = (rows: ReturnType<typeof flattenTree>) =>
  rows.map((row) => {
    switch (row.kind) {
      case 'store':
        return `${row.level} store ${row.storeId} (${row.count})`
      case 'project':
        return `${row.level} project ${row.project ?? 'Unfiled'} (${row.count})`
      case 'session':
        return `${row.level} session ${row.session.id}`
      case 'problems':
        return `${row.level} problems (${row.count})`
      case 'trash':
        return `${row.level} trash (${row.count ?? '?'})`
      default:
        return `${row.level} ${row.kind}`
    }
  })

describe('flattenTree', () => {
  it('lists stores, projects by name with Unfiled last, sessions newest first, with counts', () => {
    expect(describeRows(flattenTree(input()))).toEqual([
      '1 store a (4)',
      '2 project alpha (2)',
      '3 session s3',
      '3 session s2',
      '2 project zeta (1)',
      '3 session s1',
      '2 project Unfiled (1)',
      '3 session s4',
      '2 trash (?)',
      '1 store b (1)',
      '2 project /home/u/src/web (1)',
      '3 session b1',
      '2 project Unfiled (0)',
      '2 problems (1)',
      '3 problem',
      '2 trash (?)',
    ])
  })

  it('fills aria-posinset and aria-setsize among siblings', () => {
    const rows = flattenTree(input())
    const alpha = rows.find((row) => row.id === projectRowId('a', 'alpha'))
    expect(alpha).toMatchObject({ posInSet: 1, setSize: 4 })
    const s2 = rows.find((row) => row.id === sessionRowId('a', 's2'))
    expect(s2).toMatchObject({ posInSet: 2, setSize: 2, level: 3 })
    expect(rows.find((row) => row.id === storeRowId('b'))).toMatchObject({ posInSet: 2, setSize: 2 })
  })

  it('shows archived sessions, marked, only when asked', () => {
    const rows = flattenTree(input({ showArchived: true }))
    expect(describeRows(rows).slice(0, 5)).toEqual(['1 store a (5)', '2 project alpha (3)', '3 session s3', '3 session s5', '3 session s2'])
    const archived = rows.find((row) => row.id === sessionRowId('a', 's5'))
    expect(archived?.kind === 'session' && archived.session.archived).toBe(true)
  })

  it('collapses and expands nodes, the trash closed by default', () => {
    const rows = flattenTree(input({ expansion: { [projectRowId('a', 'alpha')]: false, [storeRowId('b')]: false } }))
    expect(describeRows(rows)).toEqual([
      '1 store a (4)',
      '2 project alpha (2)',
      '2 project zeta (1)',
      '3 session s1',
      '2 project Unfiled (1)',
      '3 session s4',
      '2 trash (?)',
      '1 store b (1)',
    ])
    expect(rows[1]?.expanded).toBe(false)
    const closed = flattenTree(input({ expansion: { [`problems\u241fb`]: false } }))
    expect(closed.some((row) => row.kind === 'problem')).toBe(false)
    expect(flattenTree(input()).some((row) => row.kind === 'problem' && row.problem.reason === 'cut off')).toBe(true)
  })

  it('filters by title, project and id prefix, hiding empty projects and keeping counts right', () => {
    expect(describeRows(flattenTree(input({ filter: 'csv' })))).toEqual([
      '1 store a (1)',
      '2 project alpha (1)',
      '3 session s2',
      '1 store b (0)',
      '2 problems (1)',
      '3 problem',
    ])
    expect(describeRows(flattenTree(input({ filter: 'zeta' }))).slice(0, 3)).toEqual([
      '1 store a (1)',
      '2 project zeta (1)',
      '3 session s1',
    ])
    expect(
      flattenTree(input({ filter: 'b1' }))
        .filter((row) => row.kind === 'session')
        .map((row) => row.id),
    ).toEqual([sessionRowId('b', 'b1')])
    // "1" is not an id prefix and in no title or project.
    expect(flattenTree(input({ filter: '1' })).filter((row) => row.kind === 'session')).toEqual([])
  })

  it('lists a loaded trash under its store', () => {
    const trashed = summary('t1', { title: 'Thrown away' })
    const rows = flattenTree(
      input({ trash: { a: { status: 'ready', sessions: [trashed], error: null } }, expansion: { [trashRowId('a')]: true } }),
    )
    const at = rows.findIndex((row) => row.id === trashRowId('a'))
    expect(rows[at]).toMatchObject({ kind: 'trash', count: 1, expanded: true })
    expect(rows[at + 1]).toMatchObject({ kind: 'trashed', level: 3 })
  })

  it('gives each row the text type-ahead matches', () => {
    const rows = flattenTree(input())
    expect(rowText(rows[0]!)).toBe('Oxios')
    expect(rows.map(rowText)).toContain('web')
    expect(rows.map(rowText)).toContain('Unfiled')
  })

  // Speed is measured by `npm run bench`, not asserted here (timed assertions fail on a loaded machine).
  it('flattens thousands of sessions, each once, under its project', () => {
    const many = Array.from({ length: 20_000 }, (_, i) =>
      summary(`id${i}`, { project: `p${i % 50}`, updatedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString() }),
    )
    const rows = flattenTree(input({ sessions: many }))
    expect(rows.length).toBeGreaterThan(20_000)
    const sessionRows = rows.filter((row) => row.kind === 'session')
    expect(sessionRows).toHaveLength(20_000)
    expect(new Set(sessionRows.map((row) => row.id)).size).toBe(20_000)
  })
})

describe('Unfiled', () => {
  it('is not offered in ao-rs stores, whose sessions always live in a project folder', () => {
    const ao = { id: 'ao', format: 'ao' as const, root: '/home/u/.ao-rs/sessions', isSample: false, ...capabilitiesOf('ao') }
    const rows = flattenTree(
      input({ stores: [ao], sessions: [summary('x', { store: ao.root, format: 'ao', project: 'web' })], problems: [] }),
    )
    expect(describeRows(rows)).toEqual(['1 store ao (1)', '2 project web (1)', '3 session x', '2 trash (?)'])
  })
})
