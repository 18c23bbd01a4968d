// Pure ordering and nesting shared by the core and the renderer (no Node APIs here).
import type { SessionSummary } from './model'

/** Newest update first; ties broken by id so the order is stable. */
export function compareSessions(a: SessionSummary, b: SessionSummary): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** Items placed under their parents. */
export interface ParentForest<T, K> {
  /** The items at the top, then the first item of each loop of parents that none of those reaches. */
  roots: T[]
  /** Each parent's children, by the parent's key, in the items' order. */
  childrenOf: ReadonlyMap<K, readonly T[]>
}

/**
 * Groups items under their parents: `parentKeyOf` gives the key of an item's parent, or null for
 * an item at the top (one without a parent among the items). `order` sorts the roots, and picks
 * which item of a loop becomes one; without it, the items' order does.
 */
export function parentForest<T, K>(
  items: readonly T[],
  keyOf: (item: T) => K,
  parentKeyOf: (item: T) => K | null,
  order?: (a: T, b: T) => number,
): ParentForest<T, K> {
  const childrenOf = new Map<K, T[]>()
  const roots: T[] = []
  for (const item of items) {
    const parent = parentKeyOf(item)
    if (parent === null) {
      roots.push(item)
      continue
    }
    const siblings = childrenOf.get(parent) ?? []
    siblings.push(item)
    childrenOf.set(parent, siblings)
  }
  // Items whose parents name each other in a loop are reached from no root; they are still listed.
  const reached = new Set<K>()
  const reach = (key: K) => {
    reached.add(key)
    for (const child of childrenOf.get(key) ?? []) if (!reached.has(keyOf(child))) reach(keyOf(child))
  }
  if (order) roots.sort(order)
  roots.forEach((root) => reach(keyOf(root)))
  if (reached.size < items.length) {
    const unreached = items.filter((item) => !reached.has(keyOf(item)))
    for (const item of order ? unreached.sort(order) : unreached) {
      if (reached.has(keyOf(item))) continue
      roots.push(item)
      reach(keyOf(item))
    }
  }
  return { roots, childrenOf }
}

/**
 * Every session with its sub-agents placed right after it: those recorded inside its own file
 * (`children`) and those with a file of their own whose parentId names it in the same store.
 * Each parent stays where compareSessions puts it; orphans (a parent not listed) stay in place.
 */
export function withChildrenAfterParents(sessions: readonly SessionSummary[]): SessionSummary[] {
  const key = (store: string, id: string) => `${store}\u0000${id}`
  const parentsById = new Map<string, SessionSummary[]>()
  for (const session of sessions) {
    const list = parentsById.get(key(session.store, session.id)) ?? []
    list.push(session)
    parentsById.set(key(session.store, session.id), list)
  }
  // Ids are unique in real stores; where two sessions share one, the parent in the child's own
  // project is the one that started it.
  const parentOf = (session: SessionSummary): SessionSummary | null => {
    if (session.parentId === null) return null
    const candidates = parentsById.get(key(session.store, session.parentId)) ?? []
    const parent = candidates.find((candidate) => candidate.project === session.project) ?? candidates[0]
    return parent === undefined || parent === session ? null : parent
  }
  const { roots, childrenOf } = parentForest(sessions, (session) => session, parentOf)
  const out: SessionSummary[] = []
  const emitted = new Set<SessionSummary>()
  const emit = (session: SessionSummary) => {
    if (emitted.has(session)) return
    emitted.add(session)
    out.push(session)
    for (const child of [...(session.children ?? []), ...(childrenOf.get(session) ?? [])]) emit(child)
  }
  roots.forEach(emit)
  return out
}

/** A session's summary without its nested children, for output that lists them separately. */
export function withoutChildren(session: SessionSummary): SessionSummary {
  if (!session.children) return session
  const { children: _children, ...rest } = session
  return rest
}

/** When the session last saw activity from its agent (see SessionSummary.lastActivityAt). */
export function lastActivityOf(session: Pick<SessionSummary, 'updatedAt' | 'lastActivityAt'>): string {
  return session.lastActivityAt ?? session.updatedAt
}
