// The agent-log formats in the tree: sub-agents nested under their parent, Claude Code projects
// named after their working directory, stores whose sessions cannot move.
import { describe, expect, it } from 'vitest'
import { STORE_A, STORE_CLAUDE, STORE_CODEX, claude, summary } from '../../support/summaries'
import {
  type TreeInput,
  type TreeRow,
  flattenTree,
  isExpandable,
  projectRowId,
  rowIdsToReveal,
  rowText,
  sessionRowId,
} from '../../../src-renderer/src/state/tree'
import { findSession } from '../../../src-renderer/src/state/sessions'
import { navigate } from '../../../src-renderer/src/state/tree-nav'
import { capabilitiesOf } from '../../../src-main/core/formats/registry'

const input = (over: Partial<TreeInput> = {}): TreeInput => ({
  stores: [STORE_CLAUDE],
  sessions: [],
  problems: [],
  trash: {},
  filter: '',
  showArchived: false,
  expansion: {},
  ...over,
})

const describeRows = (rows: TreeRow[]) =>
  rows.map((row) => {
    switch (row.kind) {
      case 'store':
        return `${row.level} store (${row.count})`
      case 'project':
        return `${row.level} project ${row.label.label} (${row.count})`
      case 'session':
        return `${row.level} ${row.session.id}${row.subAgents ? ` [${row.subAgents}${row.expanded ? ' open' : ''}]` : ''}`
      default:
        return `${row.level} ${row.kind}`
    }
  })

const parent = claude('p', { title: 'Parent', updatedAt: '2026-11-21T10:00:00.000Z' })
const fileChildB = claude('agent-b', { parentId: 'p', createdAt: '2026-11-21T09:30:00.000Z', updatedAt: '2026-11-21T09:40:00.000Z' })
const fileChildA = claude('agent-a', { parentId: 'p', createdAt: '2026-11-21T09:00:00.000Z', updatedAt: '2026-11-21T09:50:00.000Z' })
const grandchild = claude('agent-a-1', { parentId: 'agent-a', createdAt: '2026-11-21T09:05:00.000Z' })
const other = claude('q', { title: 'Other', updatedAt: '2026-11-20T10:00:00.000Z' })
const inlineParent = claude('old', {
  title: 'Old style',
  updatedAt: '2026-11-19T10:00:00.000Z',
  children: [
    claude('agent-i1', {
      parentId: 'old',
      path: `${STORE_CLAUDE.root}/-home-u-src-app/old.jsonl`,
      title: 'Inline one',
      createdAt: '2026-11-19T09:00:00.000Z',
    }),
    claude('agent-i2', {
      parentId: 'old',
      path: `${STORE_CLAUDE.root}/-home-u-src-app/old.jsonl`,
      title: 'Inline two',
      createdAt: '2026-11-19T09:10:00.000Z',
    }),
  ],
})
const sessions = [parent, fileChildB, fileChildA, grandchild, other, inlineParent]

