// Pure ordering shared by the core and the renderer (no Node APIs here).
import type { SessionSummary } from './model'

/** Newest update first; ties broken by id so the order is stable. */
export function compareSessions(a: SessionSummary, b: SessionSummary): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}
