import type { SessionSummary } from '../../src-shared/model'

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

/**
 * Several files holding one id (copies an agent or the user made) cannot be told apart by the
 * id: name their files, so the user can tell which is which and settle it by hand.
 */
export function sameIdFiles(matches: readonly SessionSummary[]): string | null {
  const [first] = matches
  if (!first || matches.some((match) => match.id !== first.id)) return null
  return `${matches.length} session files have the id ${first.id}: ${matches.map((match) => match.path).join(', ')}`
}
