import { lstat, mkdir, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join, relative } from 'node:path'
import { formatModule } from '../formats/registry'
import type { DoneItem, MoveTarget, SessionSummary, Store, StoreFormat, SkippedItem } from '../../../src-shared/model'
import { ARCHIVE_DIR } from '../scan'
import { OwnWrites } from '../own-writes'
import { UnreadableSession } from '../unreadable'
import { type Change, type JournalEntry, type OperationKind, type RelocationProof, newEntry, recordOperation } from './journal'
import { archivedPathOf, isInside, restoredPathOf, trashPathOf, unarchivedPathOf } from './locations'
import type { FieldChange, Revert, Rewrite } from '../edits/field-changes'
import { failpoint } from './failpoint'
import { OWN_START } from './process-identity'
import { projectNameProblem } from '../project-name'
import {
  ChangedOnDisk,
  DestinationExists,
  createExclusive,
  exists,
  fsyncDir,
  hashBytes,
  moveIntoAgentFolder,
  moveIntoOwnFolder,
  readVersion,
  removeIfUnchanged,
  renameWithRetry,
  replaceIfUnchanged,
} from './safe-fs'

// The operations the app and the CLI perform on sessions. Each one acts on already-resolved
// sessions, checks everything it can before touching the disk, goes through the crash-safe
// primitives of safe-fs, records itself in the undo journal, and reports per session what it
// did or why it skipped it: a refused operation changes nothing.

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
export type { MoveTarget }

export interface OperationResult {
  done: Done[]
  skipped: Skipped[]
}

/** How often a rewrite starts again after losing a race with the agent, before giving up. */
const MAX_ATTEMPTS = 25

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
async function perSession(
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

/** Read, transform, replace-if-unchanged, starting again from the fresh file whenever the agent won a race. */
export async function rewriteInPlace(
  ctx: OperationsContext,
  path: string,
  transform: (text: string) => { text: string; changes: FieldChange[] } | { refuse: string },
): Promise<{ changes: FieldChange[] } | { refuse: string }> {
  for (let attempt = 1; ; attempt++) {
    const read = await readVersion(path)
    const outcome = transform(read.bytes.toString('utf8'))
    if ('refuse' in outcome) return outcome
    if (outcome.changes.length === 0) return { changes: [] }
    try {
      await replaceIfUnchanged(path, read, outcome.text)
      await noteWritten(ctx, path)
      return { changes: outcome.changes }
    } catch (error) {
      if (!(error instanceof ChangedOnDisk) || attempt >= MAX_ATTEMPTS) throw error
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, attempt * 2)))
    }
  }
}

/**
 * Rewrites a file into another folder: the new copy is created first, then the old one removed
 * if it is still the version copied. Before the copy is made, `journal` records what proves the
 * pair ours (both files' hashes and this writer), so a crash in between leaves two readable
 * copies that the next listing can collapse, safely; never none.
 */
export async function relocate(
  ctx: OperationsContext,
  from: string,
  to: string,
  transform: (text: string) => { text: string; changes: FieldChange[] } | { refuse: string },
  journal: (proof: RelocationProof, changes: FieldChange[]) => Promise<void>,
): Promise<{ changes: FieldChange[]; proof: RelocationProof } | { refuse: string }> {
  for (let attempt = 1; ; attempt++) {
    const read = await readVersion(from)
    const mode = (await stat(from)).mode & 0o777
    const outcome = transform(read.bytes.toString('utf8'))
    // Refused on this attempt's version, before anything is written: a refusal changes nothing.
    if ('refuse' in outcome) return outcome
    const proof: RelocationProof = {
      fromHash: read.hash,
      toHash: hashBytes(Buffer.from(outcome.text)),
      pid: process.pid,
      start: OWN_START,
      at: new Date(ctx.now()).toISOString(),
    }
    await journal(proof, outcome.changes)
    await createExclusive(to, outcome.text, mode, read.stamp.mtimeMs)
    failpoint('relocate:copy-created')
    await noteWritten(ctx, to)
    try {
      await removeIfUnchanged(from, read)
      ctx.ownWrites.noteRemoved(from)
      return { changes: outcome.changes, proof }
    } catch (error) {
      // The agent wrote the old copy meanwhile: drop ours and start again from its version.
      await unlink(to).catch(() => undefined)
      ctx.ownWrites.noteRemoved(to)
      if (!(error instanceof ChangedOnDisk) || attempt >= MAX_ATTEMPTS) throw error
    }
  }
}

