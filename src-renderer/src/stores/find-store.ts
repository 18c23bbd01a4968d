// Find store: the open session's find bar (state/find.ts has the transitions). The matches are
// computed from the detail store's session; `nonce` counts the moves, so each one scrolls again.
import { create } from 'zustand'
import { type FindMatch, type FindState, findClosed, findMatches, findMoved, findOpened, findTyped, initialFind } from '../state/find'
import { useDetailStore } from './detail-store'

interface FindStore extends FindState {
  nonce: number
  show(): void
  hide(): void
  type(query: string): void
  move(delta: number): void
  /** A new session is shown: the bar closes, its query kept. */
  reset(): void
}

/** The matches of the query in the session the detail store holds (one computation per session and query). */
let cached: { turns: unknown; query: string; matches: FindMatch[] } | null = null
export function currentMatches(query: string): FindMatch[] {
  const turns = useDetailStore.getState().detail?.turns ?? []
  if (!cached || cached.turns !== turns || cached.query !== query) cached = { turns, query, matches: findMatches(turns, query) }
  return cached.matches
}

export const useFindStore = create<FindStore>()((set, get) => ({
  ...initialFind,
  nonce: 0,
  show: () => set((state) => findOpened(state)),
  hide: () => set((state) => findClosed(state)),
  type: (query) => set((state) => ({ ...findTyped(state, query, currentMatches(query).length), nonce: state.nonce + 1 })),
  move(delta) {
    if (!get().open) return
    set((state) => ({ ...findMoved(state, currentMatches(state.query).length, delta), nonce: state.nonce + 1 }))
  },
  reset: () => set((state) => ({ ...findClosed(state), active: -1 })),
}))
