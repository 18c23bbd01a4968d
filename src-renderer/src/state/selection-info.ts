// What the current selection allows: derived from the visible rows, the selection and the focus.
import type { SessionSummary } from '../../../src-shared/model'
import type { SessionRef, StoreId, StoreView } from '../../../src-shared/contract'
import { moveRefusal } from './format'
import type { Selection } from './selection'
import type { TreeRow } from './tree'

export interface SelectionInfo {
  /** Selected sessions (not trashed), in view order. */
  sessions: Array<{ ref: SessionRef; session: SessionSummary }>
  active: SessionRef[]
  archived: SessionRef[]
  /** Selected sessions in the trash, by store. */
  trashed: Map<StoreId, string[]>
  /** The one store all selected sessions are in, or null (none, or several). */
  singleStore: StoreId | null
  /** The store the user is working in: the focused row's, else the selection's, else the only one. */
  contextStore: StoreId | null
  /** The focused row's project, when it is a project row (for Prune's scope). */
  contextProject: { name: string | null } | undefined
  /** Why the selected sessions cannot be moved (a store whose format does not allow it), or null. */
  moveRefusal: string | null
}

export function selectionInfo(
  rows: readonly TreeRow[],
  selection: Selection,
  focusedId: string | null,
  allStores: readonly Pick<StoreView, 'id' | 'label' | 'canMove'>[],
): SelectionInfo {
  const storeIds = allStores.map((store) => store.id)
  const sessions: SelectionInfo['sessions'] = []
  const trashed = new Map<StoreId, string[]>()
  for (const row of rows) {
    if (!selection.selected.has(row.id)) continue
    if (row.kind === 'session') sessions.push({ ref: { storeId: row.storeId, id: row.session.id }, session: row.session })
    else if (row.kind === 'trashed') trashed.set(row.storeId, [...(trashed.get(row.storeId) ?? []), row.session.id])
  }
  const stores = new Set(sessions.map((item) => item.ref.storeId))
  const focused = focusedId === null ? undefined : rows.find((row) => row.id === focusedId)
  const selectedStores = [...stores, ...trashed.keys()]
  const contextStore = focused?.storeId ?? selectedStores[0] ?? (storeIds.length === 1 ? (storeIds[0] as StoreId) : (storeIds[0] ?? null))
  return {
    sessions,
    active: sessions.filter((item) => !item.session.archived).map((item) => item.ref),
    archived: sessions.filter((item) => item.session.archived).map((item) => item.ref),
    trashed,
    singleStore: stores.size === 1 ? ([...stores][0] as StoreId) : null,
    contextStore,
    contextProject: focused?.kind === 'project' ? { name: focused.project } : undefined,
    moveRefusal: refusalOf(allStores, [...stores]),
  }
}

function refusalOf(stores: readonly Pick<StoreView, 'id' | 'label' | 'canMove'>[], selected: readonly StoreId[]): string | null {
  const fixed = stores.find((store) => !store.canMove && selected.includes(store.id))
  return fixed ? moveRefusal(fixed) : null
}
