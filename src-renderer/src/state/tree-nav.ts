// Keyboard movement in the tree (WAI-ARIA tree pattern): what a key does given the focused row.
import { type TreeRow, isExpandable } from './tree'

export type NavResult = { type: 'focus'; index: number } | { type: 'expand'; id: string; expanded: boolean } | { type: 'none' }

export function navigate(
  rows: readonly Pick<TreeRow, 'id' | 'level' | 'kind' | 'expanded'>[],
  index: number,
  key: string,
  pageSize = 10,
): NavResult {
  if (rows.length === 0) return { type: 'none' }
  const last = rows.length - 1
  const at = Math.min(Math.max(index, 0), last)
  const row = rows[at]
  if (!row) return { type: 'none' }
  const focus = (i: number): NavResult => ({ type: 'focus', index: Math.min(Math.max(i, 0), last) })
  switch (key) {
    case 'ArrowDown':
      return index < 0 ? focus(0) : focus(at + 1)
    case 'ArrowUp':
      return index < 0 ? focus(0) : focus(at - 1)
    case 'Home':
      return focus(0)
    case 'End':
      return focus(last)
    case 'PageDown':
      return focus(at + pageSize)
    case 'PageUp':
      return focus(at - pageSize)
    case 'ArrowRight':
      if (isExpandable(row as TreeRow)) {
        if (!row.expanded) return { type: 'expand', id: row.id, expanded: true }
        const next = rows[at + 1]
        if (next && next.level > row.level) return focus(at + 1)
      }
      return { type: 'none' }
    case 'ArrowLeft': {
      if (isExpandable(row as TreeRow) && row.expanded) return { type: 'expand', id: row.id, expanded: false }
      for (let i = at - 1; i >= 0; i--) if ((rows[i] as TreeRow).level < row.level) return focus(i)
      return { type: 'none' }
    }
    default:
      return { type: 'none' }
  }
}
