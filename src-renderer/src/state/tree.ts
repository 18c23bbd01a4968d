// The project tree as the flat list of rows the virtualised view renders: stores, then their
// projects (by label, Unfiled last), then sessions (newest first, or by the chosen sort: see
// tree-sort.ts), plus each store's Problems and Trash entries. In the agent-log formats a session's sub-agents nest under it (see
// StoreView.nestsSubAgents). Pure: the same input always gives the same rows.
import type { Problem, SessionSummary } from '../../../src-shared/model'
import { parentForest } from '../../../src-shared/session-order'
import type { SessionRef, StoreId, StoreView } from '../../../src-shared/contract'
import { type TreeFilter, agentChoices, isFiltering, matchesFilter, parseFilter } from './filter'
import { storeLabel } from './format'
import { type ProjectLabel, labelOf, projectLabels } from './projects'
import { type TreeSort, DEFAULT_TREE_SORT, sessionOrder } from './tree-sort'
import { type TrashListing, sessionKey, storeIdOfProblem, storeIdOfSession, storeIdsByRoot } from './sessions'

interface RowBase {
  /** Stable across updates: selection, focus and expansion are kept by it. */
  id: string
  /** 1 store, 2 project (and Problems, Trash), 3 session, 4 and deeper its sub-agents. */
  level: number
  storeId: StoreId
  /** Position among its siblings (1-based) and their number, for aria-posinset/aria-setsize. */
  posInSet: number
  setSize: number
  /** Expandable rows only. */
  expanded?: boolean
}

export type TreeRow =
  | (RowBase & { kind: 'store'; store: StoreView; count: number; expanded: boolean })
  | (RowBase & { kind: 'project'; project: string | null; label: ProjectLabel; count: number; expanded: boolean })
  | (RowBase & {
      kind: 'session'
      session: SessionSummary
      /** Its sub-agents shown nested under it (direct ones); the row is expandable when there are some. */
      subAgents: number
      /** A sub-agent session (of a format that nests them), nested or not. */
      isSubAgent: boolean
    })
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

/**
 * Whether the store offers Unfiled as a place. ao-rs and Claude Code keep every session in a
 * project folder, and in stores whose sessions cannot move (Codex CLI, Gemini CLI) the agent
 * decides the project. Unfiled sessions such a store has are still listed.
 */
export function hasUnfiled(store: Pick<StoreView, 'canMove' | 'hasUnfiled'>): boolean {
  return store.canMove && store.hasUnfiled
}

/** Whether a node of this kind is open when the user has not said otherwise (the trash and sub-agents start closed). */
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
  /** How sessions are ordered within a project (default: newest update first). */
  sort?: TreeSort
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

/** A session as the tree places it: `container` is the session whose file records it inline, if any. */
interface Entry {
  session: SessionSummary
  container: SessionSummary | null
}

/** Every session with the sub-agents recorded inside its file (at any depth). */
function withInlineChildren(session: SessionSummary, container: SessionSummary | null, out: Entry[], depth = 0): void {
  out.push({ session, container })
  if (depth > 50) return
  for (const child of session.children ?? []) withInlineChildren(child, session, out, depth + 1)
}

/** The session a sub-agent belongs to: the one its parentId names, else the one whose file holds it. */
function parentIdOf(entry: Entry): string | null {
  return entry.session.parentId ?? entry.container?.id ?? null
}

/** Sub-agents in the order they started. */
function byStart(a: Entry, b: Entry): number {
  const x = a.session
  const y = b.session
  if (x.createdAt !== y.createdAt) return x.createdAt < y.createdAt ? -1 : 1
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0
}

/** What every store's rows are built with. */
interface Build {
  input: TreeInput
  filter: TreeFilter
  filtering: boolean
  order: (a: SessionSummary, b: SessionSummary) => number
  expanded: (id: string, kind: RowKind) => boolean
}

const base = (id: string, level: number, storeId: StoreId) => ({ id, level, storeId, posInSet: 0, setSize: 0 })

export function buildTree(input: TreeInput): Node[] {
  const { filter } = parseFilter(input.filter, agentChoices(input.stores))
  const build: Build = {
    input,
    filter,
    filtering: isFiltering(filter),
    order: sessionOrder(input.sort ?? DEFAULT_TREE_SORT),
    expanded: (id, kind) => isExpanded(input.expansion, id, kind),
  }
  const entriesPerStore = entriesByStore(input)
  const problemsPerStore = problemsByStore(input)
  return input.stores.map((store) => storeNode(build, store, entriesPerStore.get(store.id) ?? [], problemsPerStore.get(store.id) ?? []))
}

