// The search box's state as pure transitions: what was typed, which answer is shown (only the
// newest query's: an older answer that arrives late is dropped), and which hit is active.
import type { Outcome, SearchField, SearchHitView, SearchResultView, SessionRef } from '../../../src-shared/contract'

export interface SearchState {
  query: string
  /** Counts the queries typed; an answer carries the number of the query it answers. */
  seq: number
  status: 'idle' | 'searching' | 'ready' | 'error'
  result: SearchResultView | null
  /** Why the query was refused (a malformed query's message), when status is 'error'. */
  error: string | null
  /** Index of the active hit in `orderedHits` order; -1: none. */
  active: number
}

export const initialSearch: SearchState = { query: '', seq: 0, status: 'idle', result: null, error: null, active: -1 }

/** Hits of one session, in the order the best hit of each session ranks. */
export interface SearchGroup {
  ref: SessionRef
  title: string
  project: string | null
  hits: Array<{ hit: SearchHitView; index: number }>
}

const refKey = (ref: SessionRef) => `${ref.storeId}\n${ref.id}`

/** Groups the hits by session, each group where its best hit ranked; `index` numbers the hits as shown. */
export function groupHits(hits: readonly SearchHitView[]): SearchGroup[] {
  const groups = new Map<string, SearchGroup>()
  for (const hit of hits) {
    const key = refKey(hit.ref)
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { ref: hit.ref, title: hit.title, project: hit.project, hits: [] }))
    group.hits.push({ hit, index: -1 })
  }
  let index = 0
  for (const group of groups.values()) for (const entry of group.hits) entry.index = index++
  return [...groups.values()]
}

/** The hits in the order the list shows them (grouped), which is the order Up and Down walk. */
export function orderedHits(result: SearchResultView | null): SearchHitView[] {
  return result ? groupHits(result.hits).flatMap((group) => group.hits.map((entry) => entry.hit)) : []
}

/** The user typed: a new query, whose answer is awaited (an empty one needs none). */
export function queryTyped(state: SearchState, query: string): SearchState {
  const seq = state.seq + 1
  if (query.trim() === '') return { ...initialSearch, seq }
  return { ...state, query, seq, status: 'searching' }
}

/** An answer arrived for query number `seq`: shown only if no newer query was typed since. */
export function answerArrived(state: SearchState, seq: number, outcome: Outcome<SearchResultView>): SearchState {
  if (seq !== state.seq) return state
  if (!outcome.ok) return { ...state, status: 'error', error: outcome.reason, result: null, active: -1 }
  return { ...state, status: 'ready', error: null, result: outcome.value, active: outcome.value.hits.length > 0 ? 0 : -1 }
}

/** Up (-1) or Down (+1): the active hit moves, stopping at the ends. */
export function moveActive(state: SearchState, delta: number): SearchState {
  const count = state.result?.hits.length ?? 0
  if (count === 0) return state
  const active = Math.min(count - 1, Math.max(0, (state.active < 0 ? (delta > 0 ? -1 : count) : state.active) + delta))
  return active === state.active ? state : { ...state, active }
}

export function setActive(state: SearchState, active: number): SearchState {
  const count = state.result?.hits.length ?? 0
  return active >= 0 && active < count && active !== state.active ? { ...state, active } : state
}

/** The active hit, if any. */
export function activeHit(state: SearchState): SearchHitView | null {
  return orderedHits(state.result)[state.active] ?? null
}

/** A snippet cut at its marks: the matched parts flagged, for the renderer to wrap in <mark>. */
export function snippetParts(snippet: string, marks: readonly [string, string]): Array<{ text: string; match: boolean }> {
  const parts: Array<{ text: string; match: boolean }> = []
  let rest = snippet
  while (rest.length > 0) {
    const open = rest.indexOf(marks[0])
    if (open < 0) break
    const close = rest.indexOf(marks[1], open + marks[0].length)
    if (close < 0) break
    if (open > 0) parts.push({ text: rest.slice(0, open), match: false })
    parts.push({ text: rest.slice(open + marks[0].length, close), match: true })
    rest = rest.slice(close + marks[1].length)
  }
  // What is left, stray marks removed: they are never shown.
  const tail = rest.split(marks[0]).join('').split(marks[1]).join('')
  if (tail) parts.push({ text: tail, match: false })
  return parts
}

const FIELD_LABELS: Record<SearchField, string> = {
  prompt: 'Prompt',
  reply: 'Reply',
  tool: 'Tool',
  args: 'Arguments',
  output: 'Output',
}

/** Where a hit was said, as the list writes it: "Output · turn 3, step 2". */
export function hitPlace(hit: Pick<SearchHitView, 'field' | 'turn' | 'step'>): string {
  return `${FIELD_LABELS[hit.field]} · turn ${hit.turn + 1}${hit.step === null ? '' : `, step ${hit.step + 1}`}`
}
