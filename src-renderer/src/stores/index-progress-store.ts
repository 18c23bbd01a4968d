// Index progress store: the search index's build under way, as the progress bar shows it
// (state/index-progress.ts has the transition); null when none is.
import { create } from 'zustand'
import type { IndexProgressView } from '../../../src-shared/contract'
import { nextProgress } from '../state/index-progress'

interface IndexProgressStore {
  progress: IndexProgressView | null
  take(incoming: IndexProgressView | null): void
}

export const useIndexProgressStore = create<IndexProgressStore>()((set) => ({
  progress: null,
  take: (incoming) => set((state) => ({ progress: nextProgress(state.progress, incoming) })),
}))
