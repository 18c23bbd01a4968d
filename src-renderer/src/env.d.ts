import type { SessionScopeClient } from '../../src-shared/contract'

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the browser shell. */
    sessionscope?: SessionScopeClient
  }
}
