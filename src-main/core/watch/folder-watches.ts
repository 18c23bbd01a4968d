import { type Dirent, type FSWatcher, watch } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { basename, join, sep } from 'node:path'
import { unreadableReason } from '../scan'

export interface FolderWatchesOptions {
  /** Whether a folder (the root included) may hold session files, so it is watched. */
  watched: (dir: string) => boolean
  /** A name in a watched folder was written to ("change") or appeared or went ("rename"). */
  onName: (kind: 'change' | 'rename', path: string) => void
  /** A watched folder appeared after the start, or went away. */
  onFolder: (dir: string) => void
  onError: (error: Error) => void
}

const isGone = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

/**
 * One non-recursive `fs.watch` per folder that may hold sessions, found by reading folder names
 * only: no file is stat'ed at the start (the listing's own scan stamps them), so a store of
 * 50k files costs the readdir of its few hundred folders, not the stat of every entry that
 * chokidar's walk does. A watch reports its files by name, and its subfolders' names too: a
 * folder that appears later is watched before it is read (nothing written into it in between
 * is missed) and announced with every folder below it; one that goes is dropped with its
 * subtree. A folder reached twice (a symbolic link to a folder already watched, a loop) is
 * watched once, under the first path it was found at.
 */
export class FolderWatches {
  private readonly watches = new Map<string, { watcher: FSWatcher; identity: string }>()
  // Which path each watched folder (device and inode) is watched under.
  private readonly identities = new Map<string, string>()
  private readonly failures = new Set<string>()
  private closed = false

  constructor(
    private readonly root: string,
    private readonly options: FolderWatchesOptions,
  ) {}

  /** Resolves once every folder is watched; a root that cannot be watched rejects. */
  async start(): Promise<void> {
    await this.add(this.root, false, true)
  }

  close(): void {
    this.closed = true
    for (const { watcher } of this.watches.values()) watcher.close()
    this.watches.clear()
    this.identities.clear()
  }

  /** How many folders are watched (for tests and the bench). */
  get size(): number {
    return this.watches.size
  }

  /** Watches `dir` and the folders below it; `announce` tells onFolder of each one newly watched. */
  private async add(dir: string, announce: boolean, isRoot = false): Promise<void> {
    if (this.closed || this.watches.has(dir) || !this.options.watched(dir)) return
    let identity: string
    try {
      const stats = await stat(dir)
      if (!stats.isDirectory()) return
      identity = `${stats.dev}:${stats.ino}`
    } catch (error) {
      if (isRoot && !isGone(error) && unreadableReason(error) === null) throw error
      // A folder gone or unreadable: the scans report what they cannot read.
      return
    }
    const holder = this.identities.get(identity)
    if (holder !== undefined && holder !== dir) {
      // A folder renamed within the store is seen at its new name, maybe before its old name is
      // seen gone: only a folder still there under the other name is a second way to it.
      if (await isFolder(holder, identity)) return
      if (this.drop(holder)) this.options.onFolder(holder)
    }
    if (this.closed || this.watches.has(dir) || this.identities.has(identity)) return
    let watcher: FSWatcher
    try {
      watcher = watch(dir, { persistent: true }, (kind, name) => {
        if (name !== null) this.event(dir, kind === 'change' ? 'change' : 'rename', name.toString())
      })
    } catch (error) {
      if (isRoot && !isGone(error)) throw error
      if (!isGone(error) && unreadableReason(error) === null) this.unwatched(dir, error)
      return
    }
    watcher.on('error', (error) => {
      // The folder went away under its watch: its parent's event (or the check below) tells.
      this.drop(dir)
      if (!isGone(error) && unreadableReason(error) === null) this.options.onError(asError(error))
    })
    this.watches.set(dir, { watcher, identity })
    this.identities.set(identity, dir)
    if (announce) this.options.onFolder(dir)
    let entries: Dirent[] = []
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch (error) {
      if (!isGone(error) && unreadableReason(error) === null) this.options.onError(asError(error))
    }
    const below = (links: boolean) =>
      entries
        .filter((entry) => (links ? entry.isSymbolicLink() : entry.isDirectory()))
        .map((entry) => join(dir, entry.name))
        .filter((path) => this.options.watched(path))
    // A folder's subfolders all at once (libuv's pool reads four together); its symbolic links
    // after them, so a folder linked from beside itself is watched under its own name.
    await Promise.all(below(false).map((path) => this.add(path, announce)))
    await Promise.all(below(true).map((path) => this.add(path, announce)))
  }

  /**
   * A folder that could not be watched (out of inotify watches: ENOSPC, out of descriptors) is
   * said once per cause, not once per folder: its changes reach the index through the periodic
   * reconciliation instead.
   */
  private unwatched(dir: string, error: unknown): void {
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'other'
    if (this.failures.has(code)) return
    this.failures.add(code)
    const why = error instanceof Error ? error.message : String(error)
    this.options.onError(new Error(`cannot watch ${dir} (${why}); its changes are found by the periodic reconciliation`))
  }

  /** Stops watching `dir` and every folder below it; true if it was watched. */
  private drop(dir: string): boolean {
    let dropped = false
    for (const [path, { watcher, identity }] of this.watches) {
      if (path !== dir && !path.startsWith(dir + sep)) continue
      watcher.close()
      this.watches.delete(path)
      this.identities.delete(identity)
      dropped = true
    }
    return dropped
  }

  private event(dir: string, kind: 'change' | 'rename', name: string): void {
    if (this.closed) return
    const path = join(dir, name)
    this.options.onName(kind, path)
    if (kind !== 'rename') return
    void this.settle(path).catch((error: unknown) => this.options.onError(asError(error)))
    // inotify tells a watched folder's own removal on its own watch, by the folder's name.
    if (name === basename(dir) && dir !== this.root) void this.settle(dir).catch((error: unknown) => this.options.onError(asError(error)))
  }

  /** A name that appeared or went: if it is a folder to watch, watch it or drop it. */
  private async settle(path: string): Promise<void> {
    if (!this.options.watched(path)) return
    let identity: string | null = null
    try {
      const stats = await stat(path)
      if (stats.isDirectory()) identity = `${stats.dev}:${stats.ino}`
    } catch (error) {
      if (!isGone(error) && unreadableReason(error) === null) throw error
    }
    if (this.closed) return
    // A folder removed and made again under the same name is a new folder: its old watch is dead.
    const known = this.watches.get(path)
    if (known && known.identity !== identity && this.drop(path) && identity === null) this.options.onFolder(path)
    if (identity !== null) await this.add(path, true)
  }
}

async function isFolder(path: string, identity: string): Promise<boolean> {
  try {
    const stats = await stat(path)
    return stats.isDirectory() && `${stats.dev}:${stats.ino}` === identity
  } catch {
    return false
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}
