// What the rest of the code reads from and writes to the index database; the SQL lives here (the
// schema in index-schema.ts). Every write is one transaction (a savepoint inside a caller's), so
// another process reading at the same time sees all of a batch or none of it.
import type { Problem, SessionSummary, Store } from '../../../src-shared/model'
import { lastActivityOf } from '../../../src-shared/session-order'
import { type IndexDatabase, IndexDatabaseError, indexError } from './index-database'
import { MAX_TEXTS_PER_SESSION, TEXT_ROWIDS, TEXT_ROWID_BITS } from './index-schema'
import { type SqlStatement, type SqlValue, SqlError } from './sql-database'

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

export interface TextHit {
  path: string
  turn: number
  step: number | null
  field: TextField
  /** The matching passage, the matched terms between the marks. */
  snippet: string
  /** The bm25 relevance, negated so that higher is better; hits come best first. */
  score: number
}

export type SearchOutcome = { ok: true; hits: TextHit[] } | { ok: false; error: string }

export interface SearchOptions {
  /** Only the sessions of these stores; all when absent. */
  stores?: readonly Store[]
  limit?: number
  /** What goes before and after a matched term in a snippet. */
  marks?: readonly [before: string, after: string]
  /** How many tokens a snippet holds (at most 64, as FTS5 allows). */
  snippetTokens?: number
}

const DEFAULT_SEARCH_LIMIT = 50
const DEFAULT_MARKS = ['\u0002', '\u0003'] as const

const statements = new WeakMap<IndexDatabase, Map<string, SqlStatement>>()

/** The connection's prepared statement for sql, prepared on first use. */
function statement<Row>(index: IndexDatabase, sql: string): SqlStatement<Row> {
  let cache = statements.get(index)
  if (!cache) statements.set(index, (cache = new Map()))
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

function read<T>(index: IndexDatabase, doing: string, fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    throw indexError(index, error, doing)
  }
}

/** The stores as one JSON parameter, for `(root, format) IN (SELECT ... FROM json_each(?))`. */
const storesParam = (stores: readonly Store[]): string => JSON.stringify(stores.map(({ format, root }) => ({ format, root })))
const STORE_IDS = "SELECT id FROM stores WHERE (root, format) IN (SELECT value ->> 'root', value ->> 'format' FROM json_each(?))"

function storeId(index: IndexDatabase, store: Store): number {
  statement(index, 'INSERT INTO stores (format, root) VALUES (?, ?) ON CONFLICT (root, format) DO NOTHING').run(store.format, store.root)
  const row = statement<{ id: number }>(index, 'SELECT id FROM stores WHERE root = ? AND format = ?').get(store.root, store.format)
  if (!row) throw new IndexDatabaseError(`The session index lost the store ${store.root} it just recorded`)
  return row.id
}

const UPSERT_SESSION = `
INSERT INTO sessions (path, store, id, project, title, created_at, updated_at, last_activity_at, modified_at,
  turns, steps, errors, archived, bytes, model, parent_id, summary)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (path) DO UPDATE SET store = excluded.store, id = excluded.id, project = excluded.project, title = excluded.title,
  created_at = excluded.created_at, updated_at = excluded.updated_at, last_activity_at = excluded.last_activity_at,
  modified_at = excluded.modified_at, turns = excluded.turns, steps = excluded.steps, errors = excluded.errors,
  archived = excluded.archived, bytes = excluded.bytes, model = excluded.model, parent_id = excluded.parent_id,
  summary = excluded.summary`

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

const UPSERT_FILE_STATE = `
INSERT INTO file_state (path, store, size, mtime_ms, ino, resume_offset, head_hash, tail_hash, indexed_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (path) DO UPDATE SET store = excluded.store, size = excluded.size, mtime_ms = excluded.mtime_ms, ino = excluded.ino,
  resume_offset = excluded.resume_offset, head_hash = excluded.head_hash, tail_hash = excluded.tail_hash, indexed_at = excluded.indexed_at`

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
      statement(index, UPSERT_FILE_STATE).run(f.path, key, f.size, f.mtimeMs, f.ino, f.resumeOffset, f.headHash, f.tailHash, f.indexedAt)
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
  indexed_at: string
}

const FILE_STATE_COLUMNS = 'path, size, mtime_ms, ino, resume_offset, head_hash, tail_hash, indexed_at'

function fileStateOf(row: FileStateRow): FileState {
  return {
    path: row.path,
    size: row.size,
    mtimeMs: row.mtime_ms,
    ino: row.ino,
    resumeOffset: row.resume_offset,
    headHash: row.head_hash,
    tailHash: row.tail_hash,
    indexedAt: row.indexed_at,
  }
}

