// The trash is not watched: its listing is read again where an operation or a batch may have
// changed it.
import type { SessionScopeClient, StoreId } from '../../../src-shared/contract'
import { settle } from '../client/settle'
import { useSessionsStore } from '../stores/sessions-store'

/**
 * Reads a store's trash into the sessions store. A failure shows as the listing's error, unless
 * `quiet`: a re-read in the background keeps what is shown.
 */
export async function refreshTrash(client: Pick<SessionScopeClient, 'listTrash'>, storeId: StoreId, quiet = false): Promise<void> {
  const { setTrash, trash } = useSessionsStore.getState()
  const previous = trash[storeId]
  if (!previous) setTrash(storeId, { status: 'loading', sessions: [], error: null })
  const outcome = await settle(() => client.listTrash(storeId))
  if (outcome.ok) setTrash(storeId, { status: 'ready', sessions: outcome.value, error: null })
  else if (!quiet) setTrash(storeId, { status: 'error', sessions: previous?.sessions ?? [], error: outcome.reason })
}

export interface TrashRefresher {
  /** Re-reads, quietly, the trash of every store listed so far, once calls stop coming for `delayMs`. */
  soon(): void
  stop(): void
}

/** Batches come in bursts while files move: one re-read after the burst is enough. */
export function trashRefresher(client: Pick<SessionScopeClient, 'listTrash'>, delayMs = 300): TrashRefresher {
  let timer: ReturnType<typeof setTimeout> | undefined
  return {
    soon() {
      clearTimeout(timer)
      timer = setTimeout(() => {
        for (const storeId of Object.keys(useSessionsStore.getState().trash)) void refreshTrash(client, storeId, true)
      }, delayMs)
    },
    stop() {
      clearTimeout(timer)
    },
  }
}
