import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_BUSY_TIMEOUT_MS, INDEX_FILE, type IndexDatabase } from './index-database'
import { INDEX_SCHEMA_VERSION } from './index-schema'
import type { SqlDriver } from './sql-database'
import { defaultSqlDriver } from './sql-driver'

/**
 * The index of a data folder opened only to read (a look that writes nothing: `show`,
 * `prune --dry-run`), or null when there is none usable as it is. Nothing is created or rebuilt;
 * whatever this cannot answer is read from the files.
 */
export function openIndexReadOnly(dataDir: string, driver: SqlDriver = defaultSqlDriver()): IndexDatabase | null {
  const path = join(dataDir, INDEX_FILE)
  if (!existsSync(path)) return null
  const busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS
  let sql
  try {
    sql = driver.open(path, { busyTimeoutMs, readOnly: true })
  } catch {
    return null
  }
  try {
    if (Number(sql.pragma('user_version')[0]?.user_version) !== INDEX_SCHEMA_VERSION) throw new Error('another schema')
    sql.prepare('SELECT 1 FROM sessions, file_state LIMIT 1').get()
  } catch {
    sql.close()
    return null
  }
  return { path, sql, busyTimeoutMs, close: () => sql.close() }
}
