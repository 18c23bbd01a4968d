import { join } from 'node:path'
import { type FSWatcher, watch } from 'chokidar'
import { unreadableReason } from '../scan'
import type { FolderWatchesOptions } from './folder-watches'

// chokidar sets up a new folder's own watch a moment after it reports the folder; a file
// written into it in between has no event of its own, so the folder is looked at once more.
const FOLDER_SECOND_LOOK_MS = 1000

/**
 * The same folder watches made by chokidar: the fallback when FolderWatches cannot start. Its walk
 * at the start stats every entry of the tree (files too, before ignoring them), which costs
 * seconds and a few hundred MB on a store of 50k files (scripts/bench/watchers.ts).
 */
export class ChokidarWatches {
  private watcher: FSWatcher | null = null
  private closed = false
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(
    private readonly root: string,
    private readonly depth: number,
    private readonly options: FolderWatchesOptions,
  ) {}

  async start(): Promise<void> {
    const watcher = watch(this.root, {
      ignoreInitial: true,
      depth: this.depth,
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
        return !this.options.watched(path)
      },
    })
    this.watcher = watcher
    watcher.on('raw', (event, name, details) => {
      const dir = (details as { watchedPath?: unknown } | undefined)?.watchedPath
      if (typeof dir !== 'string' || !name) return
      this.options.onName(event === 'change' ? 'change' : 'rename', join(dir, name))
    })
    watcher.on('addDir', (dir) => this.folder(dir, true))
    watcher.on('unlinkDir', (dir) => this.folder(dir, false))
    watcher.on('error', (error) => {
      // Unreadable entries (a symbolic link loop, a folder without permission) are problems the
      // scans report; they are no failure of the watcher.
      if (unreadableReason(error) !== null) return
      this.options.onError(error instanceof Error ? error : new Error(String(error)))
    })
    await new Promise<void>((ready) => watcher.once('ready', ready))
  }

  async close(): Promise<void> {
    this.closed = true
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    await this.watcher?.close()
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
