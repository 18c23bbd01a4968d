import { useShallow } from 'zustand/react/shallow'
import { flattenTree, type TreeInput, type TreeRow } from '../state/tree'
import { useSessionsStore } from '../stores/sessions-store'
import { useUiStore } from '../stores/ui-store'

let lastInput: TreeInput | null = null
let lastRows: TreeRow[] = []

/** flattenTree, computed once per change however many components ask. */
export function rowsFor(input: TreeInput): TreeRow[] {
  const same =
    lastInput !== null &&
    (Object.keys(input) as Array<keyof TreeInput>).every((key) => (lastInput as TreeInput)[key] === input[key])
  if (!same) {
    lastInput = input
    lastRows = flattenTree(input)
  }
  return lastRows
}

const EMPTY: never[] = []

export function useTreeRows(): TreeRow[] {
  const { data, trash } = useSessionsStore(useShallow((s) => ({ data: s.data, trash: s.trash })))
  const { filter, showArchived, expansion } = useUiStore(useShallow((s) => ({ filter: s.filter, showArchived: s.showArchived, expansion: s.expansion })))
  if (!data) return EMPTY
  return rowsFor({ stores: data.stores, sessions: data.sessions, problems: data.problems, trash, filter, showArchived, expansion })
}
