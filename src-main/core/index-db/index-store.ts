// What the rest of the code reads from and writes to the index database; the SQL lives here (the
// schema in index-schema.ts). Every write is one transaction (a savepoint inside a caller's), so
// another process reading at the same time sees all of a batch or none of it.
import type { ApiResponse, Problem, SessionSummary, Store } from '../../../src-shared/model'
import { lastActivityOf } from '../../../src-shared/session-order'
import { type IndexDatabase, IndexDatabaseError, indexError } from './index-database'
import { MAX_TEXTS_PER_SESSION, TEXT_ROWIDS, TEXT_ROWID_BITS } from './index-schema'
import type { SqlStatement, SqlValue } from './sql-database'

/** A file as it was when it was last indexed, and where a resumed read of it goes on from. */
export interface FileState {
  path: string
  size: number
  mtimeMs: number
  ino: number | null
  /** The byte offset a resumed read of an append-only log starts at; null where there is none. */
  resumeOffset: number | null
  /** Hashes of the bytes at the start and just before resumeOffset, to tell a grown log from a rewritten one. */
  headHash: string | null
  tailHash: string | null
  /** The format's saved fold at resumeOffset (core/fold-resume.ts), or null. */
  resumeState?: string | null
  /** The format's note on the file as of this stamp (FormatModule.fileNotes), or null. */
  note?: string | null
  /** ISO-8601 UTC. */
  indexedAt: string
}

/** What a session file's changes come to, written in one transaction. */
export interface IndexChanges {
  /** Sessions added or changed (each replaces a problem recorded at its path). */
  sessions?: readonly SessionSummary[]
  fileStates?: readonly FileState[]
  /** Files that could not be read (each replaces a session indexed at its path). */
  problems?: readonly Problem[]
  /** Paths that are gone: their session (and its texts), problem and file state go too. */
  removed?: readonly string[]
}

export type TextField = 'prompt' | 'reply' | 'tool' | 'args' | 'output'

/** One searchable text of a session: a turn's prompt or reply (step null), or a step's tool, arguments or output. */
export interface TurnText {
  /** 0-based. */
  turn: number
  /** 0-based within the turn; null for the turn's own prompt and reply. */
  step: number | null
  field: TextField
  text: string
  /** When it was said (ISO-8601), where the format records it. */
  at?: string | null
  /** For a tool call's texts: its tool, and whether the call failed. */
  tool?: string | null
  isError?: boolean
}

// By connection: an IndexDatabase may be opened again (rebuilt) under the same object.
const statements = new WeakMap<object, Map<string, SqlStatement>>()

/** The connection's prepared statement for sql, prepared on first use. */
export function statement<Row>(index: IndexDatabase, sql: string): SqlStatement<Row> {
  let cache = statements.get(index.sql)
  if (!cache) statements.set(index.sql, (cache = new Map()))
  let prepared = cache.get(sql)
  if (!prepared) cache.set(sql, (prepared = index.sql.prepare(sql)))
  return prepared as SqlStatement<Row>
}

function write<T>(index: IndexDatabase, doing: string, fn: () => T): T {
  try {
    return index.sql.transaction(fn, 'write')
  } catch (error) {
    throw indexError(index, error, doing)
  }
}

export function read<T>(index: IndexDatabase, doing: string, fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    throw indexError(index, error, doing)
  }
}

/** The stores as one JSON parameter, for `(root, format) IN (SELECT ... FROM json_each(?))`. */
export const storesParam = (stores: readonly Store[]): string => JSON.stringify(stores.map(({ format, root }) => ({ format, root })))
export const STORE_IDS = "SELECT id FROM stores WHERE (root, format) IN (SELECT value ->> 'root', value ->> 'format' FROM json_each(?))"

function storeId(index: IndexDatabase, store: Store): number {
  statement(index, 'INSERT INTO stores (format, root) VALUES (?, ?) ON CONFLICT (root, format) DO NOTHING').run(store.format, store.root)
  const row = statement<{ id: number }>(index, 'SELECT id FROM stores WHERE root = ? AND format = ?').get(store.root, store.format)
  if (!row) throw new IndexDatabaseError(`The session index lost the store ${store.root} it just recorded`)
  return row.id
}

