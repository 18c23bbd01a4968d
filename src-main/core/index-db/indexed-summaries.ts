import type { SessionFile } from '../formats/format'
import { formatModule } from '../formats/registry'
import type { SavedFold } from '../fold-resume'
import type { Cached, KeptRead, SummarySource } from '../summary-source'
import type { Problem, SessionSummary, Store } from '../../../src-shared/model'
import type { IndexDatabase } from './index-database'
import { type FileState, read, statement, writeChanges } from './index-store'

// The index database as the listing's summary cache: one query per store gives every file's
// stamp (size, mtime, inode) with its summary or problem, so a warm start re-reads only the files
// that changed; what a listing read is written back in one transaction, summaries alone (their
// texts marked stale, for the full-text pass to read later), so the tree never waits for search.

interface Known {
  size: number
  mtimeMs: number
  ino: number | null
  summary: string | null
  problem: string | null
  fold: SavedFold | null
  note: string | null
  /** Its summary was handed out (and its text dropped): asked again, the file is read. */
  taken?: boolean
}

interface KnownRow {
  path: string
  size: number
  mtime_ms: number
  ino: number | null
  summary: string | null
  reason: string | null
  resume_offset: number | null
  head_hash: string | null
  tail_hash: string | null
  resume_state: string | null
  note: string | null
}

const KNOWN_FILES = `
SELECT f.path, f.size, f.mtime_ms, f.ino, s.summary, p.reason, f.resume_offset, f.head_hash, f.tail_hash, f.resume_state, f.note
FROM file_state f LEFT JOIN sessions s ON s.path = f.path LEFT JOIN problems p ON p.path = f.path
WHERE f.store = (SELECT id FROM stores WHERE root = ? AND format = ?)`

/** The stamp a file state records, and one that matches no file (for a summary taken on someone's word). */
export function fileStateOf(
  path: string,
  stamp: { size: number; mtimeMs: number; ino: number | null } | null,
  { fold, note }: KeptRead = { fold: null, note: null },
): FileState {
  return {
    path,
    size: stamp?.size ?? -1,
    mtimeMs: stamp?.mtimeMs ?? -1,
    ino: stamp?.ino ?? null,
    resumeOffset: fold?.offset ?? null,
    headHash: fold?.headHash ?? null,
    tailHash: fold?.tailHash ?? null,
    resumeState: fold?.state ?? null,
    note,
    indexedAt: new Date().toISOString(),
  }
}

function savedFoldOf(row: KnownRow): SavedFold | null {
  if (row.resume_state === null || row.resume_offset === null || row.head_hash === null || row.tail_hash === null) return null
  return { offset: row.resume_offset, headHash: row.head_hash, tailHash: row.tail_hash, state: row.resume_state }
}

/**
 * The fold the index saved for one path, if any (for the live index, which reads one file at a
 * time); an index that cannot be read costs the read its resume, nothing else.
 */
export function savedFoldAt(index: IndexDatabase | undefined, path: string): SavedFold | null {
  if (!index) return null
  const sql = 'SELECT resume_offset, head_hash, tail_hash, resume_state FROM file_state WHERE path = ?'
  try {
    const row = statement<KnownRow>(index, sql).get(path)
    return row ? savedFoldOf(row) : null
  } catch {
    return null
  }
}

/** The format's note on one path as the index keeps it (null: none, or no index to ask). */
export function keptNoteAt(index: IndexDatabase | undefined, path: string): string | null {
  if (!index) return null
  try {
    return statement<{ note: string | null }>(index, 'SELECT note FROM file_state WHERE path = ?').get(path)?.note ?? null
  } catch {
    return null
  }
}

export interface IndexedSummariesOptions {
  /** true: read the database, never write it. */
  readOnly: boolean
  /** Whether the listing's scan would have seen `path` (archived files when it lists active ones only are left alone). */
  inScope: (path: string) => boolean
}

export class IndexedSummaries implements SummarySource {
  private readonly seen = new Set<string>()
  private readonly results: Array<{ file: SessionFile; result: Cached; kept: KeptRead }> = []

  private constructor(
    private readonly index: IndexDatabase,
    private readonly store: Store,
    private readonly known: Map<string, Known>,
    private readonly options: IndexedSummariesOptions,
  ) {}

  /** What the index holds of the store; an index that cannot be read is an empty cache (every file is read). */
  static open(index: IndexDatabase, store: Store, options: IndexedSummariesOptions): IndexedSummaries {
    const known = new Map<string, Known>()
    const notes = formatModule(store.format).fileNotes
    try {
      // Row by row: a large store's rows are never all in memory beside what is kept of them.
      read(index, 'read', () => {
        for (const row of statement<KnownRow>(index, KNOWN_FILES).iterate(store.root, store.format)) {
          // Put back before any file is read: a read of a changed file then finds its unchanged
          // siblings' notes instead of reading them.
          if (notes && row.note !== null) notes.restore(row.path, { size: row.size, mtimeMs: row.mtime_ms }, row.note)
          known.set(row.path, {
            size: row.size,
            mtimeMs: row.mtime_ms,
            ino: row.ino,
            summary: row.summary,
            problem: row.reason,
            fold: savedFoldOf(row),
            note: row.note,
          })
        }
      })
    } catch {
      // A cache that cannot be read costs this listing its parsing, nothing else.
      known.clear()
    }
    return new IndexedSummaries(index, store, known, options)
  }

