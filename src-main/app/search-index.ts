import type { IndexDatabase } from '../core/index-db/index-database'
import { type IndexProgress, updateIndex, updateIndexPaths } from '../core/index-db/indexer'
import { parseSearchQuery } from '../core/search/query'
import { type SearchOutcome, searchIndex } from '../core/search/search'
import type { Store } from '../../src-shared/model'

/**
 * The service's full-text index: index.sqlite in the data folder (the connection the service
 * shares with the listing), whose texts the first search brings up to date.
 * The first search brings it up to date with a stat-only scan of every store; after that only the
 * paths the live index reported changed are looked at again, so a search while agents write
 * costs a few files, not a scan. A cache of the files: rebuilt when damaged, never needed to read
 * a session.
 */
export class SearchIndex {
  /** Whether a whole scan has brought the index up to date since the stores were opened. */
  private scanned = false
  private readonly dirty = new Set<string>()
  private updating: Promise<void> | null = null

  constructor(
    /** The shared connection; throws when there is none to be had. */
    private readonly database: () => IndexDatabase,
    private readonly onProgress?: (progress: IndexProgress) => void,
  ) {}

  /** The stores changed (or anything may have): the next search scans them all. */
  markStale(): void {
    this.scanned = false
    this.dirty.clear()
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
    await this.bringUpToDate(db, stores)
    return searchIndex(db, text, { stores, ...options })
  }

  private async bringUpToDate(db: IndexDatabase, stores: readonly Store[]): Promise<void> {
    while (!this.scanned || this.dirty.size > 0) {
      this.updating ??= this.update(db, stores).finally(() => (this.updating = null))
      await this.updating
    }
  }

  private async update(db: IndexDatabase, stores: readonly Store[]): Promise<void> {
    const options = this.onProgress ? { onProgress: this.onProgress } : {}
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
