import { mkdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { INDEX_SCHEMA, INDEX_SCHEMA_VERSION, INDEX_TABLES } from './index-schema'
import { type SqlDatabase, type SqlDriver, SqlError, isBusy, isCorrupt } from './sql-database'
import { defaultSqlDriver } from './sql-driver'

// The index database, <data dir>/index.sqlite: a cache of the session files, never the truth. A
// database that is missing, not a database, damaged, or of another schema version is deleted
// (with its -wal and -shm, and nothing else) and made anew, and the reason is reported. A
// database another process is writing is not damaged: in WAL mode readers never wait, a writer
// waits up to the busy timeout and then fails with IndexBusyError, and nothing is rebuilt.

export const INDEX_FILE = 'index.sqlite'
/** The files SQLite keeps beside a database; deleted with it, since they belong to it alone. */
const COMPANION_SUFFIXES = ['-wal', '-shm', '-journal']
export const DEFAULT_BUSY_TIMEOUT_MS = 5000

export type RebuildKind = 'missing' | 'corrupt' | 'older-schema' | 'newer-schema'

export interface RebuildReason {
  kind: RebuildKind
  /** One sentence saying what was found and that the index is being rebuilt. */
  message: string
}

export interface OpenIndexOptions {
  /** Told when the database was made anew, and why (on a first start: kind "missing"). */
  onRebuilt?(reason: RebuildReason): void
  /** The SQLite driver; defaults to sql-driver.ts's choice for this process. */
  driver?: SqlDriver
  /** How long a write waits for another process's write lock; DEFAULT_BUSY_TIMEOUT_MS unless set. */
  busyTimeoutMs?: number
}

export interface IndexDatabase {
  /** Absolute path of index.sqlite. */
  readonly path: string
  readonly sql: SqlDatabase
  readonly busyTimeoutMs: number
  close(): void
}

/** The index could not be opened or written, for a reason other than damage (which rebuilds it). */
export class IndexDatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'IndexDatabaseError'
  }
}

/** Another process held the index's write lock for longer than the busy timeout. */
export class IndexBusyError extends IndexDatabaseError {
  constructor(path: string, busyTimeoutMs: number, options?: { cause?: unknown }) {
    super(
      `The session index ${path} is being written by another process, which kept it locked for more than ${busyTimeoutMs} ms; try again when it is done`,
      options,
    )
    this.name = 'IndexBusyError'
  }
}

/** A SQLite error from the index as the error callers see: busy as IndexBusyError, the rest named. */
export function indexError(index: Pick<IndexDatabase, 'path' | 'busyTimeoutMs'>, error: unknown, doing: string): unknown {
  if (error instanceof IndexDatabaseError) return error
  if (isBusy(error)) return new IndexBusyError(index.path, index.busyTimeoutMs, { cause: error })
  if (error instanceof SqlError) {
    return new IndexDatabaseError(`Could not ${doing} the session index ${index.path}: ${error.message}`, { cause: error })
  }
  return error
}

// Bounds the loop below: each turn opens the database, or finds it must be rebuilt and deletes it,
// or finds that another process replaced the file while this one was judging it.
const MAX_ATTEMPTS = 4

type Verdict = { usable: true; created: boolean } | { usable: false; reason: RebuildReason }

