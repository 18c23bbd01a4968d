import { stat } from 'node:fs/promises'
import { formatModule } from '../formats/registry'
import type { DoneItem, SessionSummary, SkippedItem } from '../../../src-shared/model'
import { OwnWrites } from '../own-writes'
import { UnreadableSession } from '../unreadable'
import { type Change, type JournalEntry, type OperationKind, newEntry, recordOperation } from './journal'
import { DestinationExists } from './safe-fs'

// What every operation shares: its context (data folder, clock, live windows, own writes), its
// result, the live check, and the runner that acts per session and journals what it did.

export interface OperationsContext {
  /** The app's data folder, where the undo journal lives. */
  dataDir: string
  now: () => number
  /** How recently a file must have changed to count as being written by a running agent. */
  liveWindowMs: number
  /**
   * How long a session file must have been left alone before a forced operation moves it to
   * another path: agents write their sessions by path, so moving one they are writing splits it.
   */
  quietWindowMs: number
  /** Told about every file the operations write or remove, so watchers can drop the echoes. */
  ownWrites: OwnWrites
}

export function operationsContext(dataDir: string, overrides: Partial<OperationsContext> = {}): OperationsContext {
  return { dataDir, now: Date.now, liveWindowMs: 60_000, quietWindowMs: 10_000, ownWrites: new OwnWrites(), ...overrides }
}

export type Done = DoneItem
export type Skipped = SkippedItem

export interface OperationResult {
  done: Done[]
  skipped: Skipped[]
}

/** How often a rewrite starts again after losing a race with the agent, before giving up. */
export const MAX_ATTEMPTS = 25

/**
 * Why a session must not be touched now, or null. A session the agent wrote within the live window
 * is 'live' (--force overrides). An operation that moves the file to another path is refused even
 * when forced while the agent is writing (changed within the quiet window): the agent writes by
 * path and would start the file again at the old place, leaving the session in two halves. The
 * app's own writes keep the agent's mtime, so they never count.
 */
export async function liveReason(ctx: OperationsContext, path: string, force: boolean, movesFile: boolean): Promise<string | null> {
  if (force && !movesFile) return null
  const info = await stat(path).catch(() => null)
  if (!info) return 'the session file is gone'
  const age = Math.max(0, ctx.now() - info.mtimeMs)
  if (age >= ctx.liveWindowMs) return null
  if (!force) return 'live'
  if (age < ctx.quietWindowMs) {
    const quiet = Math.ceil(ctx.quietWindowMs / 1000)
    return (
      `being written: the agent changed it ${Math.floor(age / 1000)} s ago and writes it by its path, so moving the file now ` +
      `would split the session in two; try again once it has been quiet for ${quiet} s`
    )
  }
  return null
}

export function describeError(error: unknown): string {
  if (error instanceof DestinationExists) return `a file already exists at ${error.path}`
  if (error instanceof UnreadableSession) return error.message
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'the session file is gone'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  return error instanceof Error ? error.message : String(error)
}

export async function noteWritten(ctx: OperationsContext, path: string): Promise<void> {
  const info = await stat(path).catch(() => null)
  if (info) ctx.ownWrites.noteWritten(path, { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino })
}

/** Runs `act` per session, collecting done/skipped, then journals what was done as one operation. */
export async function perSession(
  ctx: OperationsContext,
  kind: OperationKind,
  label: string,
  sessions: readonly SessionSummary[],
  act: (
    session: SessionSummary,
    journalPending: (change: Change) => Promise<void>,
  ) => Promise<{ done: Done; change: Change } | { skipped: string }>,
): Promise<OperationResult & { entry: JournalEntry | null }> {
  const result: OperationResult = { done: [], skipped: [] }
  const first = sessions[0]
  if (!first) return { ...result, entry: null }
  // Every change is journaled as soon as it is made, under the operation's id: a process killed
  // halfway leaves an operation that undo reverts as far as it got.
  const entry = newEntry(kind, { format: first.format, root: first.store }, label, [])
  // A change that spans two disk steps is journaled before the first, so a kill in between is known.
  const journalPending = (change: Change) => recordOperation(ctx.dataDir, { ...entry, changes: [change] })
  for (const session of sessions) {
    try {
      const outcome = await act(session, journalPending)
      if ('skipped' in outcome) result.skipped.push({ id: session.id, reason: outcome.skipped })
      else {
        result.done.push(outcome.done)
        entry.changes.push(outcome.change)
        await recordOperation(ctx.dataDir, { ...entry, changes: [outcome.change] })
      }
    } catch (error) {
      result.skipped.push({ id: session.id, reason: describeError(error) })
    }
  }
  return { ...result, entry: entry.changes.length > 0 ? entry : null }
}

/**
 * Sub-agents whose transcripts belong to their parent's set of files (Claude Code) travel with
 * the parent; acting on one alone would split the session.
 */
export function subAgentRefusal(session: SessionSummary): string | null {
  return formatModule(session.format).companions && session.parentId !== null ? 'a sub-agent session moves with its parent session' : null
}
