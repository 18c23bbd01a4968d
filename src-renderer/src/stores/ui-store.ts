// UI store: selection slice, tree slice (expansion, filter, sort, archived toggle, focus) and view slice
// (open session, dialog, banner, pane width). Transitions are the pure functions in state/.
import { create, type StateCreator } from 'zustand'
import type { SessionRef } from '../../../src-shared/contract'
import { type Selection, emptySelection } from '../state/selection'
import { type TreeSort, DEFAULT_TREE_SORT } from '../state/tree-sort'
import { type Dialog, type RevealTarget, setExpanded } from '../state/ui'

interface SelectionSlice {
  selection: Selection
  setSelection(selection: Selection): void
}

interface TreeSlice {
  focusedId: string | null
  expansion: Record<string, boolean>
  filter: string
  /** How sessions are ordered within a project; a remembered preference (see useRememberedPreferences). */
  treeSort: TreeSort
  showArchived: boolean
  setFocused(id: string | null): void
  setExpanded(id: string, expanded: boolean): void
  setFilter(filter: string): void
  setTreeSort(sort: TreeSort): void
  setShowArchived(show: boolean): void
}

interface ViewSlice {
  openSession: SessionRef | null
  dialog: Dialog | null
  noticeDismissed: boolean
  paneWidth: number
  /** Where the open session should scroll to once it is shown; null once done. */
  reveal: RevealTarget | null
  open(ref: SessionRef | null): void
  setReveal(target: Omit<RevealTarget, 'nonce'> | null): void
  showDialog(dialog: Dialog | null): void
  dismissNotice(): void
  setPaneWidth(width: number): void
}

export type UiStore = SelectionSlice & TreeSlice & ViewSlice

const createSelectionSlice: StateCreator<UiStore, [], [], SelectionSlice> = (set) => ({
  selection: emptySelection,
  setSelection: (selection) => set({ selection }),
})

const createTreeSlice: StateCreator<UiStore, [], [], TreeSlice> = (set) => ({
  focusedId: null,
  expansion: {},
  filter: '',
  treeSort: DEFAULT_TREE_SORT,
  showArchived: false,
  setFocused: (focusedId) => set({ focusedId }),
  setExpanded: (id, expanded) => set((state) => ({ expansion: setExpanded(state.expansion, id, expanded) })),
  setFilter: (filter) => set({ filter }),
  setTreeSort: (treeSort) => set({ treeSort }),
  setShowArchived: (showArchived) => set({ showArchived }),
})

export const MIN_PANE = 240
export const MAX_PANE = 720

const createViewSlice: StateCreator<UiStore, [], [], ViewSlice> = (set) => ({
  openSession: null,
  dialog: null,
  noticeDismissed: false,
  paneWidth: 360,
  reveal: null,
  open: (openSession) => set({ openSession }),
  setReveal: (target) => set((state) => ({ reveal: target ? { ...target, nonce: (state.reveal?.nonce ?? 0) + 1 } : null })),
  showDialog: (dialog) => set({ dialog }),
  dismissNotice: () => set({ noticeDismissed: true }),
  setPaneWidth: (width) => set({ paneWidth: Math.round(Math.min(MAX_PANE, Math.max(MIN_PANE, width))) }),
})

export const useUiStore = create<UiStore>()((...a) => ({
  ...createSelectionSlice(...a),
  ...createTreeSlice(...a),
  ...createViewSlice(...a),
}))
