// Roving focus in the tree: one row is tabbable; the keyboard moves it, and the DOM focus follows.
import { type RefObject, useLayoutEffect, useRef } from 'react'
import { select } from '../state/selection'
import type { TreeRow } from '../state/tree'
import { useUiStore } from '../stores/ui-store'

/** The focused row's index; the first row when the focused one is gone (filtered, collapsed). */
export function focusedIndexOf(rows: readonly TreeRow[], focusedId: string | null): number {
  const index = focusedId === null ? -1 : rows.findIndex((row) => row.id === focusedId)
  return index < 0 && rows.length > 0 ? 0 : index
}

export type FocusRow = (index: number, selectToo: boolean, event?: { shiftKey: boolean }) => void

export function useRovingFocus(
  rows: readonly TreeRow[],
  focusedIndex: number,
  scroller: RefObject<HTMLElement | null>,
  scrollIntoView: (index: number) => void,
): FocusRow {
  const focusAfterRender = useRef(false)
  const focusedRowId = rows[focusedIndex]?.id ?? null

  // After a keyboard move, the DOM focus follows the focused row.
  useLayoutEffect(() => {
    if (!focusAfterRender.current) return
    focusAfterRender.current = false
    const element = scroller.current?.querySelector<HTMLElement>(`[data-row-id="${CSS.escape(focusedRowId ?? '')}"]`)
    element?.focus({ preventScroll: true })
  })

  return (index, selectToo, event) => {
    const row = rows[index]
    if (!row) return
    const ui = useUiStore.getState
    ui().setFocused(row.id)
    if (selectToo) {
      const order = rows.map((r) => r.id)
      const selectable = (id: string) => rows.find((r) => r.id === id)?.kind === 'session'
      ui().setSelection(select(ui().selection, order, row.id, event?.shiftKey ? 'range' : 'replace', selectable))
    }
    scrollIntoView(index)
    focusAfterRender.current = true
  }
}