export function readFileStates(index: IndexDatabase, stores: readonly Store[]): FileState[] {
  const sql = `SELECT ${FILE_STATE_COLUMNS} FROM file_state WHERE store IN (${STORE_IDS}) ORDER BY path`
  return read(index, 'read', () => statement<FileStateRow>(index, sql).all(storesParam(stores)).map(fileStateOf))
}

/** The file state of one path, if the index holds one. */
export function readFileState(index: IndexDatabase, path: string): FileState | null {
  const row = read(index, 'read', () =>
    statement<FileStateRow>(index, `SELECT ${FILE_STATE_COLUMNS} FROM file_state WHERE path = ?`).get(path),
  )
  return row ? fileStateOf(row) : null
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
    const insert = statement(
      index,
      'INSERT INTO turn_text (rowid, turn, step, field, at, tool, is_error, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    let stored = 0
    for (const text of texts) {
      if (stored === MAX_TEXTS_PER_SESSION) break
      if (text.text === '') continue
      insert.run(first + stored, text.turn, text.step, text.field, text.at ?? null, text.tool ?? null, text.isError ? '1' : '0', text.text)
      stored++
    }
    statement(index, 'UPDATE sessions SET texts = ? WHERE sid = ?').run(stored, row.sid)
    return stored
  })
}

interface HitRow {
  path: string
  turn: number
  step: number | null
  field: TextField
  snippet: string
  rank: number
}

/**
 * The texts matching an FTS5 query (words, "phrases", prefix*, AND/OR/NOT, NEAR), best first.
 * A query FTS5 cannot parse is an error value, never an exception.
 */
export function searchTexts(index: IndexDatabase, query: string, options: SearchOptions = {}): SearchOutcome {
  const [before, after] = options.marks ?? DEFAULT_MARKS
  const tokens = Math.max(1, Math.min(64, Math.trunc(options.snippetTokens ?? 16)))
  const limit = Math.max(1, Math.trunc(options.limit ?? DEFAULT_SEARCH_LIMIT))
  const inStores = options.stores ? `AND s.store IN (${STORE_IDS})` : ''
  const sql = `
    SELECT s.path, t.turn, t.step, t.field, snippet(turn_text, 6, ?, ?, '…', ${tokens}) AS snippet, bm25(turn_text, 0, 0, 0, 0, 0, 0, 1) AS rank
    FROM turn_text t JOIN sessions s ON s.sid = (t.rowid >> ${TEXT_ROWID_BITS})
    WHERE turn_text MATCH ? ${inStores}
    ORDER BY rank, t.rowid
    LIMIT ?`
  // The words are looked for in the text only, not in the columns that name its field and tool.
  const params: SqlValue[] = [before, after, `text : (${query})`, ...(options.stores ? [storesParam(options.stores)] : []), limit]
  const search = read(index, 'search', () => statement<HitRow>(index, sql))
  try {
    const hits = search
      .all(...params)
      .map((row) => ({ path: row.path, turn: row.turn, step: row.step, field: row.field, snippet: row.snippet, score: -row.rank }))
    return { ok: true, hits }
  } catch (error) {
    // What FTS5 says, when the statement runs, of a query it cannot read ("fts5: syntax error near
    // ...", "no such column" for an unknown column filter); the statement itself was prepared above.
    if (error instanceof SqlError && error.code === 'SQLITE_ERROR')
      return { ok: false, error: `Cannot search for ${JSON.stringify(query)}: ${error.message}` }
    throw indexError(index, error, 'search')
  }
}

/** What a search asks of the texts besides its words (see core/search/query.ts for the language). */
export interface TextFilters {
  projects: readonly string[]
  formats: readonly string[]
  models: readonly string[]
  tools: readonly string[]
  errorsOnly: boolean
  after: string | null
  before: string | null
  fields: readonly TextField[]
}

/** A matching text with the session it belongs to. */
export interface SessionTextHit extends TextHit {
  sessionId: string
  format: string
  store: string
  project: string | null
  title: string
  /** When it was said, else when the session was last updated. */
  at: string
}

export type SessionSearchOutcome = { ok: true; total: number; hits: SessionTextHit[] } | { ok: false; error: string }

