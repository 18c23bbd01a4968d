// Keeps the renderer's copy of the search index's progress current: subscribe to the reports
// FIRST, then ask for the build under way (one may have begun before this page connected), and ask
// again whenever the snapshot is invalidated (a reconnect may have missed the run's end).
import type { IndexProgressView, SessionScopeClient } from '../../../src-shared/contract'

export function startProgressSync(
  client: Pick<SessionScopeClient, 'on' | 'getIndexProgress'>,
  take: (incoming: IndexProgressView | null) => void,
): () => void {
  let stopped = false
  const ask = () =>
    void client.getIndexProgress().then(
      (current) => {
        if (!stopped) take(current)
      },
      // No answer (the connection dropped): the next invalidation asks again.
      () => undefined,
    )
  const offProgress = client.on('indexProgress', (view) => {
    if (!stopped) take(view)
  })
  const offInvalidated = client.on('snapshotInvalidated', ask)
  ask()
  return () => {
    stopped = true
    offProgress()
    offInvalidated()
  }
}
