// The Node driver: better-sqlite3 (a native module built from source at install; README, "What a
// machine needs"). The tested path: the CLI, the browser shell and every test run on it.
import Database from 'better-sqlite3'
import {
  type SqlDatabase,
  type SqlDriver,
  type SqlRow,
  type SqlStatement,
  type TransactionKind,
  SqlError,
  guard,
  primaryCodeName,
  wrapStatement,
} from './sql-database'

function toSqlError(error: unknown): unknown {
  if (error instanceof Database.SqliteError) return new SqlError(error.message, primaryCodeName(error.code), error.code, { cause: error })
  return error
}

class BetterSqlite3Database implements SqlDatabase {
  readonly driver = 'better-sqlite3'

  constructor(private readonly db: Database.Database) {}

  prepare<Row = SqlRow>(sql: string): SqlStatement<Row> {
    const statement = guard(() => this.db.prepare<unknown[], Row>(sql), toSqlError)
    return wrapStatement(statement as SqlStatement<Row>, toSqlError)
  }

  exec(sql: string): void {
    guard(() => this.db.exec(sql), toSqlError)
  }

  transaction<T>(fn: () => T, kind: TransactionKind = 'write'): T {
    // better-sqlite3 nests a transaction inside another as a savepoint by itself.
    const transaction = this.db.transaction(fn)
    return guard(() => (kind === 'write' ? transaction.immediate() : transaction.deferred()), toSqlError)
  }

  pragma(source: string): SqlRow[] {
    return guard(() => this.db.pragma(source) as SqlRow[], toSqlError)
  }

  close(): void {
    this.db.close()
  }
}

export const betterSqlite3Driver: SqlDriver = {
  name: 'better-sqlite3',
  open(path, { busyTimeoutMs, readOnly = false }) {
    const options = { timeout: busyTimeoutMs, readonly: readOnly, fileMustExist: readOnly }
    return new BetterSqlite3Database(guard(() => new Database(path, options), toSqlError))
  },
}