describe('sub-agents in the tree', () => {
  it('nest under their parent, which starts collapsed; projects count the sessions listed directly under them', () => {
    expect(describeRows(flattenTree(input({ sessions })))).toEqual([
      '1 store (3)',
      '2 project app (3)',
      '3 p [2]',
      '3 q',
      '3 old [2]',
      '2 trash',
    ])
  })

  it('open level by level, in the order they started, sub-sub-agents one level deeper', () => {
    const rows = flattenTree(
      input({
        sessions,
        expansion: { [sessionRowId('c', 'p')]: true, [sessionRowId('c', 'agent-a')]: true, [sessionRowId('c', 'old')]: true },
      }),
    )
    expect(describeRows(rows)).toEqual([
      '1 store (3)',
      '2 project app (3)',
      '3 p [2 open]',
      '4 agent-a [1 open]',
      '5 agent-a-1',
      '4 agent-b',
      '3 q',
      '3 old [2 open]',
      '4 agent-i1',
      '4 agent-i2',
      '2 trash',
    ])
    const child = rows.find((row) => row.id === sessionRowId('c', 'agent-b'))
    expect(child).toMatchObject({ posInSet: 2, setSize: 2, isSubAgent: true, subAgents: 0 })
    expect(child && isExpandable(child)).toBe(false)
    const top = rows.find((row) => row.id === sessionRowId('c', 'p'))
    expect(top).toMatchObject({ isSubAgent: false, subAgents: 2, expanded: true, posInSet: 1, setSize: 3 })
    expect(top && isExpandable(top)).toBe(true)
  })

  it('gives inline sub-agents (sharing their parent file) row ids by store and id', () => {
    const rows = flattenTree(input({ sessions, expansion: { [sessionRowId('c', 'old')]: true } }))
    const inline = rows.find((row) => row.id === sessionRowId('c', 'agent-i1'))
    expect(inline?.kind === 'session' && inline.session.path).toBe(`${STORE_CLAUDE.root}/-home-u-src-app/old.jsonl`)
  })

  it('lists a sub-agent at the project level when its parent is filtered out, archived away or not listed', () => {
    const filtered = flattenTree(input({ sessions, filter: 'agent-b' }))
    expect(describeRows(filtered)).toEqual(['1 store (1)', '2 project app (1)', '3 agent-b'])
    const inlineOnly = flattenTree(input({ sessions, filter: 'inline two' }))
    expect(describeRows(inlineOnly)).toEqual(['1 store (1)', '2 project app (1)', '3 agent-i2'])
    expect(inlineOnly[2]).toMatchObject({ isSubAgent: true })
    const archived = flattenTree(input({ sessions: [{ ...parent, archived: true }, fileChildA] }))
    expect(describeRows(archived)).toEqual(['1 store (1)', '2 project app (1)', '3 agent-a', '2 trash'])
    const orphan = flattenTree(input({ sessions: [claude('lost', { parentId: 'gone' })] }))
    expect(describeRows(orphan)).toEqual(['1 store (1)', '2 project app (1)', '3 lost', '2 trash'])
  })

  it('survives parents that name each other', () => {
    const loop = [claude('x1', { parentId: 'x2' }), claude('x2', { parentId: 'x1' })]
    const rows = flattenTree(input({ sessions: loop, expansion: { [sessionRowId('c', 'x1')]: true, [sessionRowId('c', 'x2')]: true } }))
    expect(
      rows
        .filter((row) => row.kind === 'session')
        .map((row) => row.id)
        .sort(),
    ).toEqual([sessionRowId('c', 'x1'), sessionRowId('c', 'x2')])
  })

  it('keeps ao-rs workers (spawned_by) flat: they are sessions in their own right', () => {
    const ao = { id: 'ao', format: 'ao' as const, root: '/home/u/.ao-rs/sessions', isSample: false, ...capabilitiesOf('ao') }
    const rows = flattenTree(
      input({
        stores: [ao],
        sessions: [
          summary('boss', { store: ao.root, format: 'ao', project: 'web', updatedAt: '2026-11-21T10:00:00.000Z' }),
          summary('worker', { store: ao.root, format: 'ao', project: 'web', parentId: 'boss', updatedAt: '2026-11-20T10:00:00.000Z' }),
        ],
      }),
    )
    expect(describeRows(rows)).toEqual(['1 store (2)', '2 project web (2)', '3 boss', '3 worker', '2 trash'])
  })

  it('expand with ArrowRight and collapse with ArrowLeft, like other nodes', () => {
    const rows = flattenTree(input({ sessions }))
    const at = rows.findIndex((row) => row.id === sessionRowId('c', 'p'))
    expect(navigate(rows, at, 'ArrowRight')).toEqual({ type: 'expand', id: sessionRowId('c', 'p'), expanded: true })
    const open = flattenTree(input({ sessions, expansion: { [sessionRowId('c', 'p')]: true } }))
    expect(navigate(open, at, 'ArrowRight')).toEqual({ type: 'focus', index: at + 1 })
    expect(navigate(open, at, 'ArrowLeft')).toEqual({ type: 'expand', id: sessionRowId('c', 'p'), expanded: false })
    expect(navigate(open, at + 1, 'ArrowLeft')).toEqual({ type: 'focus', index: at })
  })

  it('finds the rows to expand to reveal a sub-agent, and finds inline sub-agents', () => {
    expect(rowIdsToReveal([STORE_CLAUDE], sessions, { storeId: 'c', id: 'agent-a-1' })).toEqual([
      'store\u241fc',
      projectRowId('c', '-home-u-src-app'),
      sessionRowId('c', 'agent-a'),
      sessionRowId('c', 'p'),
    ])
    expect(rowIdsToReveal([STORE_CLAUDE], sessions, { storeId: 'c', id: 'agent-i2' })).toContain(sessionRowId('c', 'old'))
    expect(rowIdsToReveal([STORE_CLAUDE], sessions, { storeId: 'c', id: 'nope' })).toEqual([])
    expect(findSession([STORE_CLAUDE], sessions, { storeId: 'c', id: 'agent-i2' })?.title).toBe('Inline two')
    expect(findSession([STORE_CLAUDE, STORE_A], sessions, { storeId: 'a', id: 'agent-i2' })).toBeUndefined()
  })
})

