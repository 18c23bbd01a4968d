// The index's full-text search: the SQL of a query over the texts and the sessions they belong
// to (the schema in index-schema.ts, the writes in index-store.ts).
import type { Store } from '../../../src-shared/model'
import { type IndexDatabase, IndexDatabaseError, indexError } from './index-database'
import { TEXT_ROWID_BITS } from './index-schema'
import { STORE_IDS, type TextField, read, statement, storesParam } from './index-store'
import { type SqlValue, SqlError } from './sql-database'

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

/** turn_text's text, its sixth column (index-schema.ts): the one snippets come from and bm25 weighs. */
const TEXT_COLUMN = 5
const BM25 = 'bm25(turn_text, 0, 0, 0, 0, 0, 1)'

const DEFAULT_SEARCH_LIMIT = 50
const DEFAULT_MARKS = ['\u0002', '\u0003'] as const

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
    SELECT s.path, t.turn, t.step, t.field, snippet(turn_text, ${TEXT_COLUMN}, ?, ?, '…', ${tokens}) AS snippet, ${BM25} AS rank
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

export type SessionSearchOutcome =
  | {
      ok: true
      /** How many texts match, counted up to SEARCH_CAP (or the limit, if larger). */
      total: number
      /** More texts match than were counted: the total is where counting stopped. */
      totalIsLowerBound: boolean
      hits: SessionTextHit[]
    }
  | { ok: false; error: string }

/**
 * The filters on a text's session (store, project, agent, model), as WHERE clauses over sessions
 * `s` and stores `st`, with their parameters in order.
 */
function sessionClauses(filters: TextFilters, stores: readonly Store[]): { clauses: string[]; params: SqlValue[] } {
  const clauses: string[] = [`st.id IN (${STORE_IDS})`]
  const params: SqlValue[] = [storesParam(stores)]
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
  return { clauses, params }
}

/** When a text was said (turn_text_at, a table of its own: index-schema.ts), else when its session was last updated. */
const TEXT_AT = 'coalesce((SELECT a.at FROM turn_text_at a WHERE a.id = t.rowid), s.updated_at)'

