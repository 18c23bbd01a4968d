// The project tree as the flat list of rows the virtualised view renders: stores, then their
// projects (by name, Unfiled last), then sessions (newest first), plus each store's Problems and
// Trash entries. Pure: the same input always gives the same rows.
import type { Problem, SessionSummary } from '../../../src-main/core/model'
import { compareSessions } from '../../../src-main/core/session-order'
import type { StoreId, StoreView } from '../../../src-main/ipc/contract'
import { matchesFilter, parseFilter } from './filter'
import { projectShortName, storeLabel } from './format'
import { type TrashListing, sessionKey, storeIdOfProblem, storeIdOfSession, storeIdsByRoot } from './sessions'

interface RowBase {
  /** Stable across updates: selection, focus and expansion are kept by it. */
  id: string
  level: 1 | 2 | 3
  storeId: StoreId
  /** Position among its siblings (1-based) and their number, for aria-posinset/aria-setsize. */
  posInSet: number
  setSize: number
  /** Expandable rows only. */
  expanded?: boolean
}

export type TreeRow =
  | (RowBase & { kind: 'store'; store: StoreView; count: number; expanded: boolean })
  | (RowBase & { kind: 'project'; project: string | null; count: number; expanded: boolean })
  | (RowBase & { kind: 'session'; session: SessionSummary })
  | (RowBase & { kind: 'problems'; count: number; expanded: boolean })
  | (RowBase & { kind: 'problem'; problem: Problem })
  | (RowBase & { kind: 'trash'; count: number | null; loading: boolean; expanded: boolean })
  | (RowBase & { kind: 'trashed'; session: SessionSummary })

export type RowKind = TreeRow['kind']

export const storeRowId = (storeId: StoreId) => `store\u241f${storeId}`
export const projectRowId = (storeId: StoreId, project: string | null) =>
  project === null ? `unfiled\u241f${storeId}` : `project\u241f${storeId}\u241f${project}`
export const problemsRowId = (storeId: StoreId) => `problems\u241f${storeId}`
export const trashRowId = (storeId: StoreId) => `trash\u241f${storeId}`
export const sessionRowId = (storeId: StoreId, id: string) => sessionKey(storeId, id)
export const trashedRowId = (storeId: StoreId, id: string) => `trashed\u241f${storeId}\u241f${id}`

/** ao-rs keeps every session in a project folder: it has no Unfiled sessions to show or move to. */
export function hasUnfiled(store: Pick<StoreView, 'format'>): boolean {
  return store.format !== 'ao'
}

/** Whether a node of this kind is open when the user has not said otherwise (the trash starts closed). */
export function defaultExpanded(kind: RowKind): boolean {
  return kind === 'store' || kind === 'project' || kind === 'problems'
}

export function isExpanded(expansion: Readonly<Record<string, boolean>>, id: string, kind: RowKind): boolean {
  return expansion[id] ?? defaultExpanded(kind)
}

export interface TreeInput {
  stores: readonly StoreView[]
  sessions: readonly SessionSummary[]
  problems: readonly Problem[]
  trash: Readonly<Record<StoreId, TrashListing | undefined>>
  filter: string
  showArchived: boolean
  /** Explicit open/closed choices by row id; the rest follow defaultExpanded. */
  expansion: Readonly<Record<string, boolean>>
}

interface Node {
  row: TreeRow
  children: Node[]
}

function byProjectName(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  const la = a.toLowerCase()
  const lb = b.toLowerCase()
  if (la !== lb) return la < lb ? -1 : 1
  return a < b ? -1 : 1
}

function leaf(row: TreeRow): Node {
  return { row, children: [] }
}

