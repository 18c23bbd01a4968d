// The empty state (no store found), the notice banner and the load-error screen.
import type { FormatInfo } from '../../../src-shared/contract'
import { CloseIcon, OpenFolderIcon, StoreIcon, WarningIcon } from './icons'

export function EmptyState({
  lookedIn,
  formats,
  onOpenFolder,
}: {
  lookedIn: string[]
  formats: readonly FormatInfo[]
  onOpenFolder(): void
}) {
  return (
    <div className="empty-state">
      <StoreIcon size={40} className="empty-icon" />
      <h1>No session stores found</h1>
      <p className="muted">
        SessionScope reads the session histories that coding agents ({formats.map((format) => format.label).join(', ')}) leave on disk. It
        looked for them in:
      </p>
      <ul className="looked-in">
        {lookedIn.length === 0 ? (
          <li className="muted">(no folders)</li>
        ) : (
          lookedIn.map((path) => (
            <li key={path}>
              <code>{path}</code>
            </li>
          ))
        )}
      </ul>
      <p className="muted">
        Open a sessions folder, or an agent's home folder that holds one. SessionScope remembers the folders you open.
      </p>
      <button type="button" className="button button--primary" onClick={onOpenFolder}>
        <OpenFolderIcon />
        Open folder…
      </button>
    </div>
  )
}

export function Banner({ text, onDismiss }: { text: string; onDismiss(): void }) {
  return (
    <div className="banner" role="region" aria-label="Notice">
      <span className="banner-icon" aria-hidden="true">
        i
      </span>
      <p>{text}</p>
      <button type="button" className="icon-button" aria-label="Dismiss notice" title="Dismiss" onClick={onDismiss}>
        <CloseIcon size={14} />
      </button>
    </div>
  )
}

export function LoadError({ message, onRetry }: { message: string; onRetry(): void }) {
  return (
    <div className="empty-state">
      <WarningIcon size={36} className="empty-icon empty-icon--warning" />
      <h1>Could not load the sessions</h1>
      <p className="muted">{message}</p>
      <button type="button" className="button button--primary" onClick={onRetry}>
        Try again
      </button>
    </div>
  )
}