/** Each store's sessions, the sub-agents recorded inside their files included. */
function entriesByStore(input: TreeInput): Map<StoreId, Entry[]> {
  const byRoot = storeIdsByRoot(input.stores)
  const entriesPerStore = new Map<StoreId, Entry[]>()
  for (const store of input.stores) entriesPerStore.set(store.id, [])
  for (const session of input.sessions) {
    const storeId = storeIdOfSession(byRoot, session)
    const entries = storeId === undefined ? undefined : entriesPerStore.get(storeId)
    if (entries) withInlineChildren(session, null, entries)
  }
  return entriesPerStore
}

function problemsByStore(input: TreeInput): Map<StoreId, Problem[]> {
  const problemsPerStore = new Map<StoreId, Problem[]>()
  for (const problem of input.problems) {
    const storeId = storeIdOfProblem(input.stores, problem)
    if (storeId === undefined) continue
    const list = problemsPerStore.get(storeId) ?? []
    list.push(problem)
    problemsPerStore.set(storeId, list)
  }
  return problemsPerStore
}

function storeNode(build: Build, store: StoreView, entries: readonly Entry[], problems: readonly Problem[]): Node {
  // Labels come from every session of the store, so they do not change as the filter narrows.
  const labels = projectLabels(
    store.namesProjectsByPath,
    entries.map((entry) => entry.session),
  )
  const { children, count } = projectNodes(build, store, labels, entries)
  const problemsRow = problemsNode(build, store, problems)
  if (problemsRow) children.push(problemsRow)
  const trashRow = trashNode(build, store)
  if (trashRow) children.push(trashRow)
  const id = storeRowId(store.id)
  const open = build.expanded(id, 'store')
  return { row: { ...base(id, 1, store.id), kind: 'store', store, count, expanded: open }, children: open ? children : [] }
}

/** The sessions the filter and the archive switch leave shown, by project (Unfiled always among them). */
function shownByProject(
  build: Build,
  labels: ReadonlyMap<string | null, ProjectLabel>,
  entries: readonly Entry[],
): Map<string | null, Entry[]> {
  const filterText = (project: string | null) => {
    const label = labelOf(labels, project)
    return label.detail === null ? label.label : `${label.label} ${label.detail}`
  }
  const projects = new Map<string | null, Entry[]>([[null, []]])
  for (const entry of entries) {
    const { session } = entry
    if (session.archived && !build.input.showArchived) continue
    if (!matchesFilter(session, build.filter, filterText(session.project))) continue
    let list = projects.get(session.project)
    if (!list) projects.set(session.project, (list = []))
    list.push(entry)
  }
  return projects
}

/** The store's project rows, and how many sessions they list directly (the store's count). */
function projectNodes(
  build: Build,
  store: StoreView,
  labels: ReadonlyMap<string | null, ProjectLabel>,
  entries: readonly Entry[],
): { children: Node[]; count: number } {
  const projects = shownByProject(build, labels, entries)
  const children: Node[] = []
  let storeCount = 0
  const order = [...projects.keys()].sort(
    (a, b) =>
      byProjectName(a === null ? null : labelOf(labels, a).label, b === null ? null : labelOf(labels, b).label) || byProjectName(a, b),
  )
  for (const project of order) {
    const shown = projects.get(project) ?? []
    // Unfiled stays as a drop target while not filtering (in stores that offer it at all);
    // other empty projects are hidden.
    if (shown.length === 0 && (build.filtering || project !== null || !hasUnfiled(store))) continue
    const id = projectRowId(store.id, project)
    const open = build.expanded(id, 'project')
    const nodes = sessionNodes(build, store, shown)
    // A project's count, like its store's, is of the sessions listed directly under it: a
    // session's sub-agents are counted on its own row ("…, 2 sub-agents"), not here.
    const count = nodes.length
    storeCount += count
    children.push({
      row: { ...base(id, 2, store.id), kind: 'project', project, label: labelOf(labels, project), count, expanded: open },
      children: open ? nodes : [],
    })
  }
  return { children, count: storeCount }
}

