import type { SessionSummary } from './model'

export type Lookup =
  | { kind: 'found'; session: SessionSummary }
  | { kind: 'ambiguous'; matches: SessionSummary[] }
  | { kind: 'not-found' }
  | { kind: 'empty-query' }

/** Finds a session by its full id or an unambiguous prefix of it (case-insensitive). */
export function findSession(sessions: readonly SessionSummary[], query: string): Lookup {
  const wanted = query.trim().toLowerCase()
  if (wanted === '') return { kind: 'empty-query' }
  const exact = sessions.filter((session) => session.id.toLowerCase() === wanted)
  if (exact.length === 1) return { kind: 'found', session: exact[0] as SessionSummary }
  const matches = exact.length > 1 ? exact : sessions.filter((session) => session.id.toLowerCase().startsWith(wanted))
  if (matches.length === 0) return { kind: 'not-found' }
  if (matches.length === 1) return { kind: 'found', session: matches[0] as SessionSummary }
  return { kind: 'ambiguous', matches }
}
