import { stat } from 'node:fs/promises'
import type { FormatModule } from '../formats/format'
import type { SavedFold } from '../fold-resume'
import type { Problem, SessionSummary, Store } from '../../../src-shared/model'
import type { IndexEvent } from '../../../src-shared/index-state'
import { type FileStamp, type OwnWrites, stampOf } from '../own-writes'
import { NotASession, describeFailure } from '../unreadable'

// One entry of the live index per path, and what one look at that path does to it: the part of
// SessionIndex that decides what happened to a file, apart from when and why it is looked at.

/** Stat data of a file as the index last read it; ino is unknown when it came from a scan. */
export interface Seen {
  size: number
  mtimeMs: number
  ino: number | null
}

export interface Entry {
  store: number
  session: SessionSummary | null
  /** Why the file cannot be read, when it cannot. */
  problem: string | null
  /**
   * null when the index holds the session on someone else's word (publish) or the initial
   * listing raced with a write: the next look reads the file and stays quiet if it says the same.
   */
  seen: Seen | null
}

export type Outcome =
  | { kind: 'gone' }
  | { kind: 'echo'; stamp: FileStamp | null }
  | { kind: 'unchanged'; stamp: FileStamp }
  | { kind: 'read'; stamp: FileStamp; session: SessionSummary }
  | { kind: 'unreadable'; stamp: FileStamp | null; reason: string }
  /** Named like a session but holding none (NotASession): remembered, so it is not read again, but not listed. */
  | { kind: 'ignored'; stamp: FileStamp }

export function isGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

export function seenOf(stamp: FileStamp): Seen {
  return { size: stamp.size, mtimeMs: stamp.mtimeMs, ino: stamp.ino }
}

export function sameFile(seen: Seen, stamp: FileStamp): boolean {
  return seen.size === stamp.size && seen.mtimeMs === stamp.mtimeMs && (seen.ino === null || seen.ino === stamp.ino)
}

export function sameSummary(a: SessionSummary, b: SessionSummary): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * What one look at `path` finds: its stat now against what the index last saw, and a read of the
 * file when they differ. The app's own writes (OwnWrites) are echoes, announced by their writer.
 */
export async function lookAtPath(
  store: Store,
  adapter: FormatModule,
  path: string,
  seen: Seen | null | undefined,
  ownWrites: OwnWrites | undefined,
  /** The fold the index saved for this path (a large log that grew since the last start goes on from it). */
  savedFold?: () => SavedFold | null,
): Promise<Outcome> {
  let stamp: FileStamp | null
  try {
    const info = await stat(path)
    stamp = info.isFile() ? stampOf(info) : null
  } catch (error) {
    if (!isGone(error)) return { kind: 'unreadable', stamp: null, reason: describeFailure(error) }
    stamp = null
  }
  if (ownWrites?.isEcho(path, stamp)) return { kind: 'echo', stamp }
  if (stamp === null) return { kind: 'gone' }
  if (seen && sameFile(seen, stamp)) return { kind: 'unchanged', stamp }
  const verdict = adapter.classify(store.root, path)
  if (!verdict) return { kind: 'gone' }
  try {
    const file = { path, archived: verdict.archived, size: stamp.size, mtimeMs: stamp.mtimeMs, ino: stamp.ino }
    const fold = adapter.resumeState && seen && stamp.size > seen.size ? savedFold?.() : null
    // The fold checks the saved state against the file before it trusts it.
    if (fold) adapter.resumeState?.restore(path, fold)
    return { kind: 'read', stamp, session: await adapter.summarize(store, file) }
  } catch (error) {
    // Gone between the stat and the read: its own event follows.
    if (isGone(error)) return { kind: 'gone' }
    if (error instanceof NotASession) return { kind: 'ignored', stamp }
    return { kind: 'unreadable', stamp, reason: describeFailure(error) }
  }
}

/** Brings the entry for `path` (of store number `store`) in line with what was found, and says what changed. */
export function commitOutcome(entries: Map<string, Entry>, store: number, path: string, outcome: Outcome): IndexEvent[] {
  const entry = entries.get(path)
  switch (outcome.kind) {
    case 'echo':
      // The operation that wrote it announces the change itself (publish). Once it has, the
      // file is as it said: remember the stamp. Until it has, the entry keeps its old stamp,
      // so should the announcement never come, a reconciliation after the echo's expiry
      // still reports the change.
      if (entry && entry.seen === null && outcome.stamp) entry.seen = seenOf(outcome.stamp)
      return []
    case 'unchanged':
      if (entry) entry.seen = seenOf(outcome.stamp)
      return []
    case 'gone':
      if (!entry) return []
      entries.delete(path)
      return [{ type: 'removed', path, id: entry.session?.id ?? null, session: null }]
    case 'read': {
      const { session } = outcome
      entries.set(path, { store, session, problem: null, seen: seenOf(outcome.stamp) })
      if (!entry?.session) return [{ type: 'added', path, id: session.id, session }]
      if (entry.seen === null && sameSummary(entry.session, session)) return []
      return [{ type: 'changed', path, id: session.id, session }]
    }
    case 'ignored':
      entries.set(path, { store, session: null, problem: null, seen: seenOf(outcome.stamp) })
      if (!entry?.session && entry?.problem == null) return []
      return [{ type: 'removed', path, id: entry.session?.id ?? null, session: null }]
    case 'unreadable': {
      const { reason } = outcome
      entries.set(path, { store, session: null, problem: reason, seen: outcome.stamp && seenOf(outcome.stamp) })
      if (entry?.problem === reason) return []
      const events: IndexEvent[] = []
      if (entry?.session) events.push({ type: 'removed', path, id: entry.session.id, session: null })
      events.push({ type: 'problem', path, reason })
      return events
    }
  }
}

/** Folders (and other non-session paths) a scan could not read, by path: problems of their store. */
export type ScanProblems = Map<string, { store: number; reason: string }>

/**
 * Takes a store's unreadable folders as its scan found them now; returns the events for what
 * changed. Paths that are session files (`isSessionPath`) stay with the entries, which look at
 * them one by one.
 */
export function updateScanProblems(
  scanProblems: ScanProblems,
  store: number,
  found: readonly Problem[],
  isSessionPath: (path: string) => boolean,
): IndexEvent[] {
  const events: IndexEvent[] = []
  const now = new Map(found.filter((problem) => !isSessionPath(problem.path)).map((p) => [p.path, p.reason]))
  for (const [path, known] of scanProblems) {
    if (known.store !== store || now.has(path)) continue
    scanProblems.delete(path)
    events.push({ type: 'removed', path, id: null, session: null })
  }
  for (const [path, reason] of now) {
    if (scanProblems.get(path)?.reason === reason) continue
    scanProblems.set(path, { store, reason })
    events.push({ type: 'problem', path, reason })
  }
  return events
}

/**
 * The other paths whose reading a read of `path` changed (FormatModule.fileNotes: a new summary
 * line in a Claude Code log's head retitles an unchanged sibling), to be read again.
 */
export function dependentPaths(
  entries: ReadonlyMap<string, Entry>,
  store: number,
  adapter: FormatModule,
  path: string,
  outcome: Outcome,
  keptNote: () => string | null,
): string[] {
  const notes = adapter.fileNotes
  if (!notes || (outcome.kind !== 'read' && outcome.kind !== 'ignored')) return []
  const depends = notes.dependents(path, keptNote(), notes.save(path, outcome.stamp))
  if (!depends) return []
  const found: string[] = []
  for (const [other, entry] of entries) if (entry.store === store && other !== path && depends(other)) found.push(other)
  return found
}
