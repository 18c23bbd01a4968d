import { createHash } from 'node:crypto'
import { open, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { ARCHIVE_DIR } from '../../scan'
import { isRecord } from '../../shape'
import { mapLimit } from '../../concurrency'
import type { FileNotes, FileStamp } from '../format'
import { fileKind, isAgentName, isLogName } from './layout'

// A `summary` line titles the conversation whose leaf line has uuid == leafUuid, and that leaf is
// in ANOTHER file of the same project folder (docs/formats/claude-code.md#summary-lines-from-sibling-files). Summaries sit near the top of the
// later session's file, so a bounded head of each sibling is read, and remembered per file.

/** How much of each sibling is searched for summary lines. */
export const SUMMARY_HEAD_BYTES = 256 * 1024

/** How long one folder's map serves every session of the folder before the folder is looked at again. */
const FOLDER_TTL_MS = 2_000

export interface SiblingSummaries {
  byLeaf: ReadonlyMap<string, string>
  /** Changes whenever byLeaf does; a fold state remembers the version it matched against. */
  version: string
}

export const NO_SUMMARIES: SiblingSummaries = { byLeaf: new Map(), version: '' }

interface HeadEntry {
  size: number
  mtimeMs: number
  summaries: Array<[string, string]>
}

interface FolderEntry {
  at: number
  stamp: string
  map: Promise<SiblingSummaries>
}

class Lru<V> {
  private readonly entries = new Map<string, V>()
  constructor(private readonly capacity: number) {}
  get(key: string): V | undefined {
    const value = this.entries.get(key)
    if (value !== undefined) {
      this.entries.delete(key)
      this.entries.set(key, value)
    }
    return value
  }
  set(key: string, value: V): void {
    this.entries.delete(key)
    this.entries.set(key, value)
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value
      if (oldest === undefined) break
      this.entries.delete(oldest)
    }
  }
}

// One small entry per log (most hold no summary): enough for a 50k-session store, so a folder map
// renewed after its time is up costs stats, not head reads.
const heads = new Lru<HeadEntry>(65_536)
const LEAF_KEY = Buffer.from('"leafUuid"')
/** Sibling heads read at once. */
const HEAD_READS = 32
const folders = new Lru<FolderEntry>(256)

/** Most heads hold no summary: they share one empty list. */
const NONE: Array<[string, string]> = []
/** A head that could not be read: nothing is known, so nothing is kept. */
const UNREAD: Array<[string, string]> = []

/**
 * The summary lines found in a log's head, kept in the index with the log's stamp (as JSON pairs
 * of leaf uuid and summary), so that after a start a folder's map is built from stats, not from
 * reading every sibling's head again.
 */
export const headNotes: FileNotes = {
  save(path, { size, mtimeMs }) {
    const entry = heads.get(path)
    if (!entry || entry.size !== size || entry.mtimeMs !== mtimeMs || entry.summaries === UNREAD) return null
    return JSON.stringify(entry.summaries)
  },
  restore(path, { size, mtimeMs }, note) {
    const known = heads.get(path)
    if (known && known.size === size && known.mtimeMs === mtimeMs) return
    // Nearly every log's note: put back at start for every row, so not parsed.
    if (note === '[]') {
      heads.set(path, { size, mtimeMs, summaries: NONE })
      return
    }
    let summaries: Array<[string, string]>
    try {
      const value: unknown = JSON.parse(note)
      if (!Array.isArray(value)) return
      summaries = value.filter(
        (pair): pair is [string, string] => Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string',
      )
    } catch {
      // Unreadable: the head is read again, which is always right.
      return
    }
    heads.set(path, { size, mtimeMs, summaries: summaries.length === 0 ? NONE : summaries })
  },
  dependents(path, before, after) {
    // A note not kept counts as no summary line: a new log with none changes nobody's title.
    if ((before ?? '[]') === (after ?? '[]')) return null
    const where = fileKind(path)
    if (where.kind === 'agent') return null
    return (other) => {
      const theirs = fileKind(other)
      return theirs.kind !== 'agent' && theirs.projectDir === where.projectDir
    }
  },
}