/** The WHERE clauses (and their parameters, in order) of the filters the MATCH does not answer. */
function filterClauses(filters: TextFilters): { clauses: string[]; params: SqlValue[] } {
  const clauses: string[] = []
  const params: SqlValue[] = []
  const anyOf = (values: readonly string[], clause: (value: string) => string, valueParams: (value: string) => SqlValue[]) => {
    if (values.length === 0) return
    clauses.push(`(${values.map(clause).join(' OR ')})`)
    for (const value of values) params.push(...valueParams(value))
  }
  // A project is named by its key, its working directory, or that directory's last segment.
  const path = "lower(coalesce(s.summary ->> 'projectPath', ''))"
  anyOf(
    filters.projects,
    () => `(lower(coalesce(s.project, '')) = ? OR ${path} = ? OR substr(${path}, -length(?) - 1) = '/' || ?)`,
    (v) => Array(4).fill(v.toLowerCase()) as SqlValue[],
  )
  anyOf(
    filters.formats,
    () => 'st.format = ?',
    (v) => [v],
  )
  anyOf(
    filters.models,
    () => "instr(lower(coalesce(s.model, '')), ?) > 0",
    (v) => [v.toLowerCase()],
  )
  if (filters.after) {
    clauses.push('coalesce(t.at, s.updated_at) >= ?')
    params.push(filters.after)
  }
  if (filters.before) {
    clauses.push('coalesce(t.at, s.updated_at) < ?')
    params.push(filters.before)
  }
  return { clauses, params }
}

/** An FTS5 string: quoted, quotes doubled. */
const quoted = (value: string) => `"${value.replace(/"/g, '""')}"`

/**
 * The MATCH expression: the words (an FTS5 expression over the text column) and the filters the
 * index answers (field, tool, failure) as column filters; null when there is neither.
 */
function ftsExpression(match: string | null, filters: TextFilters): string | null {
  const parts: string[] = []
  if (match !== null) parts.push(`text : (${match})`)
  if (filters.fields.length > 0) parts.push(`field : (${filters.fields.map(quoted).join(' OR ')})`)
  if (filters.tools.length > 0) parts.push(`tool : (${filters.tools.map(quoted).join(' OR ')})`)
  if (filters.errorsOnly) parts.push('is_error : "1"')
  return parts.length > 0 ? parts.join(' AND ') : null
}

interface SessionHitRow extends HitRow {
  id: string
  format: string
  root: string
  project: string | null
  title: string
  at: string
}

/**
 * The texts of the given stores' sessions that match an FTS5 expression (or, with none, only the
 * filters) and the filters, best first (newest first without words; ties by path, then by place
 * in the session, so an index rebuilt in another order answers the same), with the total count.
 * Without words the filters are checked text by text: a filters-only search reads every text.
 */
export function searchSessionTexts(
  index: IndexDatabase,
  match: string | null,
  filters: TextFilters,
  options: SearchOptions & { stores: readonly Store[] },
): SessionSearchOutcome {
  const [before, after] = options.marks ?? DEFAULT_MARKS
  const tokens = Math.max(1, Math.min(64, Math.trunc(options.snippetTokens ?? 16)))
  const limit = Math.max(1, Math.trunc(options.limit ?? DEFAULT_SEARCH_LIMIT))
  const { clauses, params } = filterClauses(filters)
  const fts = ftsExpression(match, filters)
  const where = [...(fts === null ? [] : ['turn_text MATCH ?']), `st.id IN (${STORE_IDS})`, ...clauses].join(' AND ')
  const whereParams: SqlValue[] = [...(fts === null ? [] : [fts]), storesParam(options.stores), ...params]
  const from = `FROM turn_text t JOIN sessions s ON s.sid = (t.rowid >> ${TEXT_ROWID_BITS}) JOIN stores st ON st.id = s.store WHERE ${where}`
  const ranked = match !== null
  const snippet = ranked ? `snippet(turn_text, 6, ?, ?, '…', ${tokens})` : `substr(t.text, 1, ${tokens * 8})`
  const sql = `
    SELECT s.path, s.id, st.format, st.root, s.project, s.title, t.turn, t.step, t.field, coalesce(t.at, s.updated_at) AS at,
      ${snippet} AS snippet, ${ranked ? 'bm25(turn_text, 0, 0, 0, 0, 0, 0, 1)' : '0'} AS rank
    ${from}
    ORDER BY ${ranked ? 'rank' : 'at DESC'}, s.path, t.rowid
    LIMIT ?`
  try {
    const rows = read(index, 'search', () =>
      statement<SessionHitRow>(index, sql).all(...(ranked ? [before, after] : []), ...whereParams, limit),
    )
    const total = read(index, 'search', () => statement<{ n: number }>(index, `SELECT count(*) AS n ${from}`).get(...whereParams))?.n ?? 0
    const hits = rows.map((row) => ({
      path: row.path,
      sessionId: row.id,
      format: row.format,
      store: row.root,
      project: row.project,
      title: row.title,
      turn: row.turn,
      step: row.step,
      field: row.field,
      snippet: row.snippet,
      score: -row.rank,
      at: row.at,
    }))
    return { ok: true, total, hits }
  } catch (error) {
    const cause = error instanceof IndexDatabaseError ? error.cause : error
    if (cause instanceof SqlError && cause.code === 'SQLITE_ERROR') return { ok: false, error: `Cannot search for that: ${cause.message}` }
    throw error
  }
}
