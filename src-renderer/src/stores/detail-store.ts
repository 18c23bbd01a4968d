// Detail store: the open session's turns, as last loaded.
import { create } from 'zustand'
import type { SessionDetail } from '../../../src-shared/model'
import type { SessionRef, SessionScopeClient } from '../../../src-shared/contract'

interface DetailStore {
  ref: SessionRef | null
  status: 'idle' | 'loading' | 'ready' | 'error'
  detail: SessionDetail | null
  error: string | null
  /** Counts loads and clears: an answer that arrives after a later one started is dropped. */
  generation: number
  /** Loads (or reloads) a session; a reload keeps showing the old turns until the new ones arrive. */
  load(client: Pick<SessionScopeClient, 'loadSession'>, ref: SessionRef): Promise<void>
  clear(): void
}

const sameRef = (a: SessionRef | null, b: SessionRef | null) => !!a && !!b && a.storeId === b.storeId && a.id === b.id

export const useDetailStore = create<DetailStore>()((set, get) => ({
  ref: null,
  status: 'idle',
  detail: null,
  error: null,
  generation: 0,
  async load(client, ref) {
    const mine = get().generation + 1
    const reloading = sameRef(get().ref, ref) && get().detail !== null
    set(reloading ? { ref, generation: mine } : { ref, generation: mine, status: 'loading', detail: null, error: null })
    try {
      const outcome = await client.loadSession(ref)
      if (mine !== get().generation) return
      if (outcome.ok) set({ status: 'ready', detail: outcome.value, error: null })
      else set({ status: 'error', error: outcome.reason, detail: reloading ? get().detail : null })
    } catch (error) {
      if (mine !== get().generation) return
      set({ status: 'error', error: error instanceof Error ? error.message : String(error) })
    }
  },
  clear() {
    set((state) => ({ ref: null, status: 'idle', detail: null, error: null, generation: state.generation + 1 }))
  },
}))
