import { lstat, mkdir, stat, unlink } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { formatModule } from '../formats/registry'
import type { SessionSummary } from '../../../src-shared/model'
import { type Change, type JournalEntry, type OperationKind, type RelocationProof } from './journal'
import { isInside } from './locations'
import type { FieldChange } from '../edits/field-changes'
import { failpoint } from './failpoint'
import { OWN_START } from './process-identity'
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
import { MAX_ATTEMPTS, type OperationResult, type OperationsContext, liveReason, noteWritten, perSession, subAgentRefusal } from './context'

// The crash-safe steps operations are made of: rewrite in place, relocate with a rewrite, move a
// file or a session's set of files. Each leaves the session readable at every instant.

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
export async function moveFileSet(
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

export type FileMove = {
  to: (session: SessionSummary) => string
  intoAgentFolder: boolean
  liveCheck: boolean
  refuse?: (session: SessionSummary) => string | null
}

export async function moveFiles(
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
