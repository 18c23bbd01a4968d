// The search index's build under way, as a slim strip under the toolbar: a progress bar and what
// it means in files, bytes, rate and time left. It takes no input and covers nothing, so the tree
// and the open session stay usable while the build runs; it is gone when the build ends.
import { useEffect } from 'react'
import { useApp } from '../app-context'
import { progressFigures, progressLabel } from '../state/index-progress'
import { useIndexProgressStore } from '../stores/index-progress-store'
import { startProgressSync } from '../sync/progress-sync'

export function IndexProgressBar() {
  const { client } = useApp()
  useEffect(() => startProgressSync(client, (incoming) => useIndexProgressStore.getState().take(incoming)), [client])
  const progress = useIndexProgressStore((s) => s.progress)
  if (!progress) return null
  const label = progressLabel(progress)
  const percent = Math.round(progressFigures(progress).fraction * 100)
  return (
    <div className="index-progress">
      <progress className="index-progress-bar" max={100} value={percent} aria-label="Indexing for search" aria-valuetext={label} />
      <span className="index-progress-label" title={label}>
        {label}
      </span>
    </div>
  )
}
