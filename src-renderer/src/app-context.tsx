import { createContext, useContext } from 'react'
import type { SessionScopeClient } from '../../src-shared/contract'
import type { Actions } from './actions'

export interface ContextMenuRequest {
  x: number
  y: number
}

export interface AppServices {
  client: SessionScopeClient
  actions: Actions
  refresh(): Promise<void>
  openContextMenu(request: ContextMenuRequest): void
  /** Moves keyboard focus into the tree (after dialogs close, from shortcuts). */
  focusTree(): void
}

export const AppContext = createContext<AppServices | null>(null)

export function useApp(): AppServices {
  const services = useContext(AppContext)
  if (!services) throw new Error('useApp outside AppContext')
  return services
}