/** The summary lines in the head of a log of `size` bytes (its folder's listing just stat'ed it). */
async function summariesInHead(path: string, size: number): Promise<Array<[string, string]>> {
  const handle = await open(path, 'r')
  try {
    // Not zero-filled: only the bytes read are looked at.
    const buffer = Buffer.allocUnsafe(Math.min(SUMMARY_HEAD_BYTES, size))
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    // Most heads hold no summary at all: they are not decoded.
    if (buffer.subarray(0, bytesRead).indexOf(LEAF_KEY) < 0) return NONE
    const lines = buffer.subarray(0, bytesRead).toString('utf8').split('\n')
    // A full head ends inside a line.
    if (bytesRead === SUMMARY_HEAD_BYTES && size > SUMMARY_HEAD_BYTES) lines.pop()
    const found: Array<[string, string]> = []
    for (const line of lines) {
      if (!line.includes('"leafUuid"')) continue
      try {
        const value: unknown = JSON.parse(line)
        if (
          isRecord(value) &&
          value.type === 'summary' &&
          typeof value.leafUuid === 'string' &&
          typeof value.summary === 'string' &&
          value.summary.trim() !== ''
        ) {
          found.push([value.leafUuid, value.summary])
        }
      } catch {
        // A bad line is the session reader's business.
      }
    }
    return found.length === 0 ? NONE : found
  } finally {
    await handle.close()
  }
}

async function buildMap(projectDir: string): Promise<SiblingSummaries> {
  const paths: string[] = []
  for (const dir of [projectDir, join(projectDir, ARCHIVE_DIR)]) {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (isLogName(name) && !isAgentName(name)) paths.push(join(dir, name))
    }
  }
  // In parallel: the first session of a folder a watcher reports waits for every sibling's head.
  const found = await mapLimit(paths, HEAD_READS, async (path) => {
    const info = await stat(path).catch(() => null)
    if (!info?.isFile() || info.size === 0) return null
    let entry = heads.get(path)
    if (!entry || entry.size !== info.size || entry.mtimeMs !== info.mtimeMs) {
      const summaries = await summariesInHead(path, info.size).catch(() => UNREAD)
      entry = { size: info.size, mtimeMs: info.mtimeMs, summaries }
      heads.set(path, entry)
    }
    return { path, entry }
  })
  const files = found.filter((file): file is { path: string; entry: HeadEntry } => file !== null)
  // Oldest first, so the newest summary of a leaf wins.
  files.sort((a, b) => a.entry.mtimeMs - b.entry.mtimeMs || a.path.localeCompare(b.path))
  const byLeaf = new Map<string, string>()
  for (const { entry } of files) for (const [leaf, summary] of entry.summaries) byLeaf.set(leaf, summary)
  if (byLeaf.size === 0) return NO_SUMMARIES
  const hash = createHash('sha1')
  for (const [leaf, summary] of [...byLeaf].sort(([a], [b]) => a.localeCompare(b))) hash.update(`${leaf}\0${summary}\0`)
  return { byLeaf, version: hash.digest('hex') }
}

async function folderStamp(projectDir: string): Promise<string> {
  const times = await Promise.all(
    [projectDir, join(projectDir, ARCHIVE_DIR)].map(async (dir) => (await stat(dir).catch(() => null))?.mtimeMs ?? 0),
  )
  return times.join(':')
}

/**
 * The summaries of a project folder's session files (active and archived), by leaf uuid. One map
 * serves all the folder's sessions for a moment, so listing a folder of N sessions does not read
 * the folder N times; a file added or removed renews it at once, and so does a read of a log
 * (`reading`) whose head the map knows at another stamp (a summary line just written there).
 */
export async function siblingSummaries(
  projectDir: string,
  reading?: FileStamp & { path: string },
  now = Date.now(),
): Promise<SiblingSummaries> {
  const stamp = await folderStamp(projectDir)
  const cached = folders.get(projectDir)
  if (cached && cached.stamp === stamp && now - cached.at < FOLDER_TTL_MS && (await knowsHead(cached, reading))) return cached.map
  const map = buildMap(projectDir)
  folders.set(projectDir, { at: now, stamp, map })
  map.catch(() => undefined)
  return map
}

async function knowsHead(folder: FolderEntry, reading: (FileStamp & { path: string }) | undefined): Promise<boolean> {
  if (!reading) return true
  await folder.map.catch(() => undefined)
  const entry = heads.get(reading.path)
  return entry !== undefined && entry.size === reading.size && entry.mtimeMs === reading.mtimeMs
}
