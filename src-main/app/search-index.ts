import { type IndexDatabase, openIndexDatabase } from '../core/index-db/index-database'
import { type IndexProgress, updateIndex } from '../core/index-db/indexer'
import { parseSearchQuery } from '../core/search/query'
import { type SearchOutcome, searchIndex } from '../core/search/search'
import type { Store } from '../../src-shared/model'

/**
 * The service's full-text index: index.sqlite in the data folder, opened at the first search and
 * brought up to date with the files before a search whenever the files may have changed since
 * (the service marks it stale on every batch of the live index). A cache of the files: it is
 * rebuilt when damaged and never needed to read a session.
 */
export class SearchIndex {
  private db: IndexDatabase | null = null
  private fresh = false
  private updating: Promise<void> | null = null

  constructor(
    private readonly dataDir: string,
    private readonly onRebuilt: (message: string) => void = () => {},
    private readonly onProgress?: (progress: IndexProgress) => void,
  ) {}

  /** The files may have changed: the next search looks at them first. */
  markStale(): void {
    this.fresh = false
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

  close(): void {
    this.db?.close()
    this.db = null
  }

  private database(): IndexDatabase {
    this.db ??= openIndexDatabase(this.dataDir, { onRebuilt: (reason) => this.onRebuilt(reason.message) })
    return this.db
  }

  private async bringUpToDate(db: IndexDatabase, stores: readonly Store[]): Promise<void> {
    while (!this.fresh) {
      this.updating ??= (async () => {
        this.fresh = true
        try {
          await updateIndex(db, stores, this.onProgress ? { onProgress: this.onProgress } : {})
        } catch (error) {
          this.fresh = false
          throw error
        } finally {
          this.updating = null
        }
      })()
      await this.updating
    }
  }
}
