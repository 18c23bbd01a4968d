import type { SessionScopeClient } from '../../../src-shared/contract'
import { createWebSocketClient } from './ws-client'

let client: SessionScopeClient | null = null

/**
 * The one way the renderer reaches the side that owns the stores: the Electron preload's bridge
 * when it is there, otherwise the browser shell's WebSocket client. Made once per page.
 */
export function getClient(): SessionScopeClient {
  if (!client) client = window.sessionscope ?? createWebSocketClient()
  return client
}
