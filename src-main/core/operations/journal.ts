import { randomUUID } from 'node:crypto'
import { mkdir, open, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Store, StoreFormat } from '../../../src-shared/model'
import type { FieldChange } from '../edits/field-changes'

// The undo journal: one JSON line per finished operation, appended and flushed, in the app's data
// folder so the CLI and the desktop app undo each other's operations alike.

export type OperationKind = 'move' | 'archive' | 'unarchive' | 'trash' | 'restore' | 'prune'

export type Change =
  /** A file moved, byte for byte. */
  | { type: 'rename'; id: string; from: string; to: string }
  /** A session file and what travels with it moved, byte for byte, in this order (session file last). */
  | { type: 'rename-set'; id: string; moves: Array<{ from: string; to: string }> }
  /** Fields rewritten in place. */
  | { type: 'rewrite'; id: string; format: StoreFormat; path: string; changes: FieldChange[] }
  /**
   * A file rewritten into another folder (ao-rs moves). Journaled as `pending` before the new
   * copy is made, then again once the old one is gone (or as `abandoned` when the move failed
   * and left nothing), so a move killed half-way is known.
   */
  | {
      type: 'relocate'
      id: string
      format: StoreFormat
      from: string
      to: string
      changes: FieldChange[]
      pending?: true
      abandoned?: true
      proof?: RelocationProof
    }

/**
 * What proves a pair of files with one id to be the two halves of our own relocation: both
 * exactly as it read and wrote them, and the writer that can still finish it.
 */
export interface RelocationProof {
  fromHash: string
  toHash: string
  pid: number
  /** The writer's start (process-identity), null where the system does not say. */
  start: string | null
  at: string
}

/** A relocation an undo is about to make (from the moved copy back to where it was). */
interface RelocatingMark {
  type: 'relocating'
  id: string
  from: string
  to: string
  proof: RelocationProof
}

export interface JournalEntry {
  type: 'operation'
  opId: string
  kind: OperationKind
  at: string
  store: Store
  /** What the user would call it: "Move 3 sessions to billing". */
  label: string
  changes: Change[]
}

interface UndoneMark {
  type: 'undone'
  opId: string
  at: string
}

const JOURNAL_FILE = 'journal.jsonl'

export function journalPath(dataDir: string): string {
  return join(dataDir, JOURNAL_FILE)
}

type JournalLine = JournalEntry | UndoneMark | RelocatingMark

async function appendLine(dataDir: string, value: JournalLine): Promise<void> {
  await mkdir(dataDir, { recursive: true })
  // One write of one line with O_APPEND: concurrent writers (app and CLI) never interleave bytes.
  const handle = await open(journalPath(dataDir), 'a+')
  try {
    // A line cut off by a crash must not swallow the next one: start on a fresh line.
    const { size } = await handle.stat()
    const last = Buffer.alloc(1)
    if (size > 0) await handle.read(last, 0, 1, size - 1)
    const lead = size > 0 && last[0] !== 0x0a ? '\n' : ''
    await handle.write(`${lead}${JSON.stringify(value)}\n`)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

export function newEntry(kind: OperationKind, store: Store, label: string, changes: Change[]): JournalEntry {
  return { type: 'operation', opId: randomUUID(), kind, at: new Date().toISOString(), store, label, changes }
}

export async function recordOperation(dataDir: string, entry: JournalEntry): Promise<void> {
  if (entry.changes.length > 0) await appendLine(dataDir, entry)
}

export async function markUndone(dataDir: string, opId: string): Promise<void> {
  await appendLine(dataDir, { type: 'undone', opId, at: new Date().toISOString() })
}

export async function recordRelocating(dataDir: string, mark: Omit<RelocatingMark, 'type'>): Promise<void> {
  await appendLine(dataDir, { type: 'relocating', ...mark })
}

async function readLines(dataDir: string): Promise<JournalLine[]> {
  let text: string
  try {
    text = await readFile(journalPath(dataDir), 'utf8')
  } catch {
    return []
  }
  const lines: JournalLine[] = []
  for (const line of text.split('\n')) {
    try {
      lines.push(JSON.parse(line) as JournalLine)
    } catch {
      // A line cut off by a crash mid-append.
    }
  }
  return lines
}

export interface Relocation {
  from: string
  to: string
  proof: RelocationProof
}

/** Every relocation the journal knows of, with its proof, oldest first. */
export async function journaledRelocations(dataDir: string): Promise<Relocation[]> {
  const found: Relocation[] = []
  for (const line of await readLines(dataDir)) {
    if (line.type === 'relocating') found.push(line)
    else if (line.type === 'operation') {
      for (const change of line.changes)
        if (change.type === 'relocate' && change.proof) found.push({ from: change.from, to: change.to, proof: change.proof })
    }
  }
  return found
}

/** A relocate journaled again (a retry, its completion) supersedes the earlier record of the same move. */
function latestRelocates(changes: readonly Change[]): Change[] {
  const key = (change: Change) => (change.type === 'relocate' ? `${change.from}\0${change.to}` : null)
  return changes.filter((change, i) => {
    const own = key(change)
    return own === null || !changes.slice(i + 1).some((later) => key(later) === own)
  })
}

/**
 * The newest operation not undone yet, with all its changes (each was journaled on its own line
 * as it was made); a damaged line (a crash mid-append) is skipped, not fatal.
 */
export async function lastUndoable(dataDir: string): Promise<JournalEntry | null> {
  const lines = await readLines(dataDir)
  const undone = new Set(lines.flatMap((line) => (line.type === 'undone' ? [line.opId] : [])))
  const operations = new Map<string, { entry: JournalEntry; last: number }>()
  lines.forEach((line, i) => {
    if (line.type !== 'operation' || undone.has(line.opId)) return
    const known = operations.get(line.opId)
    // Each change was journaled on its own line as it was made: gather them, in order.
    if (known) {
      known.entry.changes.push(...line.changes)
      known.last = i
    } else operations.set(line.opId, { entry: { ...line, changes: [...line.changes] }, last: i })
  })
  // An operation whose every change was abandoned did nothing: the one before it is the last.
  for (const { entry } of [...operations.values()].sort((a, b) => b.last - a.last)) {
    const changes = latestRelocates(entry.changes).filter((change) => change.type !== 'relocate' || !change.abandoned)
    if (changes.length > 0) return { ...entry, changes }
  }
  return null
}