/** A project's session rows, each shown sub-agent under its parent. */
function sessionNodes(build: Build, store: StoreView, shown: readonly Entry[]): Node[] {
  const nests = store.nestsSubAgents
  // Within a project, a shown sub-agent nests under its shown parent; one whose parent is
  // filtered out, archived away or not listed stays at the project level. Of sessions whose
  // parents name each other in a loop, the newest becomes a root.
  const shownIds = new Set(shown.map((entry) => entry.session.id))
  const { childrenOf, roots } = parentForest(
    shown,
    (entry) => entry.session.id,
    (entry) => {
      const parent = nests ? parentIdOf(entry) : null
      return parent === null || parent === entry.session.id || !shownIds.has(parent) ? null : parent
    },
    (a, b) => build.order(a.session, b.session),
  )
  const node = (entry: Entry, level: number, above: ReadonlySet<string>): Node => {
    const kids = (childrenOf.get(entry.session.id) ?? []).filter((kid) => !above.has(kid.session.id)).sort(byStart)
    const id = sessionRowId(store.id, entry.session.id)
    const open = kids.length > 0 && build.expanded(id, 'session')
    const row: TreeRow = {
      ...base(id, level, store.id),
      kind: 'session',
      session: entry.session,
      subAgents: kids.length,
      isSubAgent: nests && parentIdOf(entry) !== null,
      ...(kids.length > 0 ? { expanded: open } : {}),
    }
    if (!open) return { row, children: [] }
    const path = new Set(above).add(entry.session.id)
    return { row, children: kids.map((kid) => node(kid, level + 1, path)) }
  }
  return roots.map((entry) => node(entry, 3, new Set([entry.session.id])))
}

function problemsNode(build: Build, store: StoreView, problems: readonly Problem[]): Node | null {
  if (problems.length === 0) return null
  const id = problemsRowId(store.id)
  const open = build.expanded(id, 'problems')
  return {
    row: { ...base(id, 2, store.id), kind: 'problems', count: problems.length, expanded: open },
    children: open
      ? problems.map((problem) => leaf({ ...base(`problem\u241f${problem.path}`, 3, store.id), kind: 'problem', problem }))
      : [],
  }
}

/** The store's Trash row: hidden while filtering when nothing in it matches. */
function trashNode(build: Build, store: StoreView): Node | null {
  const listing = build.input.trash[store.id]
  const trashed = (listing?.sessions ?? []).filter((session) => matchesFilter(session, build.filter)).sort(build.order)
  if (build.filtering && trashed.length === 0) return null
  const id = trashRowId(store.id)
  const open = build.expanded(id, 'trash')
  const known = listing !== undefined && listing.status === 'ready'
  return {
    row: {
      ...base(id, 2, store.id),
      kind: 'trash',
      count: known ? trashed.length : null,
      loading: listing?.status === 'loading',
      expanded: open,
    },
    children: open
      ? trashed.map((session) => leaf({ ...base(trashedRowId(store.id, session.id), 3, store.id), kind: 'trashed', session }))
      : [],
  }
}

/**
 * The rows to expand so a session shows in the tree: its store, its project and, for a sub-agent,
 * the sessions it nests under. Rows that turn out not to be its ancestors (a filtered-out
 * parent) are harmless to expand.
 */
export function rowIdsToReveal(stores: readonly StoreView[], sessions: readonly SessionSummary[], ref: SessionRef): string[] {
  const store = stores.find((s) => s.id === ref.storeId)
  if (!store) return []
  const byRoot = storeIdsByRoot(stores)
  const entries: Entry[] = []
  for (const session of sessions) if (storeIdOfSession(byRoot, session) === store.id) withInlineChildren(session, null, entries)
  const byId = new Map(entries.map((entry) => [entry.session.id, entry]))
  const entry = byId.get(ref.id)
  if (!entry) return []
  const ids = [storeRowId(store.id), projectRowId(store.id, entry.session.project)]
  if (!store.nestsSubAgents) return ids
  const seen = new Set([entry.session.id])
  let parent = byId.get(parentIdOf(entry) ?? '')
  while (parent && !seen.has(parent.session.id) && parent.session.project === entry.session.project) {
    seen.add(parent.session.id)
    ids.push(sessionRowId(store.id, parent.session.id))
    parent = byId.get(parentIdOf(parent) ?? '')
  }
  return ids
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
  if (row.kind === 'session') return row.subAgents > 0
  return row.kind === 'store' || row.kind === 'project' || row.kind === 'problems' || row.kind === 'trash'
}

/** The text type-ahead matches a row by. */
export function rowText(row: TreeRow): string {
  switch (row.kind) {
    case 'store':
      return storeLabel(row.store)
    case 'project':
      return row.label.label
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
