// How the tree orders the sessions within each project. Projects keep their order (by name,
// Unfiled last) whatever the sort: they are the places sessions are dragged to and found by name,
// so they stay where the user last saw them; only the sessions inside them move.
import type { SessionSummary } from '../../../src-shared/model'
import { compareSessions } from '../../../src-shared/session-order'

export type TreeSort = 'updated' | 'created' | 'size' | 'turns' | 'errors'

/** The choices in the order the sort control offers them; the first is the default. */
export const TREE_SORTS: ReadonlyArray<{ value: TreeSort; label: string }> = [
  { value: 'updated', label: 'Last updated' },
  { value: 'created', label: 'Created' },
  { value: 'size', label: 'Size' },
  { value: 'turns', label: 'Turns' },
  { value: 'errors', label: 'Errors' },
]

export const DEFAULT_TREE_SORT: TreeSort = 'updated'

export function isTreeSort(value: unknown): value is TreeSort {
  return TREE_SORTS.some((sort) => sort.value === value)
}

const byNumber = (key: 'bytes' | 'turns' | 'errors') => (a: SessionSummary, b: SessionSummary) => b[key] - a[key]

const FIRST: Record<TreeSort, (a: SessionSummary, b: SessionSummary) => number> = {
  updated: () => 0,
  created: (a, b) => (a.createdAt === b.createdAt ? 0 : a.createdAt < b.createdAt ? 1 : -1),
  size: byNumber('bytes'),
  turns: byNumber('turns'),
  errors: byNumber('errors'),
}

/**
 * The order of sessions for a sort: newest, largest, most turns or most errors first; ties (and
 * the default) newest update first, then by id, so the order is stable.
 */
export function sessionOrder(sort: TreeSort): (a: SessionSummary, b: SessionSummary) => number {
  const first = FIRST[sort]
  return (a, b) => first(a, b) || compareSessions(a, b)
}
