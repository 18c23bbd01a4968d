// The left pane: filter box, filters and sort, Show archived toggle, the tree and, while dragging, the
// "New project…" drop target.
import { type DragEvent, useState } from 'react'
import { useUiStore } from '../stores/ui-store'
import { useDrag } from './drag'
import { FolderIcon } from './icons'
import { Tree } from './Tree'
import { TreeFilterBar } from './TreeFilterBar'

function NewProjectTarget() {
  const drag = useDrag()
  const [over, setOver] = useState(false)
  if (!drag.dragging || !drag.payload.current?.storeId) return null
  const refusal = drag.payload.current.refusal
  if (refusal !== null) {
    // Not a drop target: the drag shows it is not allowed, and this says why.
    return (
      <div className="new-project-target is-refused" role="status">
        {refusal}
      </div>
    )
  }
  const accept = (event: DragEvent) => {
    event.preventDefault()
    event.dataTransfer.dropEffect = 'move'
    setOver(true)
  }
  return (
    <div
      className={over ? 'new-project-target is-over' : 'new-project-target'}
      role="button"
      aria-label="New project…"
      onDragEnter={accept}
      onDragOver={accept}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault()
        const payload = drag.payload.current
        drag.end()
        setOver(false)
        if (payload) useUiStore.getState().showDialog({ kind: 'new-project', refs: payload.refs })
      }}
    >
      <FolderIcon />
      New project…
    </div>
  )
}

export function LeftPane() {
  const showArchived = useUiStore((s) => s.showArchived)
  const setShowArchived = useUiStore((s) => s.setShowArchived)
  const width = useUiStore((s) => s.paneWidth)
  return (
    <aside className="left-pane" style={{ width }} aria-label="Session stores">
      <div className="left-head">
        <TreeFilterBar>
          <label className="switch">
            <input type="checkbox" role="switch" checked={showArchived} onChange={(event) => setShowArchived(event.target.checked)} />
            <span className="switch-track" aria-hidden="true">
              <span className="switch-thumb" />
            </span>
            <span>Show archived</span>
          </label>
        </TreeFilterBar>
      </div>
      <Tree />
      <NewProjectTarget />
    </aside>
  )
}
