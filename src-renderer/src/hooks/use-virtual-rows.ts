// Virtualisation for the tree: rows have fixed heights by kind, and only those around the
// viewport (plus the focused one) are in the DOM.
import { type RefObject, type UIEvent, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { TreeRow } from '../state/tree'
import { rowAt, rowOffsets } from '../state/virtual'

const OVERSCAN = 20
/** Trees up to this many rows are rendered whole (cheap, and every row stays in the accessibility tree). */
const RENDER_ALL_BELOW = 250

export interface VirtualRows {
  scroller: RefObject<HTMLDivElement | null>
  /** The viewport's height in pixels. */
  height: number
  offsets: number[]
  /** The indices of the rows to render. */
  indices: number[]
  canvasHeight: number
  onScroll(event: UIEvent<HTMLElement>): void
  scrollIntoView(index: number): void
}

export function useVirtualRows(rows: readonly TreeRow[], focusedIndex: number): VirtualRows {
  const scroller = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [height, setHeight] = useState(600)

  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    setHeight(element.clientHeight)
    const observer = new ResizeObserver(() => setHeight(element.clientHeight))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

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
  const onScroll = useCallback((event: UIEvent<HTMLElement>) => setScrollTop(event.currentTarget.scrollTop), [])

  const whole = rows.length <= RENDER_ALL_BELOW
  const first = whole ? 0 : Math.max(0, rowAt(offsets, scrollTop) - OVERSCAN)
  const last = whole ? rows.length : Math.min(rows.length, rowAt(offsets, scrollTop + height) + 1 + OVERSCAN)
  const indices: number[] = []
  for (let i = first; i < last; i++) indices.push(i)
  // The focused row stays in the DOM even when scrolled away, so focus is never lost.
  if (focusedIndex >= 0 && (focusedIndex < first || focusedIndex >= last)) indices.push(focusedIndex)

  return { scroller, height, offsets, indices, canvasHeight: (offsets[rows.length] ?? 0) + 8, onScroll, scrollIntoView }
}

/** Scrolls to a row once it is there, once per row id (a session opened from a sub-agent link). */
export function useRevealRow(rowId: string | null, rows: readonly TreeRow[], scrollIntoView: (index: number) => void): void {
  const revealed = useRef<string | null>(null)
  useLayoutEffect(() => {
    if (rowId === null || revealed.current === rowId) return
    const index = rows.findIndex((row) => row.id === rowId)
    if (index < 0) return
    revealed.current = rowId
    scrollIntoView(index)
  }, [rowId, rows, scrollIntoView])
}
