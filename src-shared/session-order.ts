// Pure ordering shared by the core and the renderer (no Node APIs here).
import type { SessionSummary } from './model'

/** Newest update first; ties broken by id so the order is stable. */
export function compareSessions(a: SessionSummary, b: SessionSummary): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
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
  const parentOf = (session: SessionSummary): SessionSummary | undefined => {
    if (session.parentId === null) return undefined
    const candidates = parentsById.get(key(session.store, session.parentId)) ?? []
    return candidates.find((candidate) => candidate.project === session.project) ?? candidates[0]
  }
  const childrenOf = new Map<SessionSummary, SessionSummary[]>()
  for (const session of sessions) {
    const parent = parentOf(session)
    if (!parent || parent === session) continue
    const siblings = childrenOf.get(parent) ?? []
    siblings.push(session)
    childrenOf.set(parent, siblings)
  }
  const out: SessionSummary[] = []
  const emitted = new Set<SessionSummary>()
  const emit = (session: SessionSummary) => {
    if (emitted.has(session)) return
    emitted.add(session)
    out.push(session)
    for (const child of [...(session.children ?? []), ...(childrenOf.get(session) ?? [])]) emit(child)
  }
  for (const session of sessions) {
    const parent = parentOf(session)
    if (parent && parent !== session) continue
    emit(session)
  }
  // Anything left (a cycle of parents) is still listed.
  for (const session of sessions) emit(session)
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
