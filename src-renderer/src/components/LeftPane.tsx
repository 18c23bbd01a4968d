// The left pane: filter box, Show archived toggle, the tree and, while dragging, the
// "New project…" drop target.
import { type DragEvent, useState } from 'react'
import { useUiStore } from '../stores/ui-store'
import { useDrag } from './drag'
import { FolderIcon, SearchIcon } from './icons'
import { Tree } from './Tree'

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
  const filter = useUiStore((s) => s.filter)
  const setFilter = useUiStore((s) => s.setFilter)
  const showArchived = useUiStore((s) => s.showArchived)
  const setShowArchived = useUiStore((s) => s.setShowArchived)
  const width = useUiStore((s) => s.paneWidth)
  return (
    <aside className="left-pane" style={{ width }} aria-label="Session stores">
      <div className="left-head">
        <div className="filter">
          <SearchIcon className="filter-icon" />
          <input
            id="tree-filter"
            className="filter-input"
            type="search"
            aria-label="Filter sessions"
            placeholder="Filter by title, project or id"
            value={filter}
            spellCheck={false}
            onChange={(event) => setFilter(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && filter) {
                event.preventDefault()
                setFilter('')
              } else if (event.key === 'ArrowDown') {
                event.preventDefault()
                document.querySelector<HTMLElement>('.tree [tabindex="0"]')?.focus()
              }
            }}
          />
        </div>
        <label className="switch">
          <input type="checkbox" role="switch" checked={showArchived} onChange={(event) => setShowArchived(event.target.checked)} />
          <span className="switch-track" aria-hidden="true">
            <span className="switch-thumb" />
          </span>
          <span>Show archived</span>
        </label>
      </div>
      <Tree />
      <NewProjectTarget />
    </aside>
  )
}
