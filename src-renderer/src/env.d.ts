import type { SessionScopeClient } from '../../src-main/ipc/contract'

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the browser shell. */
    sessionscope?: SessionScopeClient
  }
}
