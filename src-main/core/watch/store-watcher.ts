import { stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { type FSWatcher, watch } from 'chokidar'
import type { FormatModule } from '../formats/format'
import { formatModule } from '../formats/registry'
import type { Store } from '../../../src-shared/model'
import { ARCHIVE_DIR, segmentsBelow, unreadableReason } from '../scan'
import type { RawFsEvent } from './coalesce'

export interface StoreWatcherOptions {
  /** Also report sessions in .archive/ folders. */
  archived: boolean
  /** A session file of the store was added, changed or removed (the kind is what a stat said then). */
  onEvent: (event: RawFsEvent) => void
  /**
   * A folder below the root appeared or went away. Its files came or went with it and no file
   * event will tell: the listener must look at the folder itself.
   */
  onFolder: (dir: string) => void
  onError?: (error: Error) => void
}

// chokidar sets up a new folder's own watch a moment after it reports the folder; a file
// written into it in between has no event of its own, so the folder is looked at once more.
const FOLDER_SECOND_LOOK_MS = 1000

/**
 * Whether a folder below the root may hold session files, so chokidar should watch it: any folder
 * up to `depth` levels deep whose names are visible, where archived sessions count also the
 * .archive folders (formats keep them at different levels: ao-rs beside each project, Claude Code
 * inside each project, Gemini inside each chats/ folder). A few folders more than strictly needed
 * cost one OS watch each; a folder missed would hide its sessions' changes.
 */
export function isWatchedFolder(root: string, dir: string, depth: number, archived: boolean): boolean {
  if (resolve(dir) === resolve(root)) return true
  const parts = segmentsBelow(root, dir)
  if (!parts || parts.length > depth) return false
  return parts.every((part) => !part.startsWith('.') || (archived && part === ARCHIVE_DIR))
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // Anything but "not there" leaves the file to the index, which will say what is wrong with it.
    return code !== 'ENOENT' && code !== 'ENOTDIR'
  }
}

/**
 * Watches one store's folders (never its files) with chokidar and reports its session files'
 * events. A per-file watch costs an OS watch handle per session, which a store of tens of
 * thousands of sessions would exhaust; a folder's watch already reports its files by name,
 * through chokidar's "raw" event. chokidar is still what follows the folder tree: depth,
 * folders created or removed after the start, symbolic links.
 */
export class StoreWatcher {
  private readonly adapter: FormatModule
  private watcher: FSWatcher | null = null
  private closed = false
  // Raw events are turned into kinds one after another, so a stat for an earlier event can
  // never overtake a later one and report the two in the wrong order.
  private queue: Promise<void> = Promise.resolve()
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(
    readonly store: Store,
    private readonly options: StoreWatcherOptions,
  ) {
    this.adapter = formatModule(store.format)
  }

  /** Resolves once the folders are watched: a change made after that is reported. */
  async start(): Promise<void> {
    if (this.watcher) throw new Error('StoreWatcher.start called twice')
    const { root } = this.store
    const depth = this.adapter.watchDepth
    const watcher = watch(root, {
      ignoreInitial: true,
      depth,
      usePolling: false,
      // chokidar's atomic mode only pairs up its own file events, which this watcher does not
      // use; off, it also stops hiding folders whose names look like editor swap files.
      atomic: false,
      followSymlinks: true,
      // A folder the user cannot read is reported by the scans as a problem; the reconciliation
      // scans find what it holds once it can be read.
      ignorePermissionErrors: true,
      ignored: (path, stats) => {
        if (stats && !stats.isDirectory() && !stats.isSymbolicLink()) return true
        return !isWatchedFolder(root, path, depth, this.options.archived)
      },
    })
    this.watcher = watcher
    watcher.on('raw', (event, name, details) => {
      const dir = (details as { watchedPath?: unknown } | undefined)?.watchedPath
      if (typeof dir !== 'string' || !name) return
      this.raw(event === 'change' ? 'change' : 'rename', join(dir, name))
    })
    watcher.on('addDir', (dir) => this.folder(dir, true))
    watcher.on('unlinkDir', (dir) => this.folder(dir, false))
    watcher.on('error', (error) => {
      // Unreadable entries (a symbolic link loop, a folder without permission) are problems the
      // scans report; they are no failure of the watcher.
      if (unreadableReason(error) !== null) return
      this.options.onError?.(error instanceof Error ? error : new Error(String(error)))
    })
    await new Promise<void>((ready) => watcher.once('ready', ready))
  }

  async close(): Promise<void> {
    this.closed = true
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    await this.watcher?.close()
    await this.queue
  }

  private raw(kind: 'change' | 'rename', path: string): void {
    const verdict = this.adapter.classify(this.store.root, path)
    if (!verdict || (verdict.archived && !this.options.archived) || this.closed) return
    this.queue = this.queue
      .then(async () => {
        // fs.watch says "rename" both when a name appears and when it goes; only a stat can tell.
        const resolved = kind === 'change' ? 'change' : (await isFile(path)) ? 'add' : 'unlink'
        if (!this.closed) this.options.onEvent({ kind: resolved, path })
      })
      .catch((error: unknown) => this.options.onError?.(error instanceof Error ? error : new Error(String(error))))
  }

  private folder(dir: string, appeared: boolean): void {
    if (this.closed) return
    this.options.onFolder(dir)
    if (!appeared) return
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      if (!this.closed) this.options.onFolder(dir)
    }, FOLDER_SECOND_LOOK_MS)
    this.timers.add(timer)
  }
}
