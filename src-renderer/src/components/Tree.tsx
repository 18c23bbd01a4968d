// The project tree: a WAI-ARIA tree, virtualised (only the rows in view are in the DOM; fixed
// row height), with roving focus, multi-select, type-ahead, context menu and drag-to-reparent.
import { type CSSProperties, type DragEvent, type KeyboardEvent, type MouseEvent, memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatLocalTime } from '../../../src-main/core/display'
import { lastActivityOf } from '../../../src-main/core/session-order'
import type { MoveTarget } from '../../../src-main/ipc/contract'
import { useApp } from '../app-context'
import { useNow } from '../hooks/use-now'
import { useTreeRows } from '../hooks/use-tree-rows'
import { activityAge, isLive, moveRefusal, plural, sessionAccessibleName, sessionTitle, storeLabel } from '../state/format'
import { modeOf, select } from '../state/selection'
import { sessionKey } from '../state/sessions'
import { type TreeRow, isExpandable, rowText } from '../state/tree'
import { navigate } from '../state/tree-nav'
import { SESSION_ROW_HEIGHT, rowAt, rowHeight, rowOffsets } from '../state/virtual'
import { typeAhead } from '../state/typeahead'
import { useSessionsStore } from '../stores/sessions-store'
import { useUiStore } from '../stores/ui-store'
import { DRAG_TYPE, type DragPayload, useDrag } from './drag'
import { ChatIcon, ChevronIcon, FolderIcon, InboxIcon, StoreIcon, TrashIcon, WarningIcon } from './icons'

const OVERSCAN = 20
/** Trees up to this many rows are rendered whole (cheap, and every row stays in the accessibility tree). */
const RENDER_ALL_BELOW = 250

/** Keeps a path's punctuation in place inside a right-to-left (start-truncated) box. */
export const ltr = (text: string) => `\u200e${text}\u200e`

function rowName(row: TreeRow, live: boolean): string {
  switch (row.kind) {
    case 'store':
      return `${storeLabel(row.store)}, ${row.store.root}${row.store.isSample ? ', sample copy' : ''}, ${plural(row.count, 'session')}`
    case 'project': {
      // Claude Code: "app, 2 sessions, /home/dana/src/app" (the cwd tells apart projects of the same last segment).
      const { name, detail } = row.label
      return `${name}, ${plural(row.count, 'session')}${detail !== null && detail !== name ? `, ${detail}` : ''}`
    }
    case 'session':
      return sessionAccessibleName(row.session, live, { isSubAgent: row.isSubAgent, subAgents: row.subAgents })
    case 'problems':
      return `Problems, ${plural(row.count, 'unreadable file')}`
    case 'problem':
      return `${row.problem.path}: ${row.problem.reason}`
    case 'trash':
      return row.count === null ? 'Trash' : `Trash, ${plural(row.count, 'session')}`
    case 'trashed':
      return `${sessionTitle(row.session)}, in the trash`
  }
}

interface RowProps {
  row: TreeRow
  index: number
  top: number
  focused: boolean
  selected: boolean
  dropTarget: boolean
  now: number
  liveWindowMs: number
  open: boolean
  onRowClick(event: MouseEvent, row: TreeRow, index: number, onChevron: boolean): void
  onRowContextMenu(event: MouseEvent, row: TreeRow, index: number): void
  onRowDragStart(event: DragEvent, row: TreeRow): void
  onRowDragEnd(): void
  onRowDragOver(event: DragEvent, row: TreeRow): void
  onRowDragLeave(event: DragEvent, row: TreeRow): void
  onRowDrop(event: DragEvent, row: TreeRow): void
}

