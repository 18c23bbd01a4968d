// Toasts and pending operations: pure transitions plus the words that tell the user what happened.
import type { OperationReport, SkippedItem } from '../../../src-shared/contract'
import { describeReason, plural } from './format'

export interface Toast {
  id: number
  tone: 'success' | 'warning' | 'error' | 'info'
  title: string
  /** One line per skipped session, or other detail. */
  details: string[]
  /** Shows an Undo button. */
  undoable: boolean
}

export interface OperationsState {
  toasts: Toast[]
  nextToastId: number
  /** Operations sent and not yet answered. */
  pending: number
  /** What Undo would revert, as the last report said. */
  undoLabel: string | null
}

export const initialOperations: OperationsState = { toasts: [], nextToastId: 1, pending: 0, undoLabel: null }

/** At most this many toasts stay on screen; older ones go first. */
export const MAX_TOASTS = 4

export function addToast(state: OperationsState, toast: Omit<Toast, 'id'>): OperationsState {
  const toasts = [...state.toasts, { ...toast, id: state.nextToastId }]
  return { ...state, toasts: toasts.slice(-MAX_TOASTS), nextToastId: state.nextToastId + 1 }
}

export function dismissToast(state: OperationsState, id: number): OperationsState {
  const toasts = state.toasts.filter((toast) => toast.id !== id)
  return toasts.length === state.toasts.length ? state : { ...state, toasts }
}

/** After an undo: the toast of the operation it reverted no longer applies. */
export function dismissLatestUndoable(state: OperationsState): OperationsState {
  const latest = [...state.toasts].reverse().find((toast) => toast.undoable)
  return latest ? dismissToast(state, latest.id) : state
}

export function operationStarted(state: OperationsState): OperationsState {
  return { ...state, pending: state.pending + 1 }
}

export function operationFinished(state: OperationsState, undoLabel?: string | null): OperationsState {
  return { ...state, pending: Math.max(0, state.pending - 1), undoLabel: undoLabel === undefined ? state.undoLabel : undoLabel }
}

export type Verb = 'move' | 'archive' | 'unarchive' | 'trash' | 'restore' | 'prune-archive' | 'prune-trash' | 'undo'

const PAST: Record<Verb, string> = {
  move: 'Moved',
  archive: 'Archived',
  unarchive: 'Unarchived',
  trash: 'Moved to trash',
  restore: 'Restored',
  'prune-archive': 'Pruned (archived)',
  'prune-trash': 'Pruned (moved to trash)',
  undo: 'Undone',
}

const FAILED: Record<Verb, string> = {
  move: 'Could not move',
  archive: 'Could not archive',
  unarchive: 'Could not unarchive',
  trash: 'Could not move to trash',
  restore: 'Could not restore',
  'prune-archive': 'Could not prune',
  'prune-trash': 'Could not prune',
  undo: 'Nothing was undone',
}

/** The toast for an operation's report. `titleOf` names a session by id for the skip lines. */
export function reportToast(verb: Verb, report: OperationReport, titleOf: (id: string) => string, where?: string): Omit<Toast, 'id'> {
  const done = report.done.length
  const skipped = report.skipped.length
  const details = report.skipped.map((item) => `${titleOf(item.id)}: skipped, ${describeReason(item.reason)}`)
  if (done === 0) {
    return {
      tone: skipped > 0 ? 'error' : 'info',
      title: `${FAILED[verb]} ${skipped > 0 ? plural(skipped, 'session') : 'anything'}`,
      details,
      undoable: false,
    }
  }
  let title = `${PAST[verb]} ${plural(done, 'session')}${where ? ` ${where}` : ''}`
  if (skipped > 0) title += `; ${plural(skipped, 'session')} skipped`
  return { tone: skipped > 0 ? 'warning' : 'success', title, details, undoable: verb !== 'undo' }
}

export function failureToast(verb: Verb, reason: string): Omit<Toast, 'id'> {
  return { tone: 'error', title: FAILED[verb], details: [describeReason(reason)], undoable: false }
}

/** One line per reason, naming the sessions it left alone: `“A”, “B”: <why, in words>`. */
export function skippedByReason(skipped: readonly SkippedItem[], titleOf: (id: string) => string): string[] {
  const byReason = new Map<string, string[]>()
  for (const item of skipped) byReason.set(item.reason, [...(byReason.get(item.reason) ?? []), `“${titleOf(item.id)}”`])
  return [...byReason].map(([reason, titles]) => `${titles.join(', ')}: ${describeReason(reason)}`)
}
