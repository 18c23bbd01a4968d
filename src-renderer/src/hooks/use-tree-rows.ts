import { useShallow } from 'zustand/react/shallow'
import type { TreeRow } from '../state/tree'
import { useSessionsStore } from '../stores/sessions-store'
import { rowsFor } from '../stores/tree-rows-store'
import { useUiStore } from '../stores/ui-store'

const EMPTY: never[] = []

export function useTreeRows(): TreeRow[] {
  const { data, trash } = useSessionsStore(useShallow((s) => ({ data: s.data, trash: s.trash })))
  const { filter, treeSort, showArchived, expansion } = useUiStore(
    useShallow((s) => ({ filter: s.filter, treeSort: s.treeSort, showArchived: s.showArchived, expansion: s.expansion })),
  )
  if (!data) return EMPTY
  const { stores, sessions, problems } = data
  return rowsFor({ stores, sessions, problems, trash, filter, sort: treeSort, showArchived, expansion })
}