const RowView = memo(function RowView(props: RowProps) {
  const { row, index, top, focused, selected, dropTarget, now, liveWindowMs, open } = props
  const live = (row.kind === 'session' || row.kind === 'trashed') && !row.session.archived && isLive(row.session, now, liveWindowMs)
  const style: CSSProperties = { transform: `translateY(${top}px)`, height: rowHeight(row), paddingLeft: 6 + (row.level - 1) * 16 }
  const classes = ['tree-row', `tree-row--${row.kind}`]
  if (selected) classes.push('is-selected')
  if (focused) classes.push('is-focused')
  if (dropTarget) classes.push('is-drop-target')
  if (open) classes.push('is-open')
  if ((row.kind === 'session' || row.kind === 'trashed') && row.session.archived) classes.push('is-archived')
  if (row.kind === 'session' && row.isSubAgent) classes.push('is-sub-agent')
  const expandable = isExpandable(row)
  return (
    <div
      role="treeitem"
      id={`tree-row-${index}`}
      data-row-id={row.id}
      className={classes.join(' ')}
      style={style}
      aria-level={row.level}
      aria-setsize={row.setSize}
      aria-posinset={row.posInSet}
      aria-selected={selected}
      aria-expanded={expandable ? row.expanded : undefined}
      aria-label={rowName(row, live)}
      tabIndex={focused ? 0 : -1}
      title={row.kind === 'problem' ? `${row.problem.path}\n${row.problem.reason}` : row.kind === 'session' ? row.session.title : undefined}
      draggable={row.kind === 'session'}
      onClick={(event) => props.onRowClick(event, row, index, (event.target as Element).closest('.tree-chevron') !== null)}
      onDoubleClick={(event) => isExpandable(row) && props.onRowClick(event, row, index, true)}
      onContextMenu={(event) => props.onRowContextMenu(event, row, index)}
      onDragStart={(event) => props.onRowDragStart(event, row)}
      onDragEnd={props.onRowDragEnd}
      onDragOver={(event) => props.onRowDragOver(event, row)}
      onDragLeave={(event) => props.onRowDragLeave(event, row)}
      onDrop={(event) => props.onRowDrop(event, row)}
    >
      <span className="tree-chevron" aria-hidden="true">
        {expandable ? <ChevronIcon size={12} className={row.expanded ? 'is-expanded' : undefined} /> : null}
      </span>
      <RowBody row={row} live={live} now={now} />
    </div>
  )
})

function RowBody({ row, live, now }: { row: TreeRow; live: boolean; now: number }) {
  switch (row.kind) {
    case 'store':
      return (
        <>
          <StoreIcon className="tree-icon" />
          <span className="tree-label tree-label--store">{storeLabel(row.store)}</span>
          <span className="tree-sub" title={row.store.root}>
            {ltr(row.store.root)}
          </span>
          {row.store.isSample ? <span className="badge badge--muted">sample</span> : null}
          <span className="tree-count">{row.count}</span>
        </>
      )
    case 'project':
      return (
        <>
          {row.project === null ? <InboxIcon className="tree-icon" /> : <FolderIcon className="tree-icon" />}
          <span className={row.project === null ? 'tree-label is-unfiled' : 'tree-label'} title={row.label.tooltip}>
            {row.label.label}
          </span>
          {row.label.detail !== null ? (
            <span className="tree-sub" title={row.label.tooltip}>
              {ltr(row.label.detail)}
            </span>
          ) : null}
          <span className="tree-count">{row.count}</span>
        </>
      )
    case 'session':
    case 'trashed':
      return (
        <>
          <ChatIcon className="tree-icon tree-icon--session" />
          <span className="tree-session">
            <span className="tree-session-top">
              <span className="tree-label">{sessionTitle(row.session)}</span>
              {live ? <span className="badge badge--live">live</span> : null}
            </span>
            <span className="tree-session-meta">
              <span title={`Last activity: ${formatLocalTime(lastActivityOf(row.session))}`}>{activityAge(row.session, now)}</span>
              <span aria-hidden="true">·</span>
              <span>{plural(row.session.turns, 'turn')}</span>
              <span aria-hidden="true">·</span>
              <span>{plural(row.session.steps, 'step')}</span>
              {row.session.errors > 0 ? <span className="badge badge--error">{plural(row.session.errors, 'error')}</span> : null}
              {row.kind === 'session' && row.subAgents > 0 ? (
                <>
                  <span aria-hidden="true">·</span>
                  <span>{plural(row.subAgents, 'sub-agent')}</span>
                </>
              ) : null}
              {row.session.archived ? <span className="badge badge--muted">archived</span> : null}
              {row.kind === 'session' && row.isSubAgent && row.level === 3 ? <span className="badge badge--muted">sub-agent</span> : null}
            </span>
          </span>
        </>
      )
    case 'problems':
      return (
        <>
          <WarningIcon className="tree-icon tree-icon--warning" />
          <span className="tree-label">Problems</span>
          <span className="tree-count tree-count--warning">{row.count}</span>
        </>
      )
    case 'problem':
      return (
        <>
          <span className="tree-label tree-label--problem">{row.problem.path.split(/[\\/]/).pop()}</span>
          <span className="tree-sub tree-sub--problem">{row.problem.reason}</span>
        </>
      )
    case 'trash':
      return (
        <>
          <TrashIcon className="tree-icon" />
          <span className="tree-label">Trash</span>
          <span className="tree-count">{row.loading ? '…' : (row.count ?? '')}</span>
        </>
      )
  }
}

