// The Electron driver: the node:sqlite module built into Electron's Node (22.x in Electron 45), so
// the desktop app carries no native module to rebuild for Electron's ABI (docs/architecture.md,
// "The index database"). Plain Node 20 has no node:sqlite; this file is type-checked here, and
// runs only where the module exists. The types below are the part of node:sqlite it uses (the
// project's @types/node is Node 20's, which has none).
import {
  type SqlDatabase,
  type SqlDriver,
  type SqlRow,
  type SqlStatement,
  type TransactionKind,
  SqlError,
  guard,
  wrapStatement,
} from './sql-database'

interface NodeSqliteStatement {
  run(...params: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint }
  get(...params: unknown[]): unknown
  all(...params: unknown[]): unknown[]
  iterate(...params: unknown[]): IterableIterator<unknown>
}

interface NodeSqliteDatabase {
  exec(sql: string): void
  prepare(sql: string): NodeSqliteStatement
  close(): void
}

interface NodeSqliteModule {
  DatabaseSync: new (
    path: string,
    options?: { open?: boolean; readOnly?: boolean; enableForeignKeyConstraints?: boolean; readBigInts?: boolean },
  ) => NodeSqliteDatabase
}

// SQLite's primary result codes (the low byte of an extended code), https://sqlite.org/rescode.html.
const PRIMARY_CODES = (
  'OK ERROR INTERNAL PERM ABORT BUSY LOCKED NOMEM READONLY INTERRUPT IOERR CORRUPT NOTFOUND FULL CANTOPEN PROTOCOL EMPTY SCHEMA ' +
  'TOOBIG CONSTRAINT MISMATCH MISUSE NOLFS AUTH FORMAT RANGE NOTADB'
).split(' ')

function toSqlError(error: unknown): unknown {
  // node:sqlite throws an Error with code ERR_SQLITE_ERROR and SQLite's extended code as errcode.
  if (!(error instanceof Error) || (error as { code?: unknown }).code !== 'ERR_SQLITE_ERROR') return error
  const errcode = (error as { errcode?: unknown }).errcode
  const primary = typeof errcode === 'number' ? PRIMARY_CODES[errcode & 0xff] : undefined
  return new SqlError(error.message, primary ? `SQLITE_${primary}` : 'SQLITE_ERROR', null, { cause: error })
}

class NodeSqliteDatabaseAdapter implements SqlDatabase {
  readonly driver = 'node:sqlite'
  private depth = 0

  constructor(private readonly db: NodeSqliteDatabase) {}

  prepare<Row = SqlRow>(sql: string): SqlStatement<Row> {
    const statement = guard(() => this.db.prepare(sql), toSqlError)
    return wrapStatement(statement as unknown as SqlStatement<Row>, toSqlError)
  }

  exec(sql: string): void {
    guard(() => this.db.exec(sql), toSqlError)
  }

  // As better-sqlite3 does it: BEGIN at the outside, a savepoint inside; rolled back on a throw.
  transaction<T>(fn: () => T, kind: TransactionKind = 'write'): T {
    const outer = this.depth === 0
    const savepoint = `sessionscope_${this.depth}`
    this.exec(outer ? (kind === 'write' ? 'BEGIN IMMEDIATE' : 'BEGIN DEFERRED') : `SAVEPOINT ${savepoint}`)
    this.depth++
    try {
      const result = fn()
      if (result instanceof Promise) throw new TypeError('A transaction cannot hold an asynchronous function')
      this.exec(outer ? 'COMMIT' : `RELEASE ${savepoint}`)
      return result
    } catch (error) {
      try {
        this.exec(outer ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`)
      } catch {
        // SQLite already rolled the transaction back (it does on some errors).
      }
      throw error
    } finally {
      this.depth--
    }
  }

  pragma(source: string): SqlRow[] {
    return this.prepare(`PRAGMA ${source}`).all()
  }

  close(): void {
    this.db.close()
  }
}

function nodeSqlite(): NodeSqliteModule {
  const module = process.getBuiltinModule('node:sqlite') as NodeSqliteModule | undefined
  if (!module) throw new Error(`node:sqlite is not built into this Node.js (${process.version}); it needs Node 22.13 or later`)
  return module
}

export const nodeSqliteDriver: SqlDriver = {
  name: 'node:sqlite',
  open(path, { busyTimeoutMs, readOnly = false }) {
    const { DatabaseSync } = nodeSqlite()
    const db = guard(() => new DatabaseSync(path, { readOnly, enableForeignKeyConstraints: true, readBigInts: false }), toSqlError)
    // The busy timeout as a pragma, not the constructor's `timeout` option (Node 22.16+ only).
    guard(() => db.exec(`PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}`), toSqlError)
    return new NodeSqliteDatabaseAdapter(db)
  },
}
