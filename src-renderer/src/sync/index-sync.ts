// Keeps the renderer's copy of the index current: subscribe to batches FIRST, then take a
// snapshot, then apply the buffered and later batches (those the snapshot covers are ignored by
// applyBatch). A gap in the numbering, or snapshotInvalidated, means a new snapshot.
import { type IndexBatch, MissedBatchError } from '../../../src-shared/index-state'
import type { SessionScopeClient } from '../../../src-shared/contract'
import { type SessionsData, fromSnapshot, withBatch } from '../state/sessions'

export interface SyncTarget {
  getData(): SessionsData | null
  setData(data: SessionsData): void
  setError(message: string): void
  /** Called after a batch changed the data. */
  onBatch?(batch: IndexBatch, data: SessionsData): void
}

export interface IndexSync {
  /** Takes a new snapshot (again); resolves once it is applied or has failed. */
  refresh(): Promise<void>
  stop(): void
}

export function startIndexSync(client: Pick<SessionScopeClient, 'on' | 'getSnapshot'>, target: SyncTarget): IndexSync {
  let generation = 0
  let waiting = true
  let stopped = false
  let buffer: IndexBatch[] = []

  function apply(batch: IndexBatch): void {
    const data = target.getData()
    if (waiting || !data) {
      buffer.push(batch)
      return
    }
    try {
      const next = withBatch(data, batch)
      if (next !== data) {
        target.setData(next)
        target.onBatch?.(batch, next)
      }
    } catch (error) {
      if (error instanceof MissedBatchError) {
        buffer.push(batch)
        void refresh()
      } else throw error
    }
  }

  async function refresh(): Promise<void> {
    const mine = ++generation
    waiting = true
    try {
      const snapshot = await client.getSnapshot()
      if (stopped || mine !== generation) return
      waiting = false
      target.setData(fromSnapshot(snapshot))
      const pending = buffer.sort((a, b) => a.seq - b.seq)
      buffer = []
      for (let i = 0; i < pending.length; i++) {
        apply(pending[i] as IndexBatch)
        if (waiting) {
          // A gap: a new snapshot is on its way; keep the rest for after it.
          buffer.push(...pending.slice(i + 1))
          break
        }
      }
    } catch (error) {
      if (stopped || mine !== generation) return
      target.setError(error instanceof Error ? error.message : String(error))
    }
  }

  const offBatch = client.on('indexBatch', apply)
  const offInvalidated = client.on('snapshotInvalidated', () => void refresh())
  void refresh()

  return {
    refresh,
    stop() {
      stopped = true
      offBatch()
      offInvalidated()
    },
  }
}