const UPSERT_SESSION = `
INSERT INTO sessions (path, store, id, project, title, created_at, updated_at, last_activity_at, modified_at,
  turns, steps, errors, archived, bytes, model, parent_id, summary, texts_stale)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
ON CONFLICT (path) DO UPDATE SET store = excluded.store, id = excluded.id, project = excluded.project, title = excluded.title,
  created_at = excluded.created_at, updated_at = excluded.updated_at, last_activity_at = excluded.last_activity_at,
  modified_at = excluded.modified_at, turns = excluded.turns, steps = excluded.steps, errors = excluded.errors,
  archived = excluded.archived, bytes = excluded.bytes, model = excluded.model, parent_id = excluded.parent_id,
  summary = excluded.summary, texts_stale = 1`

function sessionRow(storeKey: number, s: SessionSummary): SqlValue[] {
  return [
    s.path,
    storeKey,
    s.id,
    s.project,
    s.title,
    s.createdAt,
    s.updatedAt,
    lastActivityOf(s),
    s.modifiedAt,
    s.turns,
    s.steps,
    s.errors,
    s.archived ? 1 : 0,
    s.bytes,
    s.model,
    s.parentId,
    JSON.stringify(s),
  ]
}

/**
 * A write that brings no saved fold (the full-text pass reads the detail, not the fold) keeps the
 * one saved for the same version of the file.
 */
const keptFold = (column: string) =>
  `CASE WHEN excluded.resume_state IS NULL AND excluded.size = file_state.size AND excluded.mtime_ms = file_state.mtime_ms
    THEN file_state.${column} ELSE excluded.${column} END`

/** Likewise a write that brings no note keeps the one taken at the same stamp. */
const KEPT_NOTE = `CASE WHEN excluded.note IS NULL AND excluded.size = file_state.size AND excluded.mtime_ms = file_state.mtime_ms
    THEN file_state.note ELSE excluded.note END`

const UPSERT_FILE_STATE = `
INSERT INTO file_state (path, store, size, mtime_ms, ino, resume_offset, head_hash, tail_hash, resume_state, note, indexed_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (path) DO UPDATE SET store = excluded.store, size = excluded.size, mtime_ms = excluded.mtime_ms, ino = excluded.ino,
  resume_offset = ${keptFold('resume_offset')}, head_hash = ${keptFold('head_hash')}, tail_hash = ${keptFold('tail_hash')},
  resume_state = ${keptFold('resume_state')}, note = ${KEPT_NOTE}, indexed_at = excluded.indexed_at`

/** Writes one batch of a store's changes in one transaction. */
export function writeChanges(index: IndexDatabase, store: Store, changes: IndexChanges): void {
  for (const session of changes.sessions ?? []) {
    if (session.store !== store.root || session.format !== store.format) {
      throw new IndexDatabaseError(
        `The session ${session.path} belongs to ${session.format} ${session.store}, not to ${store.format} ${store.root}`,
      )
    }
  }
  write(index, 'write to', () => {
    const key = storeId(index, store)
    for (const path of changes.removed ?? []) {
      for (const table of ['sessions', 'problems', 'file_state']) statement(index, `DELETE FROM ${table} WHERE path = ?`).run(path)
    }
    for (const session of changes.sessions ?? []) {
      statement(index, 'DELETE FROM problems WHERE path = ?').run(session.path)
      statement(index, UPSERT_SESSION).run(...sessionRow(key, session))
    }
    for (const problem of changes.problems ?? []) {
      statement(index, 'DELETE FROM sessions WHERE path = ?').run(problem.path)
      statement(
        index,
        'INSERT INTO problems (path, store, reason) VALUES (?, ?, ?) ON CONFLICT (path) DO UPDATE SET store = excluded.store, reason = excluded.reason',
      ).run(problem.path, key, problem.reason)
    }
    for (const f of changes.fileStates ?? []) {
      statement(index, UPSERT_FILE_STATE).run(
        f.path,
        key,
        f.size,
        f.mtimeMs,
        f.ino,
        f.resumeOffset,
        f.headHash,
        f.tailHash,
        f.resumeState ?? null,
        f.note ?? null,
        f.indexedAt,
      )
    }
  })
}