/** Opens (creating or rebuilding as needed) the index database of a data folder. */
export function openIndexDatabase(dataDir: string, options: OpenIndexOptions = {}): IndexDatabase {
  const driver = options.driver ?? defaultSqlDriver()
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS
  const path = join(dataDir, INDEX_FILE)
  const described = { path, busyTimeoutMs }
  mkdirSync(dataDir, { recursive: true })
  let rebuilt = false
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const inode = inodeOf(path)
    let sql: SqlDatabase
    try {
      sql = driver.open(path, { busyTimeoutMs })
    } catch (error) {
      throw indexError(described, error, 'open')
    }
    let verdict: Verdict
    try {
      verdict = judge(sql, path)
    } catch (error) {
      sql.close()
      if (!isCorrupt(error)) throw indexError(described, error, 'open')
      verdict = {
        usable: false,
        reason: { kind: 'corrupt', message: `${path} is damaged (${(error as Error).message}); rebuilding the index` },
      }
    }
    if (verdict.usable) {
      if (verdict.created && !rebuilt) {
        const message = inode === null ? `There was no index at ${path}; building it` : `${path} was empty; building the index`
        options.onRebuilt?.({ kind: 'missing', message })
      }
      return { path, sql, busyTimeoutMs, close: () => sql.close() }
    }
    sql.close()
    // Another process may have rebuilt the file since this one judged it: its fresh database stays.
    if (inodeOf(path) !== inode) continue
    removeDatabaseFiles(path)
    rebuilt = true
    options.onRebuilt?.(verdict.reason)
  }
  throw new IndexDatabaseError(
    `Could not open the session index ${path}: it was still unusable after ${MAX_ATTEMPTS} attempts to rebuild it`,
  )
}

/**
 * Sets the connection up and judges the database: usable when it is this version's (creating the
 * schema in a database that has none yet), else why it must be rebuilt. Throws what SQLite threw.
 */
function judge(sql: SqlDatabase, path: string): Verdict {
  const mode = sql.pragma('journal_mode = WAL')[0]?.journal_mode
  if (mode !== 'wal') throw new IndexDatabaseError(`${path} could not be put in WAL mode (it is in ${String(mode)} mode)`)
  sql.pragma('synchronous = NORMAL')
  sql.pragma('foreign_keys = ON')
  const rebuild = (kind: RebuildKind, what: string): Verdict => ({
    usable: false,
    reason: { kind, message: `${path} ${what}; rebuilding the index` },
  })
  const check = sql.pragma('quick_check').map((row) => String(row.quick_check))
  if (check.length !== 1 || check[0] !== 'ok') return rebuild('corrupt', `failed its integrity check (${check.slice(0, 3).join('; ')})`)
  const version = userVersion(sql)
  const versions = `index schema ${version}, this one reads ${INDEX_SCHEMA_VERSION}`
  if (version > INDEX_SCHEMA_VERSION) return rebuild('newer-schema', `was written by a newer SessionScope (${versions})`)
  if (version === INDEX_SCHEMA_VERSION) {
    const missing = missingTables(sql)
    return missing.length === 0 ? { usable: true, created: false } : rebuild('corrupt', `lacks its ${missing.join(', ')} table(s)`)
  }
  // An older version, or 0: a database with no schema yet (this process or another is about to
  // create it), unless it holds tables, from before schema versions or not SessionScope's.
  return sql.transaction((): Verdict => {
    const now = userVersion(sql)
    if (now === INDEX_SCHEMA_VERSION) return { usable: true, created: false }
    if (now > INDEX_SCHEMA_VERSION) return rebuild('newer-schema', `was written by a newer SessionScope (index schema ${now})`)
    if (now !== 0 || hasTables(sql)) return rebuild('older-schema', `was written by an older SessionScope (${versions})`)
    sql.exec(INDEX_SCHEMA)
    return { usable: true, created: true }
  })
}

function userVersion(sql: SqlDatabase): number {
  return Number(sql.pragma('user_version')[0]?.user_version ?? 0)
}

function hasTables(sql: SqlDatabase): boolean {
  return sql.prepare("SELECT 1 FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' LIMIT 1").get() !== undefined
}

function missingTables(sql: SqlDatabase): string[] {
  const present = new Set(
    sql
      .prepare<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'")
      .all()
      .map((row) => row.name),
  )
  return INDEX_TABLES.filter((table) => !present.has(table))
}

function inodeOf(path: string): number | null {
  try {
    return statSync(path).ino
  } catch {
    return null
  }
}

function removeDatabaseFiles(path: string): void {
  for (const file of [path, ...COMPANION_SUFFIXES.map((suffix) => path + suffix)]) rmSync(file, { force: true })
}
