import { type IndexDatabase, openIndexDatabase } from '../core/index-db/index-database'
import { openIndexReadOnly } from '../core/index-db/read-only-index'
import { describeFailure } from '../core/unreadable'

/**
 * The service's one connection to index.sqlite, opened when first needed and shared by the
 * listing (its summary cache), the live index (which records its changes) and search. Read-only
 * services only read an index that is there; the others create or rebuild it. An index that
 * cannot be opened is said once and costs only speed: the listing then reads every file.
 */
export class IndexConnection {
  private db: IndexDatabase | null = null
  private failed = false
  /** "There was no index; building it": news to a search (which waits for it), not to a first listing. */
  private firstBuild: string | null = null

  constructor(
    private readonly dataDir: string,
    private readonly readOnly: boolean,
    private readonly onNotice: (message: string) => void,
  ) {}

  /** The connection, or null when there is no usable index (read-only, or it cannot be opened). */
  get(): IndexDatabase | null {
    if (this.db) return this.db
    if (this.readOnly) {
      if (!this.failed) this.db = openIndexReadOnly(this.dataDir)
      this.failed = this.db === null
      return this.db
    }
    try {
      this.db = this.openWritable()
      this.failed = false
    } catch (error) {
      if (!this.failed) this.onNotice(`the session index cannot be used (${describeFailure(error)}); sessions are read from their files`)
      this.failed = true
    }
    return this.db
  }

  /** The connection for a use that cannot do without it (search): throws what opening it threw. */
  require(): IndexDatabase {
    const db = this.get() ?? (this.readOnly ? null : (this.db = this.openWritable()))
    if (!db) throw new Error('there is no session index to search yet, and this command writes nothing')
    if (this.firstBuild !== null) this.onNotice(this.firstBuild)
    this.firstBuild = null
    return db
  }

  private openWritable(): IndexDatabase {
    return openIndexDatabase(this.dataDir, {
      onRebuilt: (reason) => {
        if (reason.kind === 'missing') this.firstBuild = reason.message
        else this.onNotice(reason.message)
      },
    })
  }

  close(): void {
    this.db?.close()
    this.db = null
  }
}
