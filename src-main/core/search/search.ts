import type { IndexDatabase } from '../index-db/index-database'
import { type SessionTextHit, searchSessionTexts } from '../index-db/index-search'
import type { Store } from '../../../src-shared/model'
import { ftsMatchOf, parseSearchQuery } from './query'

// A search as a user types it, answered from the index: the query language parsed, its words as an
// FTS5 expression, its filters as conditions on the texts and their sessions.

export interface SearchResult {
  /** How many texts match in all (the hits are the best `limit` of them), counted up to SEARCH_CAP (index-search.ts). */
  total: number
  /** More texts match than were counted (a very common word): there are at least `total`. */
  totalIsLowerBound: boolean
  hits: SessionTextHit[]
}

export type SearchOutcome = { ok: true; value: SearchResult } | { ok: false; error: string }

export interface SearchRequestOptions {
  stores: readonly Store[]
  limit?: number
  /** What goes around a matched term in a snippet. */
  marks?: readonly [string, string]
}

export function searchIndex(index: IndexDatabase, text: string, options: SearchRequestOptions): SearchOutcome {
  const parsed = parseSearchQuery(text)
  if (!parsed.ok) return { ok: false, error: parsed.error }
  const { filters } = parsed.query
  const outcome = searchSessionTexts(
    index,
    ftsMatchOf(parsed.query),
    {
      projects: filters.projects,
      formats: filters.agents,
      models: filters.models,
      tools: filters.tools,
      errorsOnly: filters.errorsOnly,
      after: filters.after,
      before: filters.before,
      fields: filters.fields,
    },
    { stores: options.stores, ...(options.limit ? { limit: options.limit } : {}), ...(options.marks ? { marks: options.marks } : {}) },
  )
  return outcome.ok
    ? { ok: true, value: { total: outcome.total, totalIsLowerBound: outcome.totalIsLowerBound, hits: outcome.hits } }
    : outcome
}
