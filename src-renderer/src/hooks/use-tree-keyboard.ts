// The tree's keys: Enter opens or toggles, Space selects, arrows/Home/End/Page move the focus (see
// state/tree-nav), printable characters search. Application shortcuts are the keymap's (app.tsx).
import type { KeyboardEvent } from 'react'
import { select } from '../state/selection'
import { type TreeRow, isExpandable, rowText } from '../state/tree'
import { navigate } from '../state/tree-nav'
import { SESSION_ROW_HEIGHT } from '../state/virtual'
import { useUiStore } from '../stores/ui-store'
import type { FocusRow } from './use-roving-focus'
import type { RowActions } from './use-row-actions'
import { useTypeAhead } from './use-type-ahead'

interface Options {
  rows: readonly TreeRow[]
  focusedIndex: number
  /** The viewport's height in pixels (Page Up and Page Down move by it). */
  height: number
  focusRow: FocusRow
  actions: Pick<RowActions, 'openRow' | 'toggle'>
}

export function useTreeKeyboard({ rows, focusedIndex, height, focusRow, actions }: Options): (event: KeyboardEvent<HTMLElement>) => void {
  const typeAhead = useTypeAhead()
  return (event) => {
    if (event.altKey) return
    const ui = useUiStore.getState
    const mod = event.ctrlKey || event.metaKey
    // The row that has the DOM focus is the one acted on (it may have been focused by a script).
    let index = focusedIndex
    const targetId = (event.target as Element).closest('[data-row-id]')?.getAttribute('data-row-id')
    const targetIndex = targetId ? rows.findIndex((r) => r.id === targetId) : -1
    if (targetIndex >= 0 && targetIndex !== index) {
      index = targetIndex
      ui().setFocused(targetId as string)
    }
    const row = rows[index]
    if (event.key === 'Enter' && row) {
      event.preventDefault()
      // Enter opens a session (one with sub-agents too: the arrows expand it), and toggles other nodes.
      if (row.kind !== 'session' && isExpandable(row)) actions.toggle(row)
      else actions.openRow(row)
      return
    }
    if (event.key === ' ' && row && !typeAhead.pending()) {
      event.preventDefault()
      const order = rows.map((r) => r.id)
      ui().setSelection(select(ui().selection, order, row.id, mod ? 'toggle' : 'replace'))
      return
    }
    if (mod) return
    const pageSize = Math.max(1, Math.floor(height / SESSION_ROW_HEIGHT))
    const result = navigate(rows, index, event.key, pageSize)
    if (result.type === 'focus') {
      event.preventDefault()
      focusRow(result.index, true, event)
      return
    }
    if (result.type === 'expand') {
      event.preventDefault()
      const target = rows.find((r) => r.id === result.id)
      if (target) actions.toggle(target)
      return
    }
    if (event.key.length === 1 && /\S| /.test(event.key) && event.key !== '?') {
      const found = typeAhead.search(event.key, rows.map(rowText), index)
      if (found >= 0) {
        event.preventDefault()
        focusRow(found, true)
      }
    }
  }
}
