import { createHash } from 'node:crypto'
import type { IndexBatch } from '../../src-shared/index-state'
import type { SessionSummary, Store } from '../../src-shared/model'
import type { StoreId } from '../../src-shared/contract'
import { withChildrenAfterParents } from '../../src-shared/session-order'
import type { IndexDatabase } from '../core/index-db/index-database'
import type { OwnWrites } from '../core/own-writes'
import { SessionIndex } from '../core/watch/session-index'
import type { OpenStore } from './store-choice'

export function storeIdOf(store: Store): StoreId {
  return createHash('sha1').update(`${store.format}\0${store.root}`).digest('hex').slice(0, 12)
}

export interface IndexSettings {
  dataDir: string
  /** false: archived sessions are neither listed nor watched. */
  archived: boolean
  /** true: leftovers are reported, not put right, and the summary cache is neither read nor written. */
  readOnly: boolean
  /** false: no file-system watchers and no reconciliation (a one-shot command). */
  watch: boolean
  reconcileIntervalMs?: number
  /** true: the stores are listed on the first request that needs them, not when they are opened. */
  lazy: boolean
  /** The index database (the listing's summary cache, where the live index records its changes), or null. */
  indexDb: () => IndexDatabase | null
  onError?: (error: Error) => void
}

/**
 * The stores the service has open and their live index, started when first needed (or at once),
 * restarted when the set of stores changes. Every batch of the index goes to `onBatch`.
 */
export class OpenStores {
  private stores: OpenStore[] = []
  private indexStart: Promise<SessionIndex> | null = null
  /** The started index, once it is: the one told about the service's own changes. */
  private started: SessionIndex | null = null
  private reopening = false
  private unsubscribe: (() => void) | null = null

  constructor(
    private readonly settings: IndexSettings,
    private readonly ownWrites: OwnWrites,
    private readonly onBatch: (batch: IndexBatch) => void,
  ) {}

  get list(): readonly OpenStore[] {
    return this.stores
  }

  /** Whether the live index has listed the stores (then it, not the index database, knows best). */
  get isStarted(): boolean {
    return this.started !== null
  }

  byId(storeId: StoreId): OpenStore | undefined {
    return this.stores.find((store) => storeIdOf(store) === storeId)
  }

  async open(stores: OpenStore[]): Promise<void> {
    this.stores = stores
    this.indexStart = null
    if (!this.settings.lazy) await this.index()
  }

  index(): Promise<SessionIndex> {
    if (this.reopening) return Promise.reject(new Error('the stores are being reopened'))
    this.indexStart ??= this.startIndex()
    return this.indexStart
  }

  private async startIndex(): Promise<SessionIndex> {
    const { dataDir, archived, readOnly, watch } = this.settings
    const db = this.settings.indexDb()
    const index = new SessionIndex(this.stores, {
      ownWrites: this.ownWrites,
      listOptions: { archived, repair: !readOnly, readOnly, ...(db ? { index: db } : {}), dataDir },
      reconcileIntervalMs: watch ? this.settings.reconcileIntervalMs : 0,
      watch,
      ...(this.settings.onError ? { onError: this.settings.onError } : {}),
    })
    // Subscribe before start: no batch can slip between the snapshot and the subscription.
    this.unsubscribe = index.subscribe(this.onBatch)
    await index.start()
    this.started = index
    return index
  }

  /** Closes the index; `next()` then says which stores to open (requests meanwhile are refused). */
  async reopen(next: () => Promise<OpenStore[]>): Promise<void> {
    this.reopening = true
    try {
      await this.close()
    } finally {
      this.reopening = false
    }
    await this.open(await next())
  }

  async close(): Promise<void> {
    this.unsubscribe?.()
    this.unsubscribe = null
    const starting = this.indexStart
    this.indexStart = null
    this.started = null
    await (await starting?.catch(() => null))?.close()
  }

  /** Every session the index knows, sub-agents recorded inside their parent's file included. */
  async allSessions(): Promise<SessionSummary[]> {
    return withChildrenAfterParents((await this.index()).snapshot().sessions)
  }

  /** The index's sessions as they are listed (sub-agents recorded inside a parent's file stay inside it). */
  async listedSessions(): Promise<SessionSummary[]> {
    return (await this.index()).snapshot().sessions
  }

  /** Tells a started index about the service's own changes; an index not started yet reads them when it starts. */
  async refresh(paths: Iterable<string>): Promise<void> {
    await this.started?.refresh(paths)
  }
}
