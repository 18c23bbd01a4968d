// One row of the project tree. It is memoised and gets only data and one stable handler object,
// so a scroll or a clock tick re-renders only the rows whose data changed.
import { type CSSProperties, type DragEvent, type MouseEvent, memo } from 'react'
import { formatLocalTime } from '../../../src-shared/display'
import { lastActivityOf } from '../../../src-shared/session-order'
import { activityAge, isLive, plural, sessionAccessibleName, sessionTitle, storeLabel } from '../state/format'
import { type TreeRow, isExpandable } from '../state/tree'
import { rowHeight } from '../state/virtual'
import { ChatIcon, ChevronIcon, FolderIcon, InboxIcon, StoreIcon, TrashIcon, WarningIcon } from './icons'

/** Keeps a path's punctuation in place inside a right-to-left (start-truncated) box. */
export const ltr = (text: string) => `\u200e${text}\u200e`

/** What a row does on the pointer; one object for all rows, the same on every render. */
export interface RowHandlers {
  onRowClick(event: MouseEvent, row: TreeRow, onChevron: boolean): void
  onRowContextMenu(event: MouseEvent, row: TreeRow): void
  onRowDragStart(event: DragEvent, row: TreeRow): void
  onRowDragEnd(): void
  onRowDragOver(event: DragEvent, row: TreeRow): void
  onRowDragLeave(event: DragEvent, row: TreeRow): void
  onRowDrop(event: DragEvent, row: TreeRow): void
}

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
  /** 0 for rows that show no time, so the clock does not re-render them. */
  now: number
  liveWindowMs: number
  open: boolean
  handlers: RowHandlers
}

export const RowView = memo(function RowView(props: RowProps) {
  const { row, index, top, focused, selected, dropTarget, now, liveWindowMs, open, handlers } = props
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
      onClick={(event) => handlers.onRowClick(event, row, (event.target as Element).closest('.tree-chevron') !== null)}
      onDoubleClick={(event) => isExpandable(row) && handlers.onRowClick(event, row, true)}
      onContextMenu={(event) => handlers.onRowContextMenu(event, row)}
      onDragStart={(event) => handlers.onRowDragStart(event, row)}
      onDragEnd={handlers.onRowDragEnd}
      onDragOver={(event) => handlers.onRowDragOver(event, row)}
      onDragLeave={(event) => handlers.onRowDragLeave(event, row)}
      onDrop={(event) => handlers.onRowDrop(event, row)}
    >
      <span className="tree-chevron" aria-hidden="true">
        {expandable ? <ChevronIcon size={12} className={row.expanded ? 'is-expanded' : undefined} /> : null}
      </span>
      <RowBody row={row} live={live} now={now} />
    </div>
  )
})

function SessionRowBody({ row, live, now }: { row: Extract<TreeRow, { kind: 'session' | 'trashed' }>; live: boolean; now: number }) {
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
}

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
      return <SessionRowBody row={row} live={live} now={now} />
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