describe('Claude Code project labels', () => {
  const projects = [
    claude('h', { project: '-home-u-src-app', projectPath: '/home/u/src/app' }),
    claude('w', { project: '-home-u-work-app', projectPath: '/home/u/work/app' }),
    claude('n', { project: '-home-u-notes', projectPath: null }),
    claude('z', { project: '-home-u-src-zeta_v2', projectPath: '/home/u/src/zeta_v2' }),
  ]
  const rows = flattenTree(input({ sessions: projects }))
  const projectRows = rows.filter((row): row is Extract<TreeRow, { kind: 'project' }> => row.kind === 'project')

  it('shows the last segment of the working directory, the cwd as secondary text, the folder key as tooltip', () => {
    expect(projectRows.map((row) => row.label.label)).toEqual(['-home-u-notes', 'app', 'app', 'zeta_v2'])
    expect(projectRows[1]?.label).toEqual({ label: 'app', name: 'app', detail: '/home/u/src/app', tooltip: '-home-u-src-app' })
    expect(projectRows[2]?.label.detail).toBe('/home/u/work/app')
    // No session records a cwd: the key it is.
    expect(projectRows[0]?.label).toMatchObject({ label: '-home-u-notes', detail: null })
  })

  it('is what type-ahead and the filter match', () => {
    expect(rows.map(rowText)).toContain('zeta_v2')
    // "zeta_v2" is not in the folder key (Claude Code wrote "zeta-v2"), only in the label.
    expect(
      flattenTree(input({ sessions: projects, filter: 'zeta_v2' }))
        .filter((row) => row.kind === 'session')
        .map((row) => row.id),
    ).toEqual([sessionRowId('c', 'z')])
    expect(flattenTree(input({ sessions: projects, filter: 'work/app' })).filter((row) => row.kind === 'session')).toHaveLength(1)
  })
})

describe('stores whose sessions cannot move', () => {
  it('offer no Unfiled drop target, yet list the unfiled sessions they have', () => {
    const codex = (id: string, project: string | null) => summary(id, { store: STORE_CODEX.root, format: 'codex', project })
    expect(describeRows(flattenTree(input({ stores: [STORE_CODEX], sessions: [codex('x1', '/home/u/src/api')] })))).toEqual([
      '1 store (1)',
      '2 project api (1)',
      '3 x1',
      '2 trash',
    ])
    expect(describeRows(flattenTree(input({ stores: [STORE_CODEX], sessions: [codex('x2', null)] })))).toEqual([
      '1 store (1)',
      '2 project Unfiled (1)',
      '3 x2',
      '2 trash',
    ])
  })
})
