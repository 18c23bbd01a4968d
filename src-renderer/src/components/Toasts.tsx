// Toasts: what an operation did and skipped, with Undo on the latest undoable one.
import { useEffect, useRef } from 'react'
import { useApp } from '../app-context'
import type { Toast } from '../state/operations'
import { useOperationsStore } from '../stores/operations-store'
import { CloseIcon } from './icons'

const LIFETIME: Record<Toast['tone'], number | null> = { success: 8000, info: 6000, warning: 15000, error: null }

function ToastView({ toast, showUndo }: { toast: Toast; showUndo: boolean }) {
  const { actions } = useApp()
  const dismiss = useOperationsStore((s) => s.dismiss)
  const hovered = useRef(false)
  useEffect(() => {
    const lifetime = LIFETIME[toast.tone]
    if (lifetime === null) return
    let left = lifetime
    const tick = 500
    const timer = setInterval(() => {
      if (hovered.current) return
      left -= tick
      if (left <= 0) dismiss(toast.id)
    }, tick)
    return () => clearInterval(timer)
  }, [toast.id, toast.tone, dismiss])
  return (
    <div
      className={`toast toast--${toast.tone}`}
      role="status"
      aria-live="polite"
      onMouseEnter={() => (hovered.current = true)}
      onMouseLeave={() => (hovered.current = false)}
      onFocus={() => (hovered.current = true)}
      onBlur={() => (hovered.current = false)}
    >
      <span className="toast-stripe" aria-hidden="true" />
      <div className="toast-body">
        <p className="toast-title">{toast.title}</p>
        {toast.details.length > 0 ? (
          <ul className="toast-details">
            {toast.details.slice(0, 5).map((line, i) => (
              <li key={i}>{line}</li>
            ))}
            {toast.details.length > 5 ? <li>and {toast.details.length - 5} more</li> : null}
          </ul>
        ) : null}
      </div>
      {showUndo ? (
        <button
          type="button"
          className="button button--small toast-undo"
          onClick={() => {
            dismiss(toast.id)
            void actions.undo()
          }}
        >
          Undo
        </button>
      ) : null}
      <button type="button" className="icon-button" aria-label="Dismiss notification" title="Dismiss" onClick={() => dismiss(toast.id)}>
        <CloseIcon size={14} />
      </button>
    </div>
  )
}

export function Toasts() {
  const toasts = useOperationsStore((s) => s.toasts)
  const pending = useOperationsStore((s) => s.pending)
  // Undo reverts the last operation only, so only the newest undoable toast offers it.
  const latestUndoable = [...toasts].reverse().find((toast) => toast.undoable)
  const latestId = toasts.at(-1)?.id
  return (
    <div className="toasts" aria-label="Notifications">
      {pending > 0 ? (
        <div className="toast toast--info toast--pending">
          <span className="spinner" aria-hidden="true" /> Working…
        </div>
      ) : null}
      {toasts.map((toast) => (
        <ToastView key={toast.id} toast={toast} showUndo={toast === latestUndoable && toast.id === latestId} />
      ))}
    </div>
  )
}