/**
 * Every session of the given stores, in one query, in compareSessions order (newest update
 * first, then by id; then by path, so sessions sharing an id and a time keep one order). SQLite
 * compares the UTF-8 bytes and JavaScript the UTF-16 units, which differ only between characters
 * above U+FFFF and those from U+E000 to U+FFFF, found in neither ids nor ISO times.
 */
export function readSummaries(index: IndexDatabase, stores: readonly Store[]): SessionSummary[] {
  return read(index, 'read', () =>
    statement<{ summary: string }>(index, `SELECT summary FROM sessions WHERE store IN (${STORE_IDS}) ORDER BY updated_at DESC, id, path`)
      .all(storesParam(stores))
      .map((row) => JSON.parse(row.summary) as SessionSummary),
  )
}

export function readProblems(index: IndexDatabase, stores: readonly Store[]): Problem[] {
  return read(index, 'read', () =>
    statement<Problem>(index, `SELECT path, reason FROM problems WHERE store IN (${STORE_IDS}) ORDER BY path`)
      .all(storesParam(stores))
      .map(({ path, reason }) => ({ path, reason })),
  )
}

interface FileStateRow {
  path: string
  size: number
  mtime_ms: number
  ino: number | null
  resume_offset: number | null
  head_hash: string | null
  tail_hash: string | null
  note: string | null
  indexed_at: string
}

const FILE_STATE_COLUMNS = 'path, size, mtime_ms, ino, resume_offset, head_hash, tail_hash, note, indexed_at'

function fileStateOf(row: FileStateRow): FileState {
  return {
    path: row.path,
    size: row.size,
    mtimeMs: row.mtime_ms,
    ino: row.ino,
    resumeOffset: row.resume_offset,
    headHash: row.head_hash,
    tailHash: row.tail_hash,
    note: row.note,
    indexedAt: row.indexed_at,
  }
}

export function readFileStates(index: IndexDatabase, stores: readonly Store[]): FileState[] {
  const sql = `SELECT ${FILE_STATE_COLUMNS} FROM file_state WHERE store IN (${STORE_IDS}) ORDER BY path`
  return read(index, 'read', () => statement<FileStateRow>(index, sql).all(storesParam(stores)).map(fileStateOf))
}

/** The folders and mtimes a repairing listing last found clean (index-schema.ts: stores.clean_folders), or null. */
export function readCleanFolders(index: IndexDatabase, store: Store): Array<[string, number]> | null {
  const row = read(index, 'read', () =>
    statement<{ clean: string | null }>(index, 'SELECT clean_folders AS clean FROM stores WHERE root = ? AND format = ?').get(
      store.root,
      store.format,
    ),
  )
  if (!row?.clean) return null
  try {
    const parsed = JSON.parse(row.clean) as unknown
    return Array.isArray(parsed) ? (parsed as Array<[string, number]>) : null
  } catch {
    return null
  }
}

/** Records the store's folders as found clean at these mtimes (null: look again next time). */
export function writeCleanFolders(index: IndexDatabase, store: Store, folders: ReadonlyArray<readonly [string, number]> | null): void {
  write(index, 'write to', () => {
    const key = storeId(index, store)
    statement(index, 'UPDATE stores SET clean_folders = ? WHERE id = ?').run(folders ? JSON.stringify(folders) : null, key)
  })
}

/** The paths of the stores' sessions whose texts are not those of their summary's version (written by a listing). */
export function readStaleTextPaths(index: IndexDatabase, stores: readonly Store[]): string[] {
  const sql = `SELECT path FROM sessions WHERE texts_stale = 1 AND store IN (${STORE_IDS}) ORDER BY path`
  return read(index, 'read', () =>
    statement<{ path: string }>(index, sql)
      .all(storesParam(stores))
      .map((row) => row.path),
  )
}

