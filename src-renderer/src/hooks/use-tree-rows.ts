import { useShallow } from 'zustand/react/shallow'
import type { TreeRow } from '../state/tree'
import { useSessionsStore } from '../stores/sessions-store'
import { rowsFor } from '../stores/tree-rows-store'
import { useUiStore } from '../stores/ui-store'

const EMPTY: never[] = []

export function useTreeRows(): TreeRow[] {
  const { data, trash } = useSessionsStore(useShallow((s) => ({ data: s.data, trash: s.trash })))
  const { filter, showArchived, expansion } = useUiStore(
    useShallow((s) => ({ filter: s.filter, showArchived: s.showArchived, expansion: s.expansion })),
  )
  if (!data) return EMPTY
  return rowsFor({ stores: data.stores, sessions: data.sessions, problems: data.problems, trash, filter, showArchived, expansion })
}
