// A modal dialog on the native <dialog> element (focus trap, Escape, inert background).
import { type FormEvent, type ReactNode, type RefObject, useEffect, useId, useRef } from 'react'

interface Props {
  title: string
  onClose(): void
  children: ReactNode
  footer: ReactNode
  onSubmit?(): void
  wide?: boolean
  description?: string
}

/** Shows a <dialog> as modal while mounted; gives the focus back to where it was when it goes. */
export function useModal(): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const previous = document.activeElement as HTMLElement | null
    if (!dialog.open) dialog.showModal()
    return () => {
      if (dialog.open) dialog.close()
      if (previous && document.contains(previous)) previous.focus({ preventScroll: true })
    }
  }, [])
  return ref
}

export function Dialog({ title, onClose, children, footer, onSubmit, wide, description }: Props) {
  const ref = useModal()
  const titleId = useId()
  const descriptionId = useId()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSubmit?.()
  }
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog--wide' : 'dialog'}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
      onMouseDown={(event) => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        if (!ref.current || event.target !== ref.current) return
        const box = ref.current.getBoundingClientRect()
        const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom
        if (!inside) onClose()
      }}
    >
      <form className="dialog-form" onSubmit={submit}>
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        {description ? (
          <p id={descriptionId} className="dialog-description">
            {description}
          </p>
        ) : null}
        <div className="dialog-body">{children}</div>
        <div className="dialog-footer">{footer}</div>
      </form>
    </dialog>
  )
}

interface ActionsProps {
  /** The submit button's label. */
  submit: string
  /** Cancel's handler; without one the dialog has only the submit button (a notice's Close). */
  onCancel?(): void
  tone?: 'primary' | 'danger'
  disabled?: boolean
  /** Which button has the focus when the dialog opens (a destructive dialog starts on Cancel). */
  autoFocus?: 'submit' | 'cancel'
  /** A line before the buttons (what the submit will act on). */
  note?: ReactNode
}

/** A dialog's footer: an optional note, Cancel, and the submit button, in the same order everywhere. */
export function DialogActions({ submit, onCancel, tone = 'primary', disabled, autoFocus, note }: ActionsProps) {
  return (
    <>
      {note === undefined ? null : <span className="dialog-footer-note muted">{note}</span>}
      {onCancel ? (
        <button type="button" className="button" onClick={onCancel} autoFocus={autoFocus === 'cancel'}>
          Cancel
        </button>
      ) : null}
      <button type="submit" className={`button button--${tone}`} disabled={disabled} autoFocus={autoFocus === 'submit'}>
        {submit}
      </button>
    </>
  )
}