/** The file state of one path, if the index holds one. */
export function readFileState(index: IndexDatabase, path: string): FileState | null {
  const row = read(index, 'read', () =>
    statement<FileStateRow>(index, `SELECT ${FILE_STATE_COLUMNS} FROM file_state WHERE path = ?`).get(path),
  )
  return row ? fileStateOf(row) : null
}

/** Replaces the API responses recorded for the session indexed at path, in one transaction. */
export function replaceResponses(index: IndexDatabase, path: string, responses: readonly ApiResponse[]): void {
  write(index, 'write to', () => {
    statement(index, 'DELETE FROM api_responses WHERE path = ?').run(path)
    const insert = statement(
      index,
      `INSERT INTO api_responses (path, message_id, request_id, model, at, input_tokens, output_tokens, cache_read_tokens,
         cache_write_tokens, input_includes_cache)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    for (const r of responses) {
      insert.run(path, r.messageId, r.requestId, r.model, r.at, r.input, r.output, r.cacheRead, r.cacheWrite, r.inputIncludesCache ? 1 : 0)
    }
  })
}

interface ResponseRow {
  message_id: string | null
  request_id: string | null
  model: string | null
  at: string | null
  input_tokens: number
  output_tokens: number
  cache_read_tokens: number
  cache_write_tokens: number
  input_includes_cache: number
}

/** The API responses recorded for the session indexed at path, in the order they were written. */
export function readResponses(index: IndexDatabase, path: string): ApiResponse[] {
  const sql = 'SELECT * FROM api_responses WHERE path = ? ORDER BY rowid'
  return read(index, 'read', () =>
    statement<ResponseRow>(index, sql)
      .all(path)
      .map((row) => ({
        messageId: row.message_id,
        requestId: row.request_id,
        model: row.model,
        at: row.at,
        input: row.input_tokens,
        output: row.output_tokens,
        cacheRead: row.cache_read_tokens,
        cacheWrite: row.cache_write_tokens,
        inputIncludesCache: row.input_includes_cache === 1,
      })),
  )
}

/**
 * Replaces the searchable texts of the session indexed at path, in one transaction. Empty texts
 * are skipped; past MAX_TEXTS_PER_SESSION the rest are dropped. Returns how many were stored.
 */
export function replaceTexts(index: IndexDatabase, path: string, texts: readonly TurnText[]): number {
  return write(index, 'write to', () => {
    const row = statement<{ sid: number; texts: number }>(index, 'SELECT sid, texts FROM sessions WHERE path = ?').get(path)
    if (!row) throw new IndexDatabaseError(`The session index has no session at ${path} to hold its texts`)
    const first = row.sid * 2 ** TEXT_ROWID_BITS
    statement(index, `DELETE FROM turn_text WHERE rowid IN (${TEXT_ROWIDS('?', '?')})`).run(first, row.texts, first, row.texts)
    statement(index, 'DELETE FROM turn_text_at WHERE id >= ? AND id < ?').run(first, first + MAX_TEXTS_PER_SESSION)
    const insert = statement(index, 'INSERT INTO turn_text (rowid, turn, step, field, tool, is_error, text) VALUES (?, ?, ?, ?, ?, ?, ?)')
    const insertAt = statement(index, 'INSERT INTO turn_text_at (id, at) VALUES (?, ?)')
    let stored = 0
    for (const text of texts) {
      if (stored === MAX_TEXTS_PER_SESSION) break
      if (text.text === '') continue
      insert.run(first + stored, text.turn, text.step, text.field, text.tool ?? null, text.isError ? '1' : '0', text.text)
      if (text.at) insertAt.run(first + stored, text.at)
      stored++
    }
    statement(index, 'UPDATE sessions SET texts = ?, texts_stale = 0 WHERE sid = ?').run(stored, row.sid)
    return stored
  })
}
