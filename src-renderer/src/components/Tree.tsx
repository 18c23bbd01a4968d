// The project tree: a WAI-ARIA tree, virtualised (only the rows in view are in the DOM; fixed
// row height), with roving focus, multi-select, type-ahead, context menu and drag-to-reparent.
// Each of those is a hook in hooks/; the rows are TreeRow's memoised RowView.
import { useShallow } from 'zustand/react/shallow'
import { useDragReparent } from '../hooks/use-drag-reparent'
import { useNow } from '../hooks/use-now'
import { focusedIndexOf, useRovingFocus } from '../hooks/use-roving-focus'
import { useRowActions } from '../hooks/use-row-actions'
import { useStableHandlers } from '../hooks/use-stable-handlers'
import { useTreeKeyboard } from '../hooks/use-tree-keyboard'
import { useTreeRows } from '../hooks/use-tree-rows'
import { useRevealRow, useVirtualRows } from '../hooks/use-virtual-rows'
import { sessionKey } from '../state/sessions'
import type { TreeRow } from '../state/tree'
import { useSessionsStore } from '../stores/sessions-store'
import { useUiStore } from '../stores/ui-store'
import { type RowHandlers, RowView } from './TreeRow'

export function Tree() {
  const rows = useTreeRows()
  const now = useNow(5000)
  const liveWindowMs = useSessionsStore((s) => s.data?.liveWindowMs ?? 60_000)
  const { selection, focusedId, openSession } = useUiStore(
    useShallow((s) => ({ selection: s.selection, focusedId: s.focusedId, openSession: s.openSession })),
  )
  const focusedIndex = focusedIndexOf(rows, focusedId)
  const openKey = openSession ? sessionKey(openSession.storeId, openSession.id) : null

  const { scroller, height, offsets, indices, canvasHeight, onScroll, scrollIntoView } = useVirtualRows(rows, focusedIndex)
  useRevealRow(openKey, rows, scrollIntoView)
  const focusRow = useRovingFocus(rows, focusedIndex, scroller, scrollIntoView)
  const actions = useRowActions(rows)
  const drag = useDragReparent(rows)
  const onKeyDown = useTreeKeyboard({ rows, focusedIndex, height, focusRow, actions })
  const handlers = useStableHandlers<RowHandlers>({
    onRowClick: actions.onRowClick,
    onRowContextMenu: actions.onRowContextMenu,
    onRowDragStart: drag.onRowDragStart,
    onRowDragEnd: drag.onRowDragEnd,
    onRowDragOver: drag.onRowDragOver,
    onRowDragLeave: drag.onRowDragLeave,
    onRowDrop: drag.onRowDrop,
  })

  return (
    <div
      ref={scroller}
      className={drag.refused ? 'tree is-drag-refused' : 'tree'}
      role="tree"
      aria-label="Sessions"
      aria-multiselectable="true"
      tabIndex={rows.length === 0 ? 0 : -1}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => {
        if (event.target === event.currentTarget) event.preventDefault()
      }}
    >
      <div className="tree-canvas" style={{ height: canvasHeight }}>
        {indices.map((i) => {
          const row = rows[i] as TreeRow
          return (
            <RowView
              key={row.id}
              row={row}
              index={i}
              top={offsets[i] ?? 0}
              focused={i === focusedIndex}
              selected={selection.selected.has(row.id)}
              dropTarget={drag.dropId === row.id}
              now={row.kind === 'session' || row.kind === 'trashed' ? now : 0}
              liveWindowMs={liveWindowMs}
              open={row.id === openKey}
              handlers={handlers}
            />
          )
        })}
      </div>
    </div>
  )
}
