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
  const present = new Set(sessions.map((s) => key(s.store, s.id)))
  const childrenOf = new Map<string, SessionSummary[]>()
  for (const session of sessions) {
    if (session.parentId === null || !present.has(key(session.store, session.parentId))) continue
    const siblings = childrenOf.get(key(session.store, session.parentId)) ?? []
    siblings.push(session)
    childrenOf.set(key(session.store, session.parentId), siblings)
  }
  const out: SessionSummary[] = []
  const emit = (session: SessionSummary) => {
    out.push(session)
    for (const child of [...(session.children ?? []), ...(childrenOf.get(key(session.store, session.id)) ?? [])]) emit(child)
  }
  for (const session of sessions) {
    if (session.parentId !== null && present.has(key(session.store, session.parentId))) continue
    emit(session)
  }
  return out
}

/** A session's summary without its nested children, for output that lists them separately. */
export function withoutChildren(session: SessionSummary): SessionSummary {
  if (!session.children) return session
  const { children: _children, ...rest } = session
  return rest
}
