import { AsyncLocalStorage } from 'node:async_hooks'
import { open, readdir, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import type { SessionFile, FormatModule } from './formats/format'
import type { Problem } from '../../src-shared/model'
import { describeFailure } from './unreadable'
import { mapLimit } from './concurrency'

/** Stats in flight at once while scanning a folder. */
const STAT_CONCURRENCY = 32

/** The folder, beside the sessions it holds, where archived sessions go (ao-rs' own convention). */
export const ARCHIVE_DIR = '.archive'

/** The store folder that holds trashed sessions; it mirrors the store's own layout. */
export const TRASH_DIR = '.trash'

export function isTempFile(name: string): boolean {
  return name.endsWith('.tmp')
}

// Folders and entries a scan could not look into, as problems of the scan that met them. Every
// format's scan walks its folders through the helpers below, so carrying the sink in the async
// context reaches them all without each format passing it along.
const unreadableSink = new AsyncLocalStorage<Map<string, string>>()

/**
 * Runs a scan and collects what it could not read (a folder without permission, a symbolic link
 * loop) as problems, instead of failing or skipping it unseen.
 */
export async function scanReportingUnreadable<T>(scan: () => Promise<T>): Promise<{ value: T; problems: Problem[] }> {
  const found = new Map<string, string>()
  const value = await unreadableSink.run(found, scan)
  return { value, problems: [...found].map(([path, reason]) => ({ path, reason })) }
}

/** The reason an entry cannot be looked at, for the errors that mean it is there but unreadable. */
export function unreadableReason(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return code === 'EACCES' || code === 'EPERM' || code === 'ELOOP' ? describeFailure(error) : null
}

/** Tells the running scan about an unreadable entry; false when the error means something else. */
function noteUnreadable(path: string, error: unknown, what: 'folder' | 'entry'): boolean {
  const reason = unreadableReason(error)
  if (reason === null) return false
  const sink = unreadableSink.getStore()
  if (!sink) return true
  // What lies inside an unreadable folder is unreadable for the same reason: report the folder once.
  for (const known of sink.keys()) if (path.startsWith(known + sep)) return true
  sink.set(path, reason === 'permission denied' && what === 'folder' ? 'permission denied: the folder cannot be read' : reason)
  return true
}

async function readdirOrEmpty(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return []
    if (noteUnreadable(dir, error, 'folder')) return []
    throw error
  }
}

/**
 * The regular files directly in `dir` whose names pass `accept`, with their stat data.
 * Hidden files, temp files, sockets, FIFOs and folders are skipped; symlinks count when they
 * point at a regular file.
 */
export async function filesIn(dir: string, accept: (name: string) => boolean, archived: boolean): Promise<SessionFile[]> {
  const entries = await readdirOrEmpty(dir)
  const names = entries.filter(
    (entry) => !entry.name.startsWith('.') && !isTempFile(entry.name) && accept(entry.name) && (entry.isFile() || entry.isSymbolicLink()),
  )
  // Stats in parallel: a warm start is a stat of every file, and one awaited at a time is the
  // disk's latency times the number of sessions.
  const found = await mapLimit(names, STAT_CONCURRENCY, async ({ name }): Promise<SessionFile | null> => {
    const path = join(dir, name)
    try {
      const info = await stat(path)
      return info.isFile() ? { path, archived, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino } : null
    } catch (error) {
      // Otherwise removed between readdir and stat (an agent's rename): not a session any more.
      noteUnreadable(path, error, 'entry')
      return null
    }
  })
  return found.filter((file): file is SessionFile => file !== null)
}

/** The visible sub-folders of `dir`. */
export async function subdirectories(dir: string): Promise<string[]> {
  const entries = await readdirOrEmpty(dir)
  const dirs: string[] = []
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) dirs.push(path)
    else if (entry.isSymbolicLink()) {
      try {
        if ((await stat(path)).isDirectory()) dirs.push(path)
      } catch (error) {
        // Otherwise a dangling link, which points at nothing to list.
        noteUnreadable(path, error, 'entry')
      }
    }
  }
  return dirs
}

/** The first `bytes` bytes of a file as text, for sniffing a format without reading it all. */
export async function readHead(path: string, bytes = 16 * 1024): Promise<string> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0)
    return buffer.subarray(0, bytesRead).toString('utf8')
  } finally {
    await handle.close()
  }
}

/**
 * Sniffs up to `limit` files: 'yes' when one head matches `marker`, 'empty' when there are no
 * files, 'no' otherwise.
 */
export async function sniffFiles(files: SessionFile[], marker: RegExp, limit = 8): Promise<'yes' | 'no' | 'empty'> {
  if (files.length === 0) return 'empty'
  const sample = [...files].sort((a, b) => a.path.localeCompare(b.path)).slice(0, limit)
  for (const file of sample) {
    try {
      if (marker.test(await readHead(file.path))) return 'yes'
    } catch {
      // Unreadable file: try the next one.
    }
  }
  return 'no'
}

/** Sessions kept flat in one folder (Oxios, Astrid), archived ones in its .archive/ sub-folder. */
export async function scanFlatStore(root: string, accept: (name: string) => boolean, includeArchived: boolean): Promise<SessionFile[]> {
  const active = await filesIn(root, accept, false)
  if (!includeArchived) return active
  return [...active, ...(await filesIn(join(root, ARCHIVE_DIR), accept, true))]
}

/** The path's segments below root, or null when it is not below root. */
export function segmentsBelow(root: string, path: string): string[] | null {
  const rel = relative(root, path)
  if (rel === '' || rel.startsWith('..') || rel.includes(`..${sep}`)) return null
  return rel.split(sep)
}

const isVisibleFile = (name: string) => !name.startsWith('.') && !isTempFile(name)

/** classify() for flat stores: <root>/<name> or <root>/.archive/<name>. */
export function classifyFlat(root: string, path: string, accept: (name: string) => boolean): { archived: boolean } | null {
  const parts = segmentsBelow(root, path)
  if (!parts) return null
  const name = parts[parts.length - 1] as string
  if (!isVisibleFile(name) || !accept(name)) return null
  if (parts.length === 1) return { archived: false }
  if (parts.length === 2 && parts[0] === ARCHIVE_DIR) return { archived: true }
  return null
}

/** classify() for stores with a folder per project: <root>/<project>/<name>, <root>/<project>/.archive/<name>. */
export function classifyByProject(root: string, path: string, accept: (name: string) => boolean): { archived: boolean } | null {
  const parts = segmentsBelow(root, path)
  if (!parts || parts.length < 2 || (parts[0] as string).startsWith('.')) return null
  const name = parts[parts.length - 1] as string
  if (!isVisibleFile(name) || !accept(name)) return null
  if (parts.length === 2) return { archived: false }
  if (parts.length === 3 && parts[1] === ARCHIVE_DIR) return { archived: true }
  return null
}

/** The layout half of an adapter for stores kept flat in one folder (Oxios, Astrid). */
export function flatStoreLayout(
  accept: (name: string) => boolean,
  marker: RegExp,
): Pick<FormatModule, 'watchDepth' | 'classify' | 'sniff' | 'scan'> {
  return {
    watchDepth: 1,
    classify: (root, path) => classifyFlat(root, path, accept),
    sniff: async (root) => sniffFiles(await scanFlatStore(root, accept, true), marker),
    scan: (root, options) => scanFlatStore(root, accept, options.archived),
  }
}
