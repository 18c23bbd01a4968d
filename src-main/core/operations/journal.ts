import { randomUUID } from 'node:crypto'
import { mkdir, open, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Store, StoreFormat } from '../model'
import type { FieldChange } from './project-edits'

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
  /** A file rewritten into another folder (ao-rs moves). */
  | { type: 'relocate'; id: string; format: StoreFormat; from: string; to: string; changes: FieldChange[] }

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

async function appendLine(dataDir: string, value: JournalEntry | UndoneMark): Promise<void> {
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

/**
 * The newest operation not undone yet, with all its changes (each was journaled on its own line
 * as it was made); a damaged line (a crash mid-append) is skipped, not fatal.
 */
export async function lastUndoable(dataDir: string): Promise<JournalEntry | null> {
  let text: string
  try {
    text = await readFile(journalPath(dataDir), 'utf8')
  } catch {
    return null
  }
  const undone = new Set<string>()
  let newest: JournalEntry | null = null
  const lines = text.split('\n')
  for (let i = lines.length - 1; i >= 0; i--) {
    let value: JournalEntry | UndoneMark
    try {
      value = JSON.parse(lines[i] as string) as JournalEntry | UndoneMark
    } catch {
      continue
    }
    if (value.type === 'undone') undone.add(value.opId)
    else if (value.type === 'operation' && !undone.has(value.opId)) {
      if (newest === null) newest = { ...value, changes: [...value.changes] }
      // Lines of the same operation, read backwards: put their changes back in order.
      else if (value.opId === newest.opId) newest.changes.unshift(...value.changes)
    }
  }
  return newest
}
