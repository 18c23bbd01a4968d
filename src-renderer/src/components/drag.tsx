// Drag-to-reparent state: transient, so it lives in React (a ref for the payload, state for what
// must re-render), never in the zustand stores.
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react'
import type { SessionRef, StoreId } from '../../../src-shared/contract'

export interface DragPayload {
  refs: SessionRef[]
  /** The store every dragged session is in; null when they span stores (no target accepts). */
  storeId: StoreId | null
  /** The projects the sessions are in now (dropping on the only one is a no-op). */
  projects: Array<string | null>
  /** Why these sessions cannot move at all (their store's format does not allow it), or null. */
  refusal: string | null
}

interface DragApi {
  payload: React.RefObject<DragPayload | null>
  dragging: boolean
  begin(payload: DragPayload): void
  end(): void
}

const DragContext = createContext<DragApi | null>(null)

export function DragProvider({ children }: { children: ReactNode }) {
  const payload = useRef<DragPayload | null>(null)
  const [dragging, setDragging] = useState(false)
  const begin = useCallback((next: DragPayload) => {
    payload.current = next
    setDragging(true)
  }, [])
  const end = useCallback(() => {
    payload.current = null
    setDragging(false)
  }, [])
  const api = useMemo(() => ({ payload, dragging, begin, end }), [dragging, begin, end])
  return <DragContext.Provider value={api}>{children}</DragContext.Provider>
}

export function useDrag(): DragApi {
  const api = useContext(DragContext)
  if (!api) throw new Error('useDrag outside DragProvider')
  return api
}
