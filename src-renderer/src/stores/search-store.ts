// Search store: the search box's query, its newest answer and the active hit (state/search.ts has
// the transitions). Typing waits SEARCH_DEBOUNCE_MS for the next key before it asks.
import { create } from 'zustand'
import type { SessionScopeClient } from '../../../src-shared/contract'
import { type SearchState, answerArrived, initialSearch, moveActive, queryTyped, setActive } from '../state/search'

export const SEARCH_DEBOUNCE_MS = 150
/** How many hits one search shows. */
export const SEARCH_LIMIT = 50

interface SearchStore extends SearchState {
  type(client: Pick<SessionScopeClient, 'search'>, query: string): void
  move(delta: number): void
  activate(index: number): void
}

let timer: ReturnType<typeof setTimeout> | null = null

export const useSearchStore = create<SearchStore>()((set, get) => ({
  ...initialSearch,
  type(client, query) {
    set((state) => queryTyped(state, query))
    if (timer) clearTimeout(timer)
    timer = null
    const { seq, status } = get()
    if (status !== 'searching') return
    timer = setTimeout(() => {
      timer = null
      client.search(query, SEARCH_LIMIT).then(
        (outcome) => set((state) => answerArrived(state, seq, outcome)),
        (error: unknown) =>
          set((state) => answerArrived(state, seq, { ok: false, reason: error instanceof Error ? error.message : String(error) })),
      )
    }, SEARCH_DEBOUNCE_MS)
  },
  move: (delta) => set((state) => moveActive(state, delta)),
  activate: (index) => set((state) => setActive(state, index)),
}))