/** The filters on when a text was said, as WHERE clauses over the text `t` and its session `s`. */
function dateClauses(filters: TextFilters): { clauses: string[]; params: SqlValue[] } {
  const clauses: string[] = []
  const params: SqlValue[] = []
  if (filters.after) {
    clauses.push(`${TEXT_AT} >= ?`)
    params.push(filters.after)
  }
  if (filters.before) {
    clauses.push(`${TEXT_AT} < ?`)
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
 * How many matches a search counts and orders (or its limit, if larger). bm25 costs about a
 * microsecond a match, so a word found in most sessions (150,000 texts of 10,000 sessions) would
 * take 150 ms to rank whole, and as long to count. Past this many matches the total is a lower
 * bound, and only the matches of the sessions indexed last (the highest rowids: the index gives a
 * session its rowids when it first meets it) are ordered and shown.
 */
export const SEARCH_CAP = 5_000

/**
 * The texts of the given stores' sessions that match an FTS5 expression (or, with none, only the
 * filters) and the filters, best first (newest first without words; ties by path, then by place
 * in the session, so an index rebuilt in another order answers the same), with the total count;
 * past SEARCH_CAP matches, the total is a lower bound and only the last indexed are ordered. The filters on sessions are answered from the sessions table first:
 * their sessions bound the FTS rowids looked at (a session's texts are one rowid range) and the
 * texts of other sessions are passed over without reading them. Without words the filters are
 * checked text by text: a filters-only search reads every text of the sessions it is left with.
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
  const sessions = sessionClauses(filters, options.stores)
  const sessionsWhere = `FROM sessions s JOIN stores st ON st.id = s.store WHERE ${sessions.clauses.join(' AND ')}`
  const dates = dateClauses(filters)
  const fts = ftsExpression(match, filters)
  try {
    // With no filter but the stores, a text's store is checked on its session row, which the hit
    // reads anyway. Other filters on sessions are answered once, from the sessions table: the
    // sessions left, whose first and last bound the texts' rowids (an empty range when none is).
    const onlyStores = sessions.clauses.length === 1
    const span = onlyStores
      ? null
      : read(index, 'search', () =>
          statement<{ sid: number }>(index, `SELECT s.sid ${sessionsWhere} ORDER BY s.sid`)
            .all(...sessions.params)
            .map((row) => row.sid),
        )
    const lo = span?.[0] ?? 1
    const hi = span?.at(-1) ?? 0
    const where = [
      ...(fts === null ? [] : ['turn_text MATCH ?']),
      't.rowid >= ? AND t.rowid < ?',
      ...(span ? [`(t.rowid >> ${TEXT_ROWID_BITS}) IN (SELECT value FROM json_each(?))`] : []),
      `st.id IN (${STORE_IDS})`,
      ...dates.clauses,
    ].join(' AND ')
    const whereParams = (from: number): SqlValue[] => [
      ...(fts === null ? [] : [fts]),
      from,
      span ? (hi + 1) * 2 ** TEXT_ROWID_BITS : Number.MAX_SAFE_INTEGER,
      ...(span ? [JSON.stringify(span)] : []),
      storesParam(options.stores),
      ...dates.params,
    ]
    const first = span ? lo * 2 ** TEXT_ROWID_BITS : 0
    // One pass over at most `cap` + 1 matches, the last indexed first: how many there are (past
    // `cap`, at least that many), and where the `cap` the search orders start. With dates, whose
    // check reads each text's row, the pass keeps the matches, and the ordering looks only at them.
    const cap = Math.max(SEARCH_CAP, limit)
    const join = `JOIN sessions s ON s.sid = (t.rowid >> ${TEXT_ROWID_BITS}) JOIN stores st ON st.id = s.store`
    const from = `FROM turn_text t ${join} WHERE ${where}`
    let counted: number
    let start = first
    let rankFrom = from
    let rankParams: () => SqlValue[]
    if (dates.clauses.length === 0) {
      const head = read(index, 'search', () =>
        statement<{ n: number; start: number | null }>(
          index,
          `SELECT count(*) AS n, min(id) AS start FROM (SELECT t.rowid AS id ${from} ORDER BY t.rowid DESC LIMIT ?)`,
        ).get(...whereParams(first), cap + 1),
      )
      counted = head?.n ?? 0
      if (counted > cap && head?.start != null) start = head.start + 1
      rankParams = () => whereParams(Math.max(first, start))
    } else {
      const ids = read(index, 'search', () =>
        statement<{ id: number }>(index, `SELECT t.rowid AS id ${from} ORDER BY t.rowid DESC LIMIT ?`)
          .all(...whereParams(first), cap + 1)
          .map((row) => row.id),
      )
      counted = ids.length
      const kept = ids.slice(0, cap)
      start = kept.at(-1) ?? first
      // `t.rowid + 0`: a check of each row, not a lookup of each id in the FTS index.
      rankFrom = `FROM turn_text t ${join} WHERE ${[...(fts === null ? [] : ['turn_text MATCH ?']), 't.rowid >= ? AND t.rowid <= ?', '(t.rowid + 0) IN (SELECT value FROM json_each(?))'].join(' AND ')}`
      rankParams = () => [...(fts === null ? [] : [fts]), start, kept[0] ?? first, JSON.stringify(kept)]
    }
    const ranked = match !== null
    const snippet = ranked ? `snippet(turn_text, ${TEXT_COLUMN}, ?, ?, '…', ${tokens})` : `substr(t.text, 1, ${tokens * 8})`
    const sql = `
      SELECT s.path, s.id, st.format, st.root, s.project, s.title, t.turn, t.step, t.field, ${TEXT_AT} AS at,
        ${snippet} AS snippet, ${ranked ? BM25 : '0'} AS rank
      ${rankFrom}
      ORDER BY ${ranked ? 'rank' : 'at DESC'}, s.path, t.rowid
      LIMIT ?`
    const rows = read(index, 'search', () =>
      statement<SessionHitRow>(index, sql).all(...(ranked ? [before, after] : []), ...rankParams(), limit),
    )
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
    return { ok: true, total: Math.min(counted, cap), totalIsLowerBound: counted > cap, hits }
  } catch (error) {
    const cause = error instanceof IndexDatabaseError ? error.cause : error
    if (cause instanceof SqlError && cause.code === 'SQLITE_ERROR') return { ok: false, error: `Cannot search for that: ${cause.message}` }
    throw error
  }
}
