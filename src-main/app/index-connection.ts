import { join } from 'node:path'
import { INDEX_FILE, type IndexDatabase, IndexDatabaseError, openIndexDatabase } from '../core/index-db/index-database'
import { openIndexReadOnly } from '../core/index-db/read-only-index'
import { describeFailure } from '../core/unreadable'

/**
 * The service's one connection to index.sqlite, opened when first needed and shared by the
 * listing (its summary cache), the live index (which records its changes) and search. Read-only
 * services only read an index that is there; the others create or rebuild it. An index that
 * cannot be opened is said once and costs only speed: the listing then reads every file.
 *
 * Everyone holds the same IndexDatabase object, whose `sql` is the connection of the moment:
 * after `reconnect()` (damage found while in use) the next use opens the file again, which
 * rebuilds it, without anyone having to be told.
 */
export class IndexConnection {
  private live: IndexDatabase | null = null
  private failed = false
  /** Closed for good (the service closed): late uses fail instead of opening the file again. */
  private ended = false
  /** "There was no index; building it": news to a search (which waits for it), not to a first listing. */
  private firstBuild: string | null = null
  private readonly shared: IndexDatabase

  constructor(
    private readonly dataDir: string,
    private readonly readOnly: boolean,
    private readonly onNotice: (message: string) => void,
  ) {
    const connection = () => {
      if (this.ended) throw new IndexDatabaseError(`The session index ${join(dataDir, INDEX_FILE)} was closed`)
      const live = this.live ?? this.open()
      if (!live) throw new IndexDatabaseError(`The session index ${join(dataDir, INDEX_FILE)} is not open`)
      return live
    }
    this.shared = {
      path: join(dataDir, INDEX_FILE),
      get sql() {
        return connection().sql
      },
      get busyTimeoutMs() {
        return connection().busyTimeoutMs
      },
      close: () => this.close(),
    }
  }

  /** The connection, or null when there is no usable index (read-only, or it cannot be opened). */
  get(): IndexDatabase | null {
    return this.live || this.open() ? this.shared : null
  }

  /** The connection for a use that cannot do without it (search): throws what opening it threw. */
  require(): IndexDatabase {
    if (this.ended) throw new IndexDatabaseError(`The session index ${join(this.dataDir, INDEX_FILE)} was closed`)
    if (!this.live) {
      if (this.readOnly) {
        if (!this.open()) throw new Error('there is no session index to search yet, and this command writes nothing')
      } else this.live = this.openWritable()
    }
    if (this.firstBuild !== null) this.onNotice(this.firstBuild)
    this.firstBuild = null
    return this.shared
  }

  /** Closes the connection; the next use opens the file again (and rebuilds it if it is damaged). */
  reconnect(): void {
    this.live?.close()
    this.live = null
    this.failed = false
  }

  /** Closes the connection for good: what still runs (a build being cut short) can no longer write. */
  close(): void {
    this.ended = true
    this.live?.close()
    this.live = null
  }

  private open(): IndexDatabase | null {
    if (this.failed || this.ended) return null
    if (this.readOnly) {
      this.live = openIndexReadOnly(this.dataDir)
      this.failed = this.live === null
      return this.live
    }
    try {
      this.live = this.openWritable()
    } catch (error) {
      this.onNotice(`the session index cannot be used (${describeFailure(error)}); sessions are read from their files`)
      this.failed = true
    }
    return this.live
  }

  private openWritable(): IndexDatabase {
    return openIndexDatabase(this.dataDir, {
      onRebuilt: (reason) => {
        if (reason.kind === 'missing') this.firstBuild = reason.message
        else this.onNotice(reason.message)
      },
    })
  }
}
