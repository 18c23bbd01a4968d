import { type PrunePreview, SEARCH_MARKS, type SearchResultView } from '../../src-shared/contract'
import type { PrunePlan } from '../core/operations/prune'
import type { SearchResult } from '../core/search/search'
import { storeIdOf } from './open-stores'

// What the contract carries of the core's answers: what the renderer shows, sessions named by ref,
// never by path.

export { SEARCH_MARKS }

/** A search's answer as the contract carries it: each hit's session named by its store's id, never its path. */
export function searchResultView(result: SearchResult): SearchResultView {
  return {
    total: result.total,
    ...(result.totalIsLowerBound ? { totalIsLowerBound: true } : {}),
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

/** A prune plan as the dialog previews it. */
export function prunePreviewView(plan: PrunePlan): PrunePreview {
  return {
    action: plan.action,
    sessions: plan.sessions.map((s) => ({ id: s.id, title: s.title, project: s.project, updatedAt: s.updatedAt, bytes: s.bytes })),
    skipped: plan.skipped,
    totalBytes: plan.sessions.reduce((sum, s) => sum + s.bytes, 0),
  }
}
