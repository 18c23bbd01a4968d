import { closeSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { OWN_START, processStart } from '../operations/process-identity'
import { INDEX_SCHEMA, INDEX_SCHEMA_VERSION, INDEX_TABLES } from './index-schema'
import { type SqlDatabase, type SqlDriver, SqlError, isBusy, isCorrupt } from './sql-database'
import { defaultSqlDriver } from './sql-driver'

// The index database, <data dir>/index.sqlite: a cache of the session files, never the truth. A
// database that is missing, not a database, damaged, or of another schema version is deleted
// (with its -wal and -shm, and nothing else) and made anew, and the reason is reported. A
// database another process is writing is not damaged: in WAL mode readers never wait, a writer
// waits up to the busy timeout and then fails with IndexBusyError, and nothing is rebuilt.
//
// The whole-file `PRAGMA quick_check` runs only when the database was not closed cleanly: each
// process that has it open keeps a marker beside it (index.sqlite.<pid>.open, holding the
// process's start), made at open and removed at close; a marker whose process is gone means a
// crash, and the next open checks the file and removes the marker. Otherwise an open reads the
// header only (a file shorter than its header says is damaged). Damage found later, by a read or
// a write, is IndexCorruptError: it leaves index.sqlite.damaged beside the file, and the next open
// rebuilds it.

export const INDEX_FILE = 'index.sqlite'
/** The files SQLite keeps beside a database; deleted with it, since they belong to it alone. */
const COMPANION_SUFFIXES = ['-wal', '-shm', '-journal']
export const DEFAULT_BUSY_TIMEOUT_MS = 5000
/** The page cache of a connection, in KiB (SQLite's default is 2 MiB). */
const CACHE_KIB = 32 * 1024

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
  /** Told when the open runs `PRAGMA quick_check`, because a process that had it open did not close it. */
  onCheck?(): void
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

/**
 * A read or a write found the index damaged (SQLITE_CORRUPT, SQLITE_NOTADB). The file is marked
 * (index.sqlite.damaged): the next open rebuilds it, so its owner closes it and opens it again.
 */
export class IndexCorruptError extends IndexDatabaseError {
  constructor(path: string, doing: string, options: { cause: SqlError }) {
    super(
      `The session index ${path} is damaged (${options.cause.message}; found when trying to ${doing} it); it is rebuilt when next opened`,
      options,
    )
    this.name = 'IndexCorruptError'
  }
}

/**
 * A SQLite error from the index as the error callers see: busy as IndexBusyError, damage as
 * IndexCorruptError (marking the file for a rebuild), the rest named.
 */
export function indexError(index: Pick<IndexDatabase, 'path' | 'busyTimeoutMs'>, error: unknown, doing: string): unknown {
  if (error instanceof IndexDatabaseError) return error
  if (isBusy(error)) return new IndexBusyError(index.path, index.busyTimeoutMs, { cause: error })
  if (isCorrupt(error)) {
    markDamaged(index.path, (error as SqlError).message)
    return new IndexCorruptError(index.path, doing, { cause: error as SqlError })
  }
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
  // Who else has it open, and who had it open and is gone, before this process says it has.
  const others = otherMarkers(path)
  const release = holdMarker(path)
  let rebuilt = false
  try {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const inode = inodeOf(path)
      const damaged = inode === null ? null : damageFound(path, inode)
      if (damaged !== null) {
        removeDatabaseFiles(path)
        rebuilt = true
        options.onRebuilt?.({ kind: 'corrupt', message: `${path} was found damaged while in use (${damaged}); rebuilding the index` })
        continue
      }
      // Only a file no one else has open is whole on disk: then its header must match its size.
      const short = inode !== null && others.live === 0 ? shorterThanItsHeader(path) : null
      let sql: SqlDatabase
      try {
        sql = driver.open(path, { busyTimeoutMs })
      } catch (error) {
        throw indexError(described, error, 'open')
      }
      let verdict: Verdict
      try {
        verdict =
          short === null
            ? judge(sql, path, others.gone.length > 0 && inode !== null ? (options.onCheck ?? (() => {})) : null)
            : { usable: false, reason: { kind: 'corrupt', message: `${path} is damaged (${short}); rebuilding the index` } }
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
        // The file was checked (or made anew): the markers of the processes that left it go.
        for (const marker of others.gone) if (marker !== markerOf(path, process.pid)) rmSync(marker, { force: true })
        let closed = false
        const close = () => {
          if (closed) return
          closed = true
          sql.close()
          release()
        }
        return { path, sql, busyTimeoutMs, close }
      }
      sql.close()
      // Another process may have rebuilt the file since this one judged it: its fresh database stays.
      if (inodeOf(path) !== inode) continue
      removeDatabaseFiles(path)
      rebuilt = true
      options.onRebuilt?.(verdict.reason)
    }
  } catch (error) {
    release()
    throw error
  }
  release()
  throw new IndexDatabaseError(
    `Could not open the session index ${path}: it was still unusable after ${MAX_ATTEMPTS} attempts to rebuild it`,
  )
}

/**
 * Sets the connection up and judges the database: usable when it is this version's (creating the
 * schema in a database that has none yet), else why it must be rebuilt. Throws what SQLite threw.
 */
