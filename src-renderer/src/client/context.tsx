import { createContext, useContext } from 'react'
import type { SessionScopeClient } from '../../../src-main/ipc/contract'

export const ClientContext = createContext<SessionScopeClient | null>(null)

export function useClient(): SessionScopeClient {
  const client = useContext(ClientContext)
  if (!client) throw new Error('useClient outside ClientContext')
  return client
}
