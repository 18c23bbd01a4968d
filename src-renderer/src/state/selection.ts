// Selection in the tree: plain click, Ctrl/Cmd-click (toggle) and Shift-click (range from the anchor).

export interface Selection {
  selected: ReadonlySet<string>
  /** Where a Shift-click range starts. */
  anchor: string | null
}

export const emptySelection: Selection = { selected: new Set(), anchor: null }

export type SelectMode = 'replace' | 'toggle' | 'range' | 'range-add'

/**
 * The selection after clicking `id`. `order` is the visible rows' ids in view order; a range covers
 * every row between the anchor and `id` for which `selectable` says yes.
 */
export function select(
  current: Selection,
  order: readonly string[],
  id: string,
  mode: SelectMode,
  selectable: (id: string) => boolean = () => true,
): Selection {
  if (mode === 'replace') return { selected: new Set([id]), anchor: id }
  if (mode === 'toggle') {
    const selected = new Set(current.selected)
    if (selected.has(id)) selected.delete(id)
    else selected.add(id)
    return { selected, anchor: id }
  }
  const anchor = current.anchor !== null && order.includes(current.anchor) ? current.anchor : id
  const from = order.indexOf(anchor)
  const to = order.indexOf(id)
  if (to < 0) return current
  const [lo, hi] = from <= to ? [from, to] : [to, from]
  const selected = mode === 'range-add' ? new Set(current.selected) : new Set<string>()
  for (let i = lo; i <= hi; i++) {
    const rowId = order[i] as string
    if (rowId === id || rowId === anchor || selectable(rowId)) selected.add(rowId)
  }
  return { selected, anchor }
}

/** The mode a click with these modifier keys means. */
export function modeOf(event: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): SelectMode {
  const toggle = event.ctrlKey || event.metaKey
  if (event.shiftKey) return toggle ? 'range-add' : 'range'
  return toggle ? 'toggle' : 'replace'
}

/** The selected ids that are still visible, in view order. */
export function visibleSelection(selection: Selection, order: readonly string[]): string[] {
  return order.filter((id) => selection.selected.has(id))
}

export function selectAll(order: readonly string[], selectable: (id: string) => boolean): Selection {
  const selected = new Set(order.filter(selectable))
  return { selected, anchor: order.find(selectable) ?? null }
}