function judge(sql: SqlDatabase, path: string, onCheck: (() => void) | null): Verdict {
  const mode = sql.pragma('journal_mode = WAL')[0]?.journal_mode
  if (mode !== 'wal') throw new IndexDatabaseError(`${path} could not be put in WAL mode (it is in ${String(mode)} mode)`)
  sql.pragma('synchronous = NORMAL')
  sql.pragma('foreign_keys = ON')
  // A search reads pages all over the file (the texts of its matches): 32 MiB of cache, not 2.
  sql.pragma(`cache_size = -${CACHE_KIB}`)
  const rebuild = (kind: RebuildKind, what: string): Verdict => ({
    usable: false,
    reason: { kind, message: `${path} ${what}; rebuilding the index` },
  })
  if (onCheck) {
    onCheck()
    const check = sql.pragma('quick_check').map((row) => String(row.quick_check))
    if (check.length !== 1 || check[0] !== 'ok') return rebuild('corrupt', `failed its integrity check (${check.slice(0, 3).join('; ')})`)
  }
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

// The markers of the processes that have the database open: index.sqlite.<pid>.open, holding the
// process's start (process-identity.ts), so a later holder of the pid is not taken for it. One
// process's connections share its marker, made by the first open and removed by the last close.
const MARKER = /^(.*)\.(\d+)\.open$/
const held = new Map<string, number>()

const markerOf = (path: string, pid: number) => `${path}.${pid}.open`

function holdMarker(path: string): () => void {
  const marker = markerOf(path, process.pid)
  const count = held.get(marker) ?? 0
  if (count === 0) {
    try {
      writeFileSync(marker, OWN_START ?? '')
    } catch {
      // A folder it cannot write: opening the database says why (and a crash goes unnoticed).
      return () => {}
    }
  }
  held.set(marker, count + 1)
  let released = false
  return () => {
    if (released) return
    released = true
    const left = (held.get(marker) ?? 1) - 1
    if (left > 0) held.set(marker, left)
    else {
      held.delete(marker)
      rmSync(marker, { force: true })
    }
  }
}

/** The other processes' markers beside the database: how many are alive, and the files of those gone. */
function otherMarkers(path: string): { live: number; gone: string[] } {
  const name = basename(path)
  const result = { live: 0, gone: [] as string[] }
  let entries: string[]
  try {
    entries = readdirSync(dirname(path))
  } catch {
    return result
  }
  for (const entry of entries) {
    const match = MARKER.exec(entry)
    if (!match || match[1] !== name) continue
    const pid = Number(match[2])
    if (pid === process.pid && held.has(markerOf(path, pid))) continue
    const marker = join(dirname(path), entry)
    let start: string
    try {
      start = readFileSync(marker, 'utf8').trim()
    } catch {
      continue // removed by its process as this one looked
    }
    if (processAlive(pid, start)) result.live++
    else result.gone.push(marker)
  }
  return result
}

/** Whether the process that wrote a marker still runs: its pid exists and, where known, started when the marker says. */
function processAlive(pid: number, start: string): boolean {
  if (pid === process.pid) return start !== '' && start === OWN_START
  try {
    process.kill(pid, 0)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  if (start === '') return true
  const now = processStart(pid)
  return now === null || now === start
}

/** The mark a read or write that found the file damaged leaves, for the next open. */
const damagedMarker = (path: string) => `${path}.damaged`

function markDamaged(path: string, what: string): void {
  const inode = inodeOf(path)
  if (inode === null) return
  try {
    writeFileSync(damagedMarker(path), JSON.stringify({ inode, what }))
  } catch {
    // The folder cannot be written: the next open's checks are all there is.
  }
}

/** What was found wrong with the file of this inode while in use; null when nothing (a mark left for an older file goes). */
function damageFound(path: string, inode: number): string | null {
  let mark: { inode?: unknown; what?: unknown }
  try {
    mark = JSON.parse(readFileSync(damagedMarker(path), 'utf8')) as typeof mark
  } catch {
    return null
  }
  rmSync(damagedMarker(path), { force: true })
  return mark.inode === inode ? String(mark.what) : null
}

/**
 * Why a closed database file is damaged, read from its header alone: it is shorter than the page
 * count its header gives (when that count is valid). Null when it is not, or for SQLite to judge.
 */
function shorterThanItsHeader(path: string): string | null {
  const header = Buffer.alloc(100)
  let size: number
  try {
    const fd = openSync(path, 'r')
    try {
      size = statSync(path).size
      if (readSync(fd, header, 0, 100, 0) < 100) return null
    } finally {
      closeSync(fd)
    }
  } catch {
    return null
  }
  if (header.toString('latin1', 0, 16) !== 'SQLite format 3\0') return null
  // A log beside the file may hold pages the file does not have yet.
  if ((statOrNull(`${path}-wal`)?.size ?? 0) > 0) return null
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16)
  const pages = header.readUInt32BE(28)
  const valid = header.readUInt32BE(24) === header.readUInt32BE(92)
  if (!valid || pages === 0 || pageSize < 512) return null
  return size < pages * pageSize ? `it holds ${size} bytes, its header says ${pages * pageSize}` : null
}

function statOrNull(path: string): { size: number } | null {
  try {
    return statSync(path)
  } catch {
    return null
  }
}
