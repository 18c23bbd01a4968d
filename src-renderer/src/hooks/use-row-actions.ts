// What a click, a double-click or the context menu does to a tree row: focus, select, open, expand.
import type { MouseEvent } from 'react'
import { useApp } from '../app-context'
import { modeOf, select } from '../state/selection'
import { type TreeRow, isExpandable } from '../state/tree'
import { useUiStore } from '../stores/ui-store'

const ui = useUiStore.getState

export interface RowActions {
  openRow(row: TreeRow): void
  toggle(row: TreeRow): void
  onRowClick(event: MouseEvent, row: TreeRow, onChevron: boolean): void
  onRowContextMenu(event: MouseEvent, row: TreeRow): void
}

export function useRowActions(rows: readonly TreeRow[]): RowActions {
  const app = useApp()

  const openRow = (row: TreeRow) => {
    if (row.kind === 'session') ui().open({ storeId: row.storeId, id: row.session.id })
    else if (row.kind === 'trashed') ui().open(null)
  }

  const toggle = (row: TreeRow) => {
    if (!isExpandable(row)) return
    ui().setExpanded(row.id, !row.expanded)
    if (row.kind === 'trash' && !row.expanded) void app.actions.refreshTrash(row.storeId)
  }

  const onRowClick = (event: MouseEvent, row: TreeRow, onChevron: boolean) => {
    const order = rows.map((r) => r.id)
    const kinds = new Map(rows.map((r) => [r.id, r.kind]))
    const mode = modeOf(event)
    ui().setFocused(row.id)
    if (onChevron) {
      toggle(row)
      return
    }
    ui().setSelection(select(ui().selection, order, row.id, mode, (id) => kinds.get(id) === 'session' || kinds.get(id) === 'trashed'))
    // A click selects (and opens a session, sub-agents or not); only the chevron, a double-click
    // or the keyboard expands or collapses a node.
    if (mode === 'replace' && (row.kind === 'session' || !isExpandable(row))) openRow(row)
  }

  const onRowContextMenu = (event: MouseEvent, row: TreeRow) => {
    event.preventDefault()
    if (!ui().selection.selected.has(row.id)) {
      ui().setSelection(
        select(
          ui().selection,
          rows.map((r) => r.id),
          row.id,
          'replace',
        ),
      )
    }
    ui().setFocused(row.id)
    app.openContextMenu({ x: event.clientX, y: event.clientY })
  }

  return { openRow, toggle, onRowClick, onRowContextMenu }
}
