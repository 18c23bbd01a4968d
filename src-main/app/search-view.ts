import { SEARCH_MARKS, type SearchResultView } from '../../src-shared/contract'
import type { SearchResult } from '../core/search/search'
import { storeIdOf } from './open-stores'

export { SEARCH_MARKS }

/** A search's answer as the contract carries it: each hit's session named by its store's id, never its path. */
export function searchResultView(result: SearchResult): SearchResultView {
  return {
    total: result.total,
    hits: result.hits.map((hit) => ({
      ref: { storeId: storeIdOf({ format: hit.format, root: hit.store }), id: hit.sessionId },
      title: hit.title,
      project: hit.project,
      turn: hit.turn,
      step: hit.step,
      field: hit.field,
      snippet: hit.snippet,
      score: hit.score,
      at: hit.at,
    })),
  }
}
