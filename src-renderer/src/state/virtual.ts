// Virtualisation of the tree: fixed row heights per kind, offsets and the row at a given height.
import type { TreeRow } from './tree'

export const ROW_HEIGHT = 28
export const SESSION_ROW_HEIGHT = 44

export function rowHeight(row: Pick<TreeRow, 'kind'>): number {
  return row.kind === 'session' || row.kind === 'trashed' ? SESSION_ROW_HEIGHT : ROW_HEIGHT
}

/** Top of every row, plus the total height at the end (rows are fixed-height per kind). */
export function rowOffsets(rows: readonly Pick<TreeRow, 'kind'>[]): number[] {
  const offsets = new Array<number>(rows.length + 1)
  let top = 0
  for (let i = 0; i < rows.length; i++) {
    offsets[i] = top
    top += rowHeight(rows[i] as TreeRow)
  }
  offsets[rows.length] = top
  return offsets
}

/** The index of the row at `y` (binary search over the offsets). */
export function rowAt(offsets: readonly number[], y: number): number {
  let lo = 0
  let hi = offsets.length - 2
  if (hi < 0) return 0
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if ((offsets[mid] as number) <= y) lo = mid
    else hi = mid - 1
  }
  return lo
}
