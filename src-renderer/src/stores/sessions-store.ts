// Sessions store: the index as of the last batch (index slice) and each store's trash (trash slice).
import { create, type StateCreator } from 'zustand'
import type { StoreId } from '../../../src-shared/contract'
import type { SessionsData, TrashListing } from '../state/sessions'

interface IndexSlice {
  status: 'loading' | 'ready' | 'error'
  error: string | null
  data: SessionsData | null
  setData(data: SessionsData): void
  setError(message: string): void
}

interface TrashSlice {
  trash: Record<StoreId, TrashListing>
  setTrash(storeId: StoreId, listing: TrashListing): void
}

export type SessionsStore = IndexSlice & TrashSlice

const createIndexSlice: StateCreator<SessionsStore, [], [], IndexSlice> = (set) => ({
  status: 'loading',
  error: null,
  data: null,
  setData: (data) => set({ data, status: 'ready', error: null }),
  setError: (message) => set((state) => ({ error: message, status: state.data ? state.status : 'error' })),
})

const createTrashSlice: StateCreator<SessionsStore, [], [], TrashSlice> = (set) => ({
  trash: {},
  setTrash: (storeId, listing) => set((state) => ({ trash: { ...state.trash, [storeId]: listing } })),
})

export const useSessionsStore = create<SessionsStore>()((...a) => ({ ...createIndexSlice(...a), ...createTrashSlice(...a) }))