/**
 * The value a move writes: a format may own what some names mean (an Astrid workspace, a Claude
 * Code working directory); any other name is a plain project name.
 */
export function resolveProjectFor(
  store: Store,
  target: MoveTarget,
  storeSessions: readonly SessionSummary[],
): { project: string | null } | { refuse: string } {
  if (target.kind === 'unfiled') return { project: null }
  const module = formatModule(store.format)
  if (module.resolveProjectName && module.ownsProjectName?.(target.name)) return module.resolveProjectName(target.name, storeSessions)
  const problem = projectNameProblem(target.name)
  return problem ? { refuse: problem } : { project: target.name }
}

// Only the formats whose moves rewrite a field have these; the agent-log formats record the project
// in their own files' places, never rewritten here.
function reparentWith(format: StoreFormat, text: string, project: string | null, nowIso: string): Rewrite {
  const reparent = formatModule(format).reparent
  if (!reparent) throw new Error(`sessions of the ${format} format are not reparented by rewriting`)
  return reparent(text, project, nowIso)
}

export function revertWith(format: StoreFormat, text: string, changes: readonly FieldChange[]): Revert {
  const revert = formatModule(format).revert
  if (!revert) throw new Error(`sessions of the ${format} format are not reparented by rewriting`)
  return revert(text, changes)
}

function projectLabel(project: string | null): string {
  return project ?? 'Unfiled'
}

export interface MoveOptions {
  force?: boolean
  /** Every session of the store (Astrid resolves project names against its workspaces). */
  storeSessions?: readonly SessionSummary[]
}

/** Reparents sessions of one store into a project, or out of any project. */
export async function moveSessions(
  ctx: OperationsContext,
  sessions: readonly SessionSummary[],
  target: MoveTarget,
  options: MoveOptions = {},
): Promise<OperationResult & { entry: JournalEntry | null }> {
  const label = `Move ${sessions.length === 1 ? 'session' : `${sessions.length} sessions`} to ${target.kind === 'unfiled' ? 'Unfiled' : target.name}`
  return perSession(ctx, 'move', label, sessions, async (session, journalPending) => {
    const store: Store = { format: session.format, root: session.store }
    const adapter = formatModule(store.format)
    if (adapter.moves === 'unsupported') return { skipped: 'not supported for this format' }
    const subAgent = subAgentRefusal(session)
    if (subAgent) return { skipped: subAgent }
    const resolved = resolveProjectFor(store, target, options.storeSessions ?? sessions)
    if ('refuse' in resolved) return { skipped: resolved.refuse }
    const project = resolved.project
    if (project === session.project) return { skipped: `already in ${projectLabel(project)}` }
    if (adapter.moves !== 'rewrite' && project === null) {
      return { skipped: `a ${adapter.label} session always belongs to a project folder` }
    }
    const live = await liveReason(ctx, session.path, options.force === true, adapter.moves !== 'rewrite')
    if (live) return { skipped: live }
    if (adapter.moves === 'relocate-files') {
      const to = join(store.root, project as string, ...(session.archived ? [ARCHIVE_DIR] : []), basename(session.path))
      if (!isInside(store.root, to)) return { skipped: 'the project folder would lie outside the store' }
      const moves = await moveFileSet(ctx, session, to, true)
      return {
        done: { id: session.id, from: session.project, to: project, path: to },
        change: { type: 'rename-set', id: session.id, moves },
      }
    }
    const nowIso = new Date(ctx.now()).toISOString()
    const transform = (text: string) => reparentWith(store.format, text, project, nowIso)
    if (adapter.moves === 'relocate-rewrite') {
      const folder = join(store.root, project as string)
      const to = join(folder, ...(session.archived ? [ARCHIVE_DIR] : []), basename(session.path))
      if (!isInside(store.root, to)) return { skipped: 'the project folder would lie outside the store' }
      if (to !== session.path) {
        if (await exists(to)) return { skipped: `a session file already exists at ${to}` }
        const base = { type: 'relocate', id: session.id, format: store.format, from: session.path, to } as const
        let journaled = false
        const pending = (proof: RelocationProof, changes: FieldChange[]) => {
          journaled = true
          return journalPending({ ...base, changes, pending: true, proof })
        }
        const moved = await relocate(ctx, session.path, to, transform, pending).catch(async (error: unknown) => {
          // Failed, having put everything back: undo must not take the pending record for a move.
          if (journaled) await journalPending({ ...base, changes: [], abandoned: true })
          throw error
        })
        if ('refuse' in moved) return { skipped: moved.refuse }
        return {
          done: { id: session.id, from: session.project, to: project, path: to },
          change: { ...base, changes: moved.changes, proof: moved.proof },
        }
      }
    }
    const outcome = await rewriteInPlace(ctx, session.path, transform)
    if ('refuse' in outcome) return { skipped: outcome.refuse }
    return {
      done: { id: session.id, from: session.project, to: project, path: session.path },
      change: { type: 'rewrite', id: session.id, format: store.format, path: session.path, changes: outcome.changes },
    }
  })
}

