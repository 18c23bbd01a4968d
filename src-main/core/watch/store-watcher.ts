import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { FormatModule } from '../formats/format'
import { formatModule } from '../formats/registry'
import type { Store } from '../../../src-shared/model'
import { ARCHIVE_DIR, segmentsBelow } from '../scan'
import { ChokidarWatches } from './chokidar-watches'
import type { RawFsEvent } from './coalesce'
import { FolderWatches, type FolderWatchesOptions } from './folder-watches'

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
  /**
   * What makes the folder watches: "folders" (FolderWatches, the default) or "chokidar" (what
   * "folders" falls back to when it cannot start; the bench compares the two).
   */
  engine?: WatchEngine
}

export type WatchEngine = 'folders' | 'chokidar'

/**
 * Whether a folder below the root may hold session files, so it is watched: any folder
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
 * Watches one store's folders (never its files) and reports its session files' events. A
 * per-file watch costs an OS watch handle per session, which a store of tens of thousands of
 * sessions would exhaust; a folder's watch already reports its files by name. The folders are
 * those isWatchedFolder accepts at the format's watchDepth, followed as they come and go.
 */
export class StoreWatcher {
  private readonly adapter: FormatModule
  private watches: FolderWatches | ChokidarWatches | null = null
  private closed = false
  // Raw events are turned into kinds one after another, so a stat for an earlier event can
  // never overtake a later one and report the two in the wrong order.
  private queue: Promise<void> = Promise.resolve()

  constructor(
    readonly store: Store,
    private readonly options: StoreWatcherOptions,
  ) {
    this.adapter = formatModule(store.format)
  }

  /** Resolves once the folders are watched: a change made after that is reported. */
  async start(): Promise<void> {
    if (this.watches) throw new Error('StoreWatcher.start called twice')
    const { root } = this.store
    const depth = this.adapter.watchDepth
    const report = (error: Error) => this.options.onError?.(error)
    const hooks: FolderWatchesOptions = {
      watched: (dir) => isWatchedFolder(root, dir, depth, this.options.archived),
      onName: (kind, path) => this.raw(kind, path),
      onFolder: (dir) => {
        if (!this.closed) this.options.onFolder(dir)
      },
      onError: report,
    }
    if (this.options.engine !== 'chokidar') {
      const folders = new FolderWatches(root, hooks)
      this.watches = folders
      try {
        await folders.start()
        return
      } catch (error) {
        folders.close()
        // Said, not thrown: chokidar watches the same folders, only at a higher cost at the start.
        report(new Error(`watching ${root} with fs.watch failed (${describe(error)}); chokidar watches it instead`))
      }
    }
    const chokidar = new ChokidarWatches(root, depth, hooks)
    this.watches = chokidar
    await chokidar.start()
  }

  async close(): Promise<void> {
    this.closed = true
    await this.watches?.close()
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
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const message = error instanceof Error ? error.message : String(error)
  return code ? `${code}: ${message}` : message
}
