import { formatModule } from '../formats/registry'
import type { SessionSummary, Store } from '../../../src-shared/model'
import { type OperationKind } from './journal'
import { archivedPathOf, restoredPathOf, trashPathOf, unarchivedPathOf } from './locations'
import { type OperationsContext } from './context'
import { moveFiles } from './file-moves'

// The operations the app and the CLI perform on sessions. Each one acts on already-resolved
// sessions, checks everything it can before touching the disk, goes through the crash-safe
// primitives of safe-fs, records itself in the undo journal, and reports per session what it
// did or why it skipped it: a refused operation changes nothing.
function count(sessions: readonly SessionSummary[]): string {
  return sessions.length === 1 ? 'session' : `${sessions.length} sessions`
}

const storeOf = (session: SessionSummary): Store => ({ format: session.format, root: session.store })

export interface FileOperationOptions {
  force?: boolean
  /** Journal the operation under another name (prune archives and trashes through these). */
  journalAs?: { kind: OperationKind; label: string }
}

export function archiveSessions(ctx: OperationsContext, sessions: readonly SessionSummary[], options: FileOperationOptions = {}) {
  const { kind, label } = options.journalAs ?? { kind: 'archive', label: `Archive ${count(sessions)}` }
  return moveFiles(
    ctx,
    kind,
    label,
    sessions,
    {
      to: (session) => formatModule(session.format).archivedPathOf?.(session.store, session.path) ?? archivedPathOf(session.path),
      intoAgentFolder: false,
      liveCheck: true,
      refuse: (session) => (session.archived ? 'already archived' : null),
    },
    options.force === true,
  )
}

export function unarchiveSessions(ctx: OperationsContext, sessions: readonly SessionSummary[]) {
  return moveFiles(
    ctx,
    'unarchive',
    `Unarchive ${count(sessions)}`,
    sessions,
    {
      to: (session) => formatModule(session.format).unarchivedPathOf?.(session.store, session.path) ?? unarchivedPathOf(session.path),
      intoAgentFolder: true,
      liveCheck: false,
      refuse: (session) => (session.archived ? null : 'not archived'),
    },
    false,
  )
}

export function trashSessions(ctx: OperationsContext, sessions: readonly SessionSummary[], options: FileOperationOptions = {}) {
  const { kind, label } = options.journalAs ?? { kind: 'trash', label: `Move ${count(sessions)} to the trash` }
  return moveFiles(
    ctx,
    kind,
    label,
    sessions,
    {
      to: (session) =>
        formatModule(session.format).trashedPathOf?.(session.store, session.path) ?? trashPathOf(storeOf(session), session.path),
      intoAgentFolder: false,
      liveCheck: true,
    },
    options.force === true,
  )
}

/** Sessions listed from the trash (listTrash) back to where they were. */
export function restoreSessions(ctx: OperationsContext, trashed: readonly SessionSummary[]) {
  return moveFiles(
    ctx,
    'restore',
    `Restore ${count(trashed)}`,
    trashed,
    {
      to: (session) =>
        formatModule(session.format).untrashedPathOf?.(session.store, session.path) ?? restoredPathOf(storeOf(session), session.path),
      intoAgentFolder: true,
      liveCheck: false,
    },
    false,
  )
}

export {
  type Done,
  type OperationResult,
  type OperationsContext,
  type Skipped,
  MAX_ATTEMPTS,
  describeError,
  liveReason,
  noteWritten,
  operationsContext,
} from './context'
export { moveEntry, relocate, rewriteInPlace } from './file-moves'
export { type MoveOptions, moveSessions, resolveProjectFor, revertWith } from './move'
export type { MoveTarget } from '../../../src-shared/model'
