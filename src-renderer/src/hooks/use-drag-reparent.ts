// Drag sessions onto a project row to move them there (within their store, when it allows moves).
import { type DragEvent, useState } from 'react'
import type { MoveTarget } from '../../../src-shared/contract'
import { useApp } from '../app-context'
import { type DragPayload, useDrag } from '../components/drag'
import { moveRefusal } from '../state/format'
import { select } from '../state/selection'
import type { TreeRow } from '../state/tree'
import { useSessionsStore } from '../stores/sessions-store'
import { useUiStore } from '../stores/ui-store'

const isDropTarget = (row: TreeRow, payload: DragPayload | null) =>
  row.kind === 'project' &&
  payload !== null &&
  payload.refusal === null &&
  payload.storeId === row.storeId &&
  !payload.projects.every((project) => project === row.project)

export interface DragReparent {
  /** The row a drop would land on now, or null. */
  dropId: string | null
  /** Whether the sessions being dragged cannot move at all (the tree says so while dragging). */
  refused: boolean
  onRowDragStart(event: DragEvent, row: TreeRow): void
  onRowDragEnd(): void
  onRowDragOver(event: DragEvent, row: TreeRow): void
  onRowDragLeave(event: DragEvent, row: TreeRow): void
  onRowDrop(event: DragEvent, row: TreeRow): void
}

export function useDragReparent(rows: readonly TreeRow[]): DragReparent {
  const app = useApp()
  const drag = useDrag()
  const stores = useSessionsStore((s) => s.data?.stores)
  const [dropId, setDropId] = useState<string | null>(null)
  const ui = useUiStore.getState

  const onRowDragStart = (event: DragEvent, row: TreeRow) => {
    if (row.kind !== 'session') return
    let selected = ui().selection.selected
    if (!selected.has(row.id)) {
      ui().setSelection(
        select(
          ui().selection,
          rows.map((r) => r.id),
          row.id,
          'replace',
        ),
      )
      selected = new Set([row.id])
    }
    const dragged = rows.filter((r): r is Extract<TreeRow, { kind: 'session' }> => r.kind === 'session' && selected.has(r.id))
    const storeIds = new Set(dragged.map((r) => r.storeId))
    const fixed = (stores ?? []).find((store) => !store.canMove && storeIds.has(store.id))
    const payload: DragPayload = {
      refs: dragged.map((r) => ({ storeId: r.storeId, id: r.session.id })),
      storeId: storeIds.size === 1 ? row.storeId : null,
      projects: [...new Set(dragged.map((r) => r.session.project))],
      refusal: fixed ? moveRefusal(fixed) : null,
    }
    event.dataTransfer.effectAllowed = 'move'
    // The drop reads the payload kept in memory; the titles as text are what a browser needs to
    // start a drag at all (Firefox starts none without data) and what another app would receive.
    event.dataTransfer.setData('text/plain', dragged.map((r) => r.session.title).join('\n'))
    drag.begin(payload)
  }

  const onRowDragEnd = () => {
    drag.end()
    setDropId(null)
  }

  const onRowDragOver = (event: DragEvent, row: TreeRow) => {
    if (!isDropTarget(row, drag.payload.current)) {
      event.dataTransfer.dropEffect = 'none'
      return
    }
    event.preventDefault()
    event.dataTransfer.dropEffect = 'move'
    setDropId(row.id)
  }

  const onRowDragLeave = (event: DragEvent, row: TreeRow) => {
    const to = event.relatedTarget as Node | null
    if (to && (event.currentTarget as Node).contains(to)) return
    setDropId((current) => (current === row.id ? null : current))
  }

  const onRowDrop = (event: DragEvent, row: TreeRow) => {
    const payload = drag.payload.current
    setDropId(null)
    if (row.kind !== 'project' || !isDropTarget(row, payload) || !payload) return
    event.preventDefault()
    drag.end()
    const target: MoveTarget = row.project === null ? { kind: 'unfiled' } : { kind: 'project', name: row.project }
    void app.actions.move(payload.refs, target, row.label.label)
  }

  const refused = drag.dragging && !!drag.payload.current?.refusal
  return { dropId, refused, onRowDragStart, onRowDragEnd, onRowDragOver, onRowDragLeave, onRowDrop }
}
