// Tree rows store: flattenTree's last input and output, so the rows are computed once per change
// however many components (and commands, outside React) ask. A cache only: nothing subscribes.
import { create } from 'zustand'
import { flattenTree, type TreeInput, type TreeRow } from '../state/tree'

interface TreeRowsStore {
  input: TreeInput | null
  rows: TreeRow[]
}

export const useTreeRowsStore = create<TreeRowsStore>()(() => ({ input: null, rows: [] }))

/** flattenTree, computed again only when a part of its input is a different object. */
export function rowsFor(input: TreeInput): TreeRow[] {
  const last = useTreeRowsStore.getState()
  const same =
    last.input !== null && (Object.keys(input) as Array<keyof TreeInput>).every((key) => (last.input as TreeInput)[key] === input[key])
  if (same) return last.rows
  const rows = flattenTree(input)
  useTreeRowsStore.setState({ input, rows })
  return rows
}
