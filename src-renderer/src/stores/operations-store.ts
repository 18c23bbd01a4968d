// Operations store: toasts and pending operations; transitions live in state/operations.ts.
import { create } from 'zustand'
import {
  type OperationsState,
  type Toast,
  addToast,
  dismissLatestUndoable,
  dismissToast,
  initialOperations,
  operationFinished,
  operationStarted,
} from '../state/operations'

interface OperationsActions {
  toast(toast: Omit<Toast, 'id'>): void
  dismiss(id: number): void
  undone(): void
  started(): void
  finished(undoLabel?: string | null): void
}

export const useOperationsStore = create<OperationsState & OperationsActions>()((set) => ({
  ...initialOperations,
  toast: (toast) => set((state) => addToast(state, toast)),
  dismiss: (id) => set((state) => dismissToast(state, id)),
  undone: () => set((state) => dismissLatestUndoable(state)),
  started: () => set((state) => operationStarted(state)),
  finished: (undoLabel) => set((state) => operationFinished(state, undoLabel)),
}))
