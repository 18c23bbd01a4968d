import type { SessionSummary } from '../../src-shared/model'

export type Lookup =
  | { kind: 'found'; session: SessionSummary }
  | { kind: 'ambiguous'; matches: SessionSummary[] }
  | { kind: 'not-found' }
  | { kind: 'empty-query' }

export interface LookupOptions {
  /**
   * true (a person typing an id): case-insensitive, and an unambiguous prefix is enough.
   * false (an id the app itself listed): the id exactly, so a session that went away can never
   * be mistaken for another whose id it begins.
   */
  prefix: boolean
}

/**
 * The one id resolution of every shell. A full id wins even when it begins another. Several files
 * with that id: an active one is taken over archived copies, and only when active (or, failing
 * that, archived) files tie is the id ambiguous.
 */
export function findSession(sessions: readonly SessionSummary[], query: string, options: LookupOptions = { prefix: true }): Lookup {
  const wanted = options.prefix ? query.trim().toLowerCase() : query
  if (wanted.trim() === '') return { kind: 'empty-query' }
  const idOf = options.prefix ? (session: SessionSummary) => session.id.toLowerCase() : (session: SessionSummary) => session.id
  const exact = sessions.filter((session) => idOf(session) === wanted)
  if (exact.length > 0) {
    const active = exact.filter((session) => !session.archived)
    const tied = active.length > 0 ? active : exact
    return tied.length === 1 ? { kind: 'found', session: tied[0] as SessionSummary } : { kind: 'ambiguous', matches: tied }
  }
  if (!options.prefix) return { kind: 'not-found' }
  const matches = sessions.filter((session) => idOf(session).startsWith(wanted))
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

/** Why a lookup found nothing usable, in the words an operation's report uses; null when it found one. */
export function lookupRefusal(lookup: Lookup, notFound: string): string | null {
  switch (lookup.kind) {
    case 'found':
      return null
    case 'empty-query':
      return 'empty id'
    case 'not-found':
      return notFound
    case 'ambiguous':
      return `ambiguous: ${sameIdFiles(lookup.matches) ?? `matches ${lookup.matches.length} sessions`}`
  }
}