export function buildTree(input: TreeInput): Node[] {
  const words = parseFilter(input.filter)
  const filtering = words.length > 0
  const byRoot = storeIdsByRoot(input.stores)
  const perStore = new Map<StoreId, Map<string | null, SessionSummary[]>>()
  for (const store of input.stores) perStore.set(store.id, new Map([[null, []]]))
  for (const session of input.sessions) {
    if (session.archived && !input.showArchived) continue
    if (!matchesFilter(session, words)) continue
    const storeId = storeIdOfSession(byRoot, session)
    const projects = storeId === undefined ? undefined : perStore.get(storeId)
    if (!projects) continue
    let list = projects.get(session.project)
    if (!list) projects.set(session.project, (list = []))
    list.push(session)
  }
  const problemsPerStore = new Map<StoreId, Problem[]>()
  for (const problem of input.problems) {
    const storeId = storeIdOfProblem(input.stores, problem)
    if (storeId === undefined) continue
    const list = problemsPerStore.get(storeId) ?? []
    list.push(problem)
    problemsPerStore.set(storeId, list)
  }

  const expanded = (id: string, kind: RowKind) => isExpanded(input.expansion, id, kind)
  const base = (id: string, level: 1 | 2 | 3, storeId: StoreId) => ({ id, level, storeId, posInSet: 0, setSize: 0 })

  return input.stores.map((store) => {
    const projects = perStore.get(store.id) ?? new Map<string | null, SessionSummary[]>()
    const children: Node[] = []
    let storeCount = 0
    for (const project of [...projects.keys()].sort(byProjectName)) {
      const sessions = (projects.get(project) ?? []).slice().sort(compareSessions)
      storeCount += sessions.length
      // Unfiled stays as a drop target while not filtering (in formats that have unfiled
      // sessions at all); other empty projects are hidden.
      if (sessions.length === 0 && (filtering || project !== null || !hasUnfiled(store))) continue
      const id = projectRowId(store.id, project)
      const open = expanded(id, 'project')
      children.push({
        row: { ...base(id, 2, store.id), kind: 'project', project, count: sessions.length, expanded: open },
        children: open ? sessions.map((session) => leaf({ ...base(sessionRowId(store.id, session.id), 3, store.id), kind: 'session', session })) : [],
      })
    }
    const problems = problemsPerStore.get(store.id) ?? []
    if (problems.length > 0) {
      const id = problemsRowId(store.id)
      const open = expanded(id, 'problems')
      children.push({
        row: { ...base(id, 2, store.id), kind: 'problems', count: problems.length, expanded: open },
        children: open ? problems.map((problem) => leaf({ ...base(`problem\u241f${problem.path}`, 3, store.id), kind: 'problem', problem })) : [],
      })
    }
    const listing = input.trash[store.id]
    const trashed = (listing?.sessions ?? []).filter((session) => matchesFilter(session, words)).sort(compareSessions)
    if (!filtering || trashed.length > 0) {
      const id = trashRowId(store.id)
      const open = expanded(id, 'trash')
      const known = listing !== undefined && listing.status === 'ready'
      children.push({
        row: { ...base(id, 2, store.id), kind: 'trash', count: known ? trashed.length : null, loading: listing?.status === 'loading', expanded: open },
        children: open ? trashed.map((session) => leaf({ ...base(trashedRowId(store.id, session.id), 3, store.id), kind: 'trashed', session })) : [],
      })
    }
    const id = storeRowId(store.id)
    const open = expanded(id, 'store')
    return { row: { ...base(id, 1, store.id), kind: 'store', store, count: storeCount, expanded: open }, children: open ? children : [] }
  })
}

/** The rows in view order, with aria-posinset/aria-setsize filled in. */
export function flattenTree(input: TreeInput): TreeRow[] {
  const rows: TreeRow[] = []
  const walk = (nodes: Node[]) => {
    nodes.forEach((node, i) => {
      rows.push({ ...node.row, posInSet: i + 1, setSize: nodes.length })
      walk(node.children)
    })
  }
  walk(buildTree(input))
  return rows
}

export function isExpandable(row: TreeRow): boolean {
  return row.kind === 'store' || row.kind === 'project' || row.kind === 'problems' || row.kind === 'trash'
}

/** The text type-ahead matches a row by. */
export function rowText(row: TreeRow): string {
  switch (row.kind) {
    case 'store':
      return storeLabel(row.store)
    case 'project':
      return projectShortName(row.project)
    case 'session':
    case 'trashed':
      return row.session.title
    case 'problems':
      return 'Problems'
    case 'problem':
      return row.problem.path
    case 'trash':
      return 'Trash'
  }
}