  get(file: SessionFile): Cached | undefined {
    const entry = this.known.get(file.path)
    if (!entry) return undefined
    if (entry.size !== file.size || entry.mtimeMs !== file.mtimeMs) return undefined
    if (file.ino !== undefined && entry.ino !== null && entry.ino !== file.ino) return undefined
    // Taken once: its text is let go, so a large store's summaries are not held twice over.
    if (entry.taken) return undefined
    let session: SessionSummary | null
    try {
      session = entry.summary === null ? null : (JSON.parse(entry.summary) as SessionSummary)
    } catch {
      return undefined
    }
    entry.summary = null
    entry.taken = true
    // A summary kept for another place (the store moved, an archive flag changed) is read again.
    if (session && (session.path !== file.path || session.archived !== file.archived)) return undefined
    this.seen.add(file.path)
    if (session) return { session }
    return entry.problem === null ? { ignored: true } : { problem: entry.problem }
  }

  /** A log that grew since it was indexed goes on from its saved fold (which checks itself before it is trusted). */
  savedFold(file: SessionFile): SavedFold | null {
    const entry = this.known.get(file.path)
    return entry?.fold && file.size > entry.size ? entry.fold : null
  }

  keptNote(file: SessionFile): string | null {
    return this.known.get(file.path)?.note ?? null
  }

  put(file: SessionFile, result: Cached, kept: KeptRead): void {
    this.seen.add(file.path)
    this.results.push({ file, result, kept })
  }

  /** Writes what this listing read, and forgets the files it no longer found, in one transaction. */
  async save(): Promise<void> {
    if (this.options.readOnly) return
    const gone = [...this.known.keys()].filter((path) => !this.seen.has(path) && this.options.inScope(path))
    if (gone.length === 0 && this.results.length === 0) return
    const sessions: SessionSummary[] = []
    const problems: Problem[] = []
    const removed = [...gone]
    for (const { file, result } of this.results) {
      if ('session' in result) sessions.push(result.session)
      else if ('problem' in result) problems.push({ path: file.path, reason: result.problem })
      else removed.push(file.path)
    }
    const fileStates = this.results.map(({ file, kept }) =>
      fileStateOf(file.path, { size: file.size, mtimeMs: file.mtimeMs, ino: file.ino ?? null }, kept),
    )
    try {
      writeChanges(this.index, this.store, { removed, sessions, problems, fileStates })
    } catch {
      // Busy with another process's write, or unwritable: the next start reads these files again.
    }
  }
}

/** One path as the live index now holds it: its session or problem with the stamp it was read at, or nothing. */
export interface LiveEntry {
  store: Store
  path: string
  session: SessionSummary | null
  problem: string | null
  /** The file as it was read; null when the index holds the session on an operation's word. */
  seen: { size: number; mtimeMs: number; ino: number | null } | null
  /** false: the path is gone from the index. */
  present: boolean
}

/**
 * Writes the live index's changes, so the next start finds them. A session held on an operation's
 * word gets a stamp that matches no file, so the next start reads it again.
 */
export function recordLiveChanges(index: IndexDatabase, entries: readonly LiveEntry[]): void {
  const byStore = new Map<Store, LiveEntry[]>()
  for (const entry of entries) {
    const list = byStore.get(entry.store)
    if (list) list.push(entry)
    else byStore.set(entry.store, [entry])
  }
  index.sql.transaction(() => {
    for (const [store, changed] of byStore) {
      const { resumeState: resume, fileNotes } = formatModule(store.format)
      writeChanges(index, store, {
        removed: changed.filter((entry) => !entry.present || (!entry.session && entry.problem === null)).map((entry) => entry.path),
        sessions: changed.flatMap((entry) => (entry.present && entry.session ? [entry.session] : [])),
        problems: changed.flatMap((entry) =>
          entry.present && !entry.session && entry.problem !== null ? [{ path: entry.path, reason: entry.problem }] : [],
        ),
        fileStates: changed
          .filter((entry) => entry.present)
          .map((entry) => {
            const fold = entry.session && entry.seen ? (resume?.save(entry.path, entry.seen.size) ?? null) : null
            const note = entry.seen ? (fileNotes?.save(entry.path, entry.seen) ?? null) : null
            return fileStateOf(entry.path, entry.seen, { fold, note })
          }),
      })
    }
  }, 'write')
}
