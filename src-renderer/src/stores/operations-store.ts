// Operations store: toasts and pending operations; transitions live in state/operations.ts.
import { create } from 'zustand'
import {
  type OperationsState,
  type Toast,
  addToast,
  dismissToast,
  initialOperations,
  operationFinished,
  operationStarted,
} from '../state/operations'

interface OperationsActions {
  toast(toast: Omit<Toast, 'id'>): void
  dismiss(id: number): void
  started(): void
  finished(undoLabel?: string | null): void
}

export const useOperationsStore = create<OperationsState & OperationsActions>()((set) => ({
  ...initialOperations,
  toast: (toast) => set((state) => addToast(state, toast)),
  dismiss: (id) => set((state) => dismissToast(state, id)),
  started: () => set((state) => operationStarted(state)),
  finished: (undoLabel) => set((state) => operationFinished(state, undoLabel)),
}))
