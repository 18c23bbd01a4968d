// The small synchronous SQLite interface the index is written against. Two drivers implement it:
// better-sqlite3 in plain Node (the CLI, the browser shell, the tests) and Electron's built-in
// node:sqlite in the desktop app (docs/architecture.md, "The index database"; sql-driver.ts
// chooses). Only what both do alike is here: positional parameters, rows as plain objects,
// integers as numbers, and errors as SqlError with SQLite's result code.

/** What a statement binds. Booleans are not values here (neither driver binds them): pass 0 or 1. */
export type SqlValue = string | number | bigint | Uint8Array | null

export type SqlRow = Record<string, unknown>

export interface RunResult {
  changes: number
  lastInsertRowid: number | bigint
}

export interface SqlStatement<Row = SqlRow> {
  run(...params: SqlValue[]): RunResult
  get(...params: SqlValue[]): Row | undefined
  all(...params: SqlValue[]): Row[]
  iterate(...params: SqlValue[]): IterableIterator<Row>
}

/**
 * A write transaction starts with BEGIN IMMEDIATE: it takes the one write lock at once (waiting up
 * to the busy timeout), so it never fails half-way because another process wrote first. A read
 * transaction (BEGIN DEFERRED) sees one snapshot across its statements and never waits in WAL mode.
 */
export type TransactionKind = 'write' | 'read'

export interface SqlDatabase {
  /** Which driver this is, for messages. */
  readonly driver: string
  prepare<Row = SqlRow>(sql: string): SqlStatement<Row>
  exec(sql: string): void
  /** Runs fn in a transaction (a savepoint when nested), commits if it returns, rolls back if it throws. */
  transaction<T>(fn: () => T, kind?: TransactionKind): T
  /** `PRAGMA <source>`, its rows (none for a pragma that only sets). */
  pragma(source: string): SqlRow[]
  close(): void
}

export interface SqlOpenOptions {
  /** How long a statement waits for another connection's lock before failing with SQLITE_BUSY. */
  busyTimeoutMs: number
  /** true: the database must exist and is only read (nothing, not even its -wal, is created). */
  readOnly?: boolean
}

export interface SqlDriver {
  readonly name: string
  open(path: string, options: SqlOpenOptions): SqlDatabase
}

/**
 * An error SQLite reported, the same from either driver. `code` is the primary result code's name
 * ("SQLITE_BUSY", "SQLITE_CORRUPT", "SQLITE_NOTADB"...), `extendedCode` the extended one where the
 * driver says ("SQLITE_BUSY_RECOVERY").
 */
export class SqlError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly extendedCode: string | null,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'SqlError'
  }
}

/** Another connection holds the lock (and kept it past the busy timeout): never a sign of corruption. */
export function isBusy(error: unknown): boolean {
  return error instanceof SqlError && (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_LOCKED')
}

/** The file is not a database, or its pages do not hold together. */
export function isCorrupt(error: unknown): boolean {
  return error instanceof SqlError && (error.code === 'SQLITE_CORRUPT' || error.code === 'SQLITE_NOTADB')
}

/** "SQLITE_IOERR_SHORT_READ" → "SQLITE_IOERR". */
export function primaryCodeName(name: string): string {
  const match = /^SQLITE_[A-Z]+/.exec(name)
  return match ? match[0] : name
}

/** Wraps a statement's methods so every error leaves as SqlError (through toSqlError). */
export function wrapStatement<Row>(statement: SqlStatement<Row>, toSqlError: (error: unknown) => unknown): SqlStatement<Row> {
  return {
    run: (...params) => guard(() => statement.run(...params), toSqlError),
    get: (...params) => guard(() => statement.get(...params), toSqlError),
    all: (...params) => guard(() => statement.all(...params), toSqlError),
    iterate: (...params) =>
      guardIterator(
        guard(() => statement.iterate(...params), toSqlError),
        toSqlError,
      ),
  }
}

export function guard<T>(fn: () => T, toSqlError: (error: unknown) => unknown): T {
  try {
    return fn()
  } catch (error) {
    throw toSqlError(error)
  }
}

function* guardIterator<Row>(rows: IterableIterator<Row>, toSqlError: (error: unknown) => unknown): IterableIterator<Row> {
  try {
    yield* rows
  } catch (error) {
    throw toSqlError(error)
  }
}