const isDropTarget = (row: TreeRow, payload: DragPayload | null) =>
  row.kind === 'project' &&
  payload !== null &&
  payload.refusal === null &&
  payload.storeId === row.storeId &&
  !payload.projects.every((project) => project === row.project)

export function Tree() {
  const rows = useTreeRows()
  const app = useApp()
  const drag = useDrag()
  const now = useNow(5000)
  const liveWindowMs = useSessionsStore((s) => s.data?.liveWindowMs ?? 60_000)
  const stores = useSessionsStore((s) => s.data?.stores)
  const { selection, focusedId, openSession } = useUiStore(useShallow((s) => ({ selection: s.selection, focusedId: s.focusedId, openSession: s.openSession })))
  const ui = useUiStore.getState
  const scroller = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [height, setHeight] = useState(600)
  const [dropId, setDropId] = useState<string | null>(null)
  const typed = useRef({ buffer: '', at: 0 })
  const focusAfterRender = useRef(false)

  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    setHeight(element.clientHeight)
    const observer = new ResizeObserver(() => setHeight(element.clientHeight))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  let focusedIndex = focusedId === null ? -1 : rows.findIndex((row) => row.id === focusedId)
  if (focusedIndex < 0 && rows.length > 0) focusedIndex = 0
  const focusedRowId = rows[focusedIndex]?.id ?? null

  const openKey = openSession ? sessionKey(openSession.storeId, openSession.id) : null

  const offsets = useMemo(() => rowOffsets(rows), [rows])
  const scrollIntoView = useCallback(
    (index: number) => {
      const element = scroller.current
      if (!element) return
      const top = offsets[index] ?? 0
      const bottom = offsets[index + 1] ?? top
      if (top < element.scrollTop) element.scrollTop = top
      else if (bottom > element.scrollTop + element.clientHeight) element.scrollTop = bottom - element.clientHeight + 8
    },
    [offsets],
  )

  // A session opened from elsewhere (a sub-agent link) is scrolled into view once its row is there.
  const revealed = useRef<string | null>(null)
  useLayoutEffect(() => {
    if (openKey === null || revealed.current === openKey) return
    const index = rows.findIndex((row) => row.id === openKey)
    if (index < 0) return
    revealed.current = openKey
    scrollIntoView(index)
  }, [openKey, rows, scrollIntoView])

  // After a keyboard move, the DOM focus follows the focused row.
  useLayoutEffect(() => {
    if (!focusAfterRender.current) return
    focusAfterRender.current = false
    const element = scroller.current?.querySelector<HTMLElement>(`[data-row-id="${CSS.escape(focusedRowId ?? '')}"]`)
    element?.focus({ preventScroll: true })
  })

  const focusRow = (index: number, selectToo: boolean, event?: { shiftKey: boolean }) => {
    const row = rows[index]
    if (!row) return
    ui().setFocused(row.id)
    if (selectToo) {
      const order = rows.map((r) => r.id)
      const selectable = (id: string) => rows.find((r) => r.id === id)?.kind === 'session'
      ui().setSelection(select(ui().selection, order, row.id, event?.shiftKey ? 'range' : 'replace', selectable))
    }
    scrollIntoView(index)
    focusAfterRender.current = true
  }

  const openRow = (row: TreeRow) => {
    if (row.kind === 'session') ui().open({ storeId: row.storeId, id: row.session.id })
    else if (row.kind === 'trashed') ui().open(null)
  }

  const toggle = (row: TreeRow) => {
    if (!isExpandable(row)) return
    ui().setExpanded(row.id, !row.expanded)
    if (row.kind === 'trash' && !row.expanded) void app.actions.refreshTrash(row.storeId)
  }

  const onRowClick = (event: MouseEvent, row: TreeRow, index: number, onChevron: boolean) => {
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
    void index
  }

  const onRowContextMenu = (event: MouseEvent, row: TreeRow, index: number) => {
    event.preventDefault()
    if (!ui().selection.selected.has(row.id)) {
      ui().setSelection(select(ui().selection, rows.map((r) => r.id), row.id, 'replace'))
    }
    ui().setFocused(row.id)
    void index
    app.openContextMenu({ x: event.clientX, y: event.clientY })
  }

  const onRowDragStart = (event: DragEvent, row: TreeRow) => {
    if (row.kind !== 'session') return
    let selected = ui().selection.selected
    if (!selected.has(row.id)) {
      ui().setSelection(select(ui().selection, rows.map((r) => r.id), row.id, 'replace'))
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
    event.dataTransfer.setData(DRAG_TYPE, JSON.stringify(payload.refs))
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
    if (dropId !== row.id) setDropId(row.id)
  }

  const onRowDragLeave = (event: DragEvent, row: TreeRow) => {
    const to = event.relatedTarget as Node | null
    if (to && (event.currentTarget as Node).contains(to)) return
    if (dropId === row.id) setDropId(null)
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

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey) return
    const mod = event.ctrlKey || event.metaKey
    // The row that has the DOM focus is the one acted on (it may have been focused by a script).
    const targetId = (event.target as Element).closest('[data-row-id]')?.getAttribute('data-row-id')
    const targetIndex = targetId ? rows.findIndex((r) => r.id === targetId) : -1
    if (targetIndex >= 0 && targetIndex !== focusedIndex) {
      focusedIndex = targetIndex
      ui().setFocused(targetId as string)
    }
    const row = rows[focusedIndex]
    if (event.key === 'Enter' && row) {
      event.preventDefault()
      // Enter opens a session (one with sub-agents too: the arrows expand it), and toggles other nodes.
      if (row.kind !== 'session' && isExpandable(row)) toggle(row)
      else openRow(row)
      return
    }
    if (event.key === ' ' && row && !typed.current.buffer) {
      event.preventDefault()
      const order = rows.map((r) => r.id)
      ui().setSelection(select(ui().selection, order, row.id, mod ? 'toggle' : 'replace'))
      return
    }
    if (mod) return
    const pageSize = Math.max(1, Math.floor(height / SESSION_ROW_HEIGHT))
    const result = navigate(rows, focusedIndex, event.key, pageSize)
    if (result.type === 'focus') {
      event.preventDefault()
      focusRow(result.index, true, event)
      return
    }
    if (result.type === 'expand') {
      event.preventDefault()
      const target = rows.find((r) => r.id === result.id)
      if (target) toggle(target)
      return
    }
    if (event.key.length === 1 && /\S| /.test(event.key) && event.key !== '?') {
      const at = performance.now()
      const buffer = at - typed.current.at > 700 ? event.key : typed.current.buffer + event.key
      typed.current = { buffer, at }
      const found = typeAhead(rows.map(rowText), focusedIndex, buffer)
      if (found >= 0) {
        event.preventDefault()
        focusRow(found, true)
      }
    }
  }

  // Keep the buffer from leaking into a later, unrelated key press.
  useEffect(() => {
    const timer = setInterval(() => {
      if (typed.current.buffer && performance.now() - typed.current.at > 700) typed.current = { buffer: '', at: 0 }
    }, 1000)
    return () => clearInterval(timer)
  }, [])

  // Small trees are rendered whole; large ones only around the viewport.
  const whole = rows.length <= RENDER_ALL_BELOW
  const first = whole ? 0 : Math.max(0, rowAt(offsets, scrollTop) - OVERSCAN)
  const last = whole ? rows.length : Math.min(rows.length, rowAt(offsets, scrollTop + height) + 1 + OVERSCAN)
  const indices: number[] = []
  for (let i = first; i < last; i++) indices.push(i)
  // The focused row stays in the DOM even when scrolled away, so focus is never lost.
  if (focusedIndex >= 0 && (focusedIndex < first || focusedIndex >= last)) indices.push(focusedIndex)

  const handlers = { onRowClick, onRowContextMenu, onRowDragStart, onRowDragEnd, onRowDragOver, onRowDragLeave, onRowDrop }

  return (
    <div
      ref={scroller}
      className={drag.dragging && drag.payload.current?.refusal ? 'tree is-drag-refused' : 'tree'}
      role="tree"
      aria-label="Sessions"
      aria-multiselectable="true"
      tabIndex={rows.length === 0 ? 0 : -1}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => {
        if (event.target === event.currentTarget) event.preventDefault()
      }}
    >
      <div className="tree-canvas" style={{ height: (offsets[rows.length] ?? 0) + 8 }}>
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
              dropTarget={dropId === row.id}
              now={row.kind === 'session' || row.kind === 'trashed' ? now : 0}
              liveWindowMs={liveWindowMs}
              open={row.id === openKey}
              {...handlers}
            />
          )
        })}
      </div>
    </div>
  )
}
