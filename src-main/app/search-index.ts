import { IndexCorruptError, type IndexDatabase, openIndexDatabase } from '../core/index-db/index-database'
import { type IndexProgress, updateIndex, updateIndexPaths } from '../core/index-db/indexer'
import { parseSearchQuery } from '../core/search/query'
import { type SearchOutcome, searchIndex } from '../core/search/search'
import type { Store } from '../../src-shared/model'

/**
 * The service's full-text index: index.sqlite in the data folder, opened at the first search.
 * The first search brings it up to date with a stat-only scan of every store; after that only the
 * paths the live index reported changed are looked at again, so a search while agents write
 * costs a few files, not a scan. A cache of the files: rebuilt when damaged, never needed to read
 * a session. Damage found while in use (IndexCorruptError) closes it; it is opened again, which
 * rebuilds it, and the search runs once more.
 */
export class SearchIndex {
  private db: IndexDatabase | null = null
  /** Whether a whole scan has brought the index up to date since the stores were opened. */
  private scanned = false
  private readonly dirty = new Set<string>()
  private updating: Promise<void> | null = null

  constructor(
    private readonly dataDir: string,
    private readonly onRebuilt: (message: string) => void = () => {},
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
    try {
      await this.bringUpToDate(db, stores)
      return searchIndex(db, text, { stores, ...options })
    } catch (error) {
      if (!(error instanceof IndexCorruptError)) throw error
      // A page found damaged marked the file: opened again, it is rebuilt (onRebuilt says so) and
      // read anew, once; a second failure is the caller's.
      if (this.db === db) {
        this.close()
        this.markStale()
      }
      const again = this.database()
      await this.bringUpToDate(again, stores)
      return searchIndex(again, text, { stores, ...options })
    }
  }

  close(): void {
    this.db?.close()
    this.db = null
  }

  private database(): IndexDatabase {
    this.db ??= openIndexDatabase(this.dataDir, { onRebuilt: (reason) => this.onRebuilt(reason.message) })
    return this.db
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
