import { useMemo } from 'react'
import { selectionInfo, type SelectionInfo } from '../state/selection-info'
import { useSessionsStore } from '../stores/sessions-store'
import { useUiStore } from '../stores/ui-store'
import { useTreeRows } from './use-tree-rows'

export function useSelectionInfo(): SelectionInfo {
  const rows = useTreeRows()
  const selection = useUiStore((s) => s.selection)
  const focusedId = useUiStore((s) => s.focusedId)
  const stores = useSessionsStore((s) => s.data?.stores)
  return useMemo(() => selectionInfo(rows, selection, focusedId, stores ?? []), [rows, selection, focusedId, stores])
}
