import { betterSqlite3Driver } from './better-sqlite3-database'
import { nodeSqliteDriver } from './node-sqlite-database'
import type { SqlDriver } from './sql-database'

/**
 * The one choice of SQLite driver: Electron's built-in node:sqlite inside Electron (no native
 * module to rebuild for its ABI), better-sqlite3 everywhere else (docs/architecture.md, "The
 * index database").
 */
export function defaultSqlDriver(versions: NodeJS.ProcessVersions = process.versions): SqlDriver {
  return versions.electron ? nodeSqliteDriver : betterSqlite3Driver
}
