import { openIndexDatabase } from '../../src-main/core/index-db/index-database'
import { SessionIndex } from '../../src-main/core/watch/session-index'
import type { Store } from '../../src-shared/model'

/**
 * A live index over `store` on the index database in dataDir, as a new process would start one
 * (no file-system watchers: the test calls reconcile() where the OS would report a change), for
 * the length of `use`.
 */
export async function withLiveIndex(dataDir: string, store: Store, use: (live: SessionIndex) => Promise<void>): Promise<void> {
  const index = openIndexDatabase(dataDir)
  // A reconciliation interval, though never reached, makes the index keep each file's stamp.
  const live = new SessionIndex([store], { listOptions: { archived: false, index }, reconcileIntervalMs: 3_600_000, watch: false })
  try {
    await live.start()
    await use(live)
  } finally {
    await live.close()
    index.close()
  }
}
