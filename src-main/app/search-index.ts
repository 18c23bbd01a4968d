import { IndexCorruptError, type IndexDatabase } from '../core/index-db/index-database'
import { updateIndex, updateIndexPaths } from '../core/index-db/indexer'
import { parseSearchQuery } from '../core/search/query'
import { type SearchOutcome, searchIndex } from '../core/search/search'
import type { Store } from '../../src-shared/model'
import type { IndexProgressObserver } from './index-progress'

/**
 * The service's full-text index: index.sqlite in the data folder, on the connection the service
 * shares with the listing.
 * The first search brings it up to date with a stat-only scan of every store; after that only the
 * paths the live index reported changed are looked at again, so a search while agents write
 * costs a few files, not a scan. A cache of the files: rebuilt when damaged, never needed to read
 * a session. The long-lived app warms it up at start (`warmUp`), so search is ready sooner and
 * the user sees the build's progress. Damage found while in use (IndexCorruptError) has the
 * connection opened again, which rebuilds the file, and the search runs once more.
 */
export class SearchIndex {
  /** Whether a whole scan has brought the index up to date since the stores were opened. */
  private scanned = false
  private readonly dirty = new Set<string>()
  private updating: Promise<void> | null = null
  /** Counts the markStale calls: a warm-up over stores since replaced stops. */
  private generation = 0
  private closed = false

  constructor(
    /** The service's shared connection; throws when there is none to be had. */
    private readonly database: () => IndexDatabase,
    /** Closes the shared connection, so that the next use opens (and rebuilds) the file. */
    private readonly reconnect: () => void,
    private readonly progress?: IndexProgressObserver,
  ) {}

  /** The stores changed (or anything may have): the next search scans them all. */
  markStale(): void {
    this.scanned = false
    this.dirty.clear()
    this.generation++
  }

  /**
   * Brings the index up to date with these stores in the background, as the first search would.
   * Never rejects: a failure goes to `onError` (the next search tries again), and a close, or new
   * stores, while it runs just end it.
   */
  async warmUp(stores: readonly Store[], onError: (error: Error) => void): Promise<void> {
    const generation = this.generation
    try {
      while (!this.closed && generation === this.generation && !this.scanned) {
        const db = this.database()
        this.updating ??= this.update(db, stores).finally(() => (this.updating = null))
        await this.updating
      }
    } catch (error) {
      if (!this.closed) onError(error instanceof Error ? error : new Error(String(error)))
    }
  }

  /** These files changed: the next search looks at them first. */
  touched(paths: Iterable<string>): void {
    if (!this.scanned) return
    for (const path of paths) this.dirty.add(path)
  }

  async search(
    stores: readonly Store[],
    text: string,
    options: { limit?: number; marks?: readonly [string, string] },
  ): Promise<SearchOutcome> {
    // A query that means nothing is answered before anything is read.
    const parsed = parseSearchQuery(text)
    if (!parsed.ok) return { ok: false, error: parsed.error }
    const db = this.database()
    try {
      await this.bringUpToDate(db, stores)
      return searchIndex(db, text, { stores, ...options })
    } catch (error) {
      if (!(error instanceof IndexCorruptError)) throw error
      // A page found damaged marked the file: opened again, it is rebuilt (the notice says so)
      // and read anew, once; a second failure is the caller's.
      this.reconnect()
      this.markStale()
      const again = this.database()
      await this.bringUpToDate(again, stores)
      return searchIndex(again, text, { stores, ...options })
    }
  }

  /** Stops a warm-up under way (the connection is the service's to close). */
  close(): void {
    this.closed = true
  }

  private async bringUpToDate(db: IndexDatabase, stores: readonly Store[]): Promise<void> {
    // An update under way (the warm-up's scan, say) counts as not up to date: `scanned` is set as
    // a scan begins, so that what changes meanwhile is marked dirty.
    while (!this.scanned || this.dirty.size > 0 || this.updating) {
      this.updating ??= this.update(db, stores).finally(() => (this.updating = null))
      await this.updating
    }
  }

  private async update(db: IndexDatabase, stores: readonly Store[]): Promise<void> {
    const progress = this.progress
    if (!progress) return this.read(db, stores, {})
    progress.begin()
    try {
      await this.read(db, stores, { onProgress: (counts) => progress.progress(counts) })
    } finally {
      progress.end()
    }
  }

  private async read(db: IndexDatabase, stores: readonly Store[], options: Parameters<typeof updateIndex>[2]): Promise<void> {
    if (!this.scanned) {
      this.dirty.clear()
      this.scanned = true
      try {
        await updateIndex(db, stores, options)
      } catch (error) {
        this.scanned = false
        throw error
      }
      return
    }
    const paths = [...this.dirty]
    this.dirty.clear()
    try {
      await updateIndexPaths(db, stores, paths, options)
    } catch (error) {
      for (const path of paths) this.dirty.add(path)
      throw error
    }
  }
}