/**
 * Sub-agents whose transcripts belong to their parent's set of files (Claude Code) travel with
 * the parent; acting on one alone would split the session.
 */
function subAgentRefusal(session: SessionSummary): string | null {
  return formatModule(session.format).companions && session.parentId !== null ? 'a sub-agent session moves with its parent session' : null
}

/** Moves a file or a whole folder, never replacing anything at the destination. */
export async function moveEntry(from: string, to: string, intoAgentFolder: boolean): Promise<void> {
  const info = await lstat(from)
  if (info.isDirectory()) {
    if (await exists(to)) throw new DestinationExists(to)
    await mkdir(dirname(to), { recursive: true })
    await renameWithRetry(from, to)
    await fsyncDir(dirname(to))
    return
  }
  if (intoAgentFolder) await moveIntoAgentFolder(from, to)
  else await moveIntoOwnFolder(from, to)
}

/**
 * Moves a session's file and everything that travels with it (adapter.companions), keeping the
 * companions' places relative to the session file. The companions go first and the session file
 * last: a crash in between leaves companions apart from their session, which the next listing
 * brings back beside it, so the session is never split for long nor lost.
 */
async function moveFileSet(
  ctx: OperationsContext,
  session: SessionSummary,
  to: string,
  intoAgentFolder: boolean,
): Promise<Array<{ from: string; to: string }>> {
  const adapter = formatModule(session.format)
  const companions = adapter.companions ? await adapter.companions(session.store, session.path) : []
  const fromDir = dirname(session.path)
  const toDir = dirname(to)
  const moves = [...companions.map((path) => ({ from: path, to: join(toDir, relative(fromDir, path)) })), { from: session.path, to }]
  for (const move of moves) {
    if (!isInside(session.store, move.to)) throw new Error('a destination would lie outside the store')
    if (await exists(move.to)) throw new DestinationExists(move.to)
  }
  const done: Array<{ from: string; to: string }> = []
  try {
    for (const move of moves) {
      await moveEntry(move.from, move.to, intoAgentFolder)
      done.push(move)
      ctx.ownWrites.noteRemoved(move.from)
      await noteWritten(ctx, move.to)
    }
  } catch (error) {
    // Put back what had moved, so a refused move changes nothing.
    for (const move of [...done].reverse()) await moveEntry(move.to, move.from, true).catch(() => undefined)
    throw error
  }
  return moves
}

type FileMove = {
  to: (session: SessionSummary) => string
  intoAgentFolder: boolean
  liveCheck: boolean
  refuse?: (session: SessionSummary) => string | null
}

async function moveFiles(
  ctx: OperationsContext,
  kind: OperationKind,
  label: string,
  sessions: readonly SessionSummary[],
  how: FileMove,
  force: boolean,
): Promise<OperationResult & { entry: JournalEntry | null }> {
  return perSession(ctx, kind, label, sessions, async (session) => {
    const refusal = how.refuse?.(session) ?? subAgentRefusal(session)
    if (refusal) return { skipped: refusal }
    if (how.liveCheck) {
      const live = await liveReason(ctx, session.path, force, true)
      if (live) return { skipped: live }
    }
    const to = how.to(session)
    if (!isInside(session.store, to)) return { skipped: 'the destination would lie outside the store' }
    const moves = await moveFileSet(ctx, session, to, how.intoAgentFolder)
    const change: Change =
      moves.length === 1 ? { type: 'rename', id: session.id, from: session.path, to } : { type: 'rename-set', id: session.id, moves }
    return { done: { id: session.id, from: session.path, to, path: to }, change }
  })
}

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
