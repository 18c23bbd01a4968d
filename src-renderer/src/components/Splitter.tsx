// The resizable splitter between the panes (pointer drag or arrow keys).
import { type KeyboardEvent, type PointerEvent, useRef } from 'react'
import { MAX_PANE, MIN_PANE, useUiStore } from '../stores/ui-store'

export function Splitter() {
  const width = useUiStore((s) => s.paneWidth)
  const setWidth = useUiStore((s) => s.setPaneWidth)
  const start = useRef<{ x: number; width: number } | null>(null)
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId)
    start.current = { x: event.clientX, width }
    document.body.classList.add('is-resizing')
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (start.current) setWidth(start.current.width + event.clientX - start.current.x)
  }
  const onPointerUp = () => {
    start.current = null
    document.body.classList.remove('is-resizing')
    try {
      localStorage.setItem('sessionscope.paneWidth', String(useUiStore.getState().paneWidth))
    } catch {
      // Storage may be unavailable; the width is only a preference.
    }
  }
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.shiftKey ? 48 : 16
    if (event.key === 'ArrowLeft') setWidth(width - step)
    else if (event.key === 'ArrowRight') setWidth(width + step)
    else if (event.key === 'Home') setWidth(MIN_PANE)
    else if (event.key === 'End') setWidth(MAX_PANE)
    else return
    event.preventDefault()
  }
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the session list"
      aria-valuemin={MIN_PANE}
      aria-valuemax={MAX_PANE}
      aria-valuenow={width}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
      onDoubleClick={() => setWidth(360)}
    />
  )
}
