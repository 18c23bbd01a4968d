import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { FormatModule } from '../formats/format'
import { formatModule } from '../formats/registry'
import { mapLimit } from '../concurrency'
import { type ListOptions, compareSessions, listStores } from '../listing'
import type { Problem, SessionSummary, Store } from '../../../src-shared/model'
import type { OwnWrites } from '../own-writes'
import { scanReportingUnreadable, segmentsBelow } from '../scan'
import { type RawFsEvent, type Touched, pathsToLookAt } from './coalesce'
import { type IndexBatch, type IndexEvent, type IndexState, compareProblems } from '../../../src-shared/index-state'
import { StoreWatcher } from './store-watcher'
import { type LiveEntry, keptNoteAt, recordLiveChanges, savedFoldAt } from '../index-db/indexed-summaries'
import {
  type Entry,
  type Outcome,
  type ScanProblems,
  commitOutcome,
  dependentPaths,
  isGone,
  lookAtPath,
  updateScanProblems,
} from './index-entries'

export { applyBatch } from '../../../src-shared/index-state'
export type { IndexBatch, IndexEvent, IndexState } from '../../../src-shared/index-state'

export interface SessionIndexOptions {
  /** Passed to the initial listStores; `archived` also decides whether .archive/ folders are watched. */
  listOptions?: ListOptions
  /** The app's own recent writes, whose echoes the watchers drop (the operation publishes its own events). */
  ownWrites?: OwnWrites
  /** How often a stat-only pass looks for changes the OS did not report; 0 turns the timer off. */
  reconcileIntervalMs?: number
  /**
   * How long raw events are collected before they are folded into one batch while events keep
   * coming; the first event after a quiet spell waits only a fifth of it (at most 15 ms), so a
   * lone append is answered at once and a burst still comes as few batches.
   */
  batchDelayMs?: number
  /**
   * false: no file-system watchers, only reconciliation keeps the index current (for stores on
   * file systems that send no change notifications, and for tests).
   */
  watch?: boolean
  /** Failures that have nobody else to go to (a watcher error, a listener that threw). */
  onError?: (error: Error) => void
}

export type IndexListener = (batch: IndexBatch) => void

export const DEFAULT_RECONCILE_INTERVAL_MS = 30_000
export const DEFAULT_BATCH_DELAY_MS = 75
const QUIET_BATCH_DELAY_MS = 15

// As for listings: enough parallel reads to hide disk latency, few whole sessions in memory.
const READ_CONCURRENCY = 8

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}

/**
 * The live list of sessions of a set of stores: an initial listing kept current by one
 * StoreWatcher per store and a periodic stat-only reconciliation. Changes reach subscribers as
 * numbered batches; snapshot() + the batches after it (through applyBatch) is always what a
 * fresh listing would say once the disk is quiet.
 *
 * Watchers only say which paths to look at. What happened is decided by looking: the file's
 * stat now, what the index last knew, and a read of the file when they differ. That keeps the
 * index right when events arrive late, twice, in an odd order or not at all.
 */
export class SessionIndex {
  private readonly archived: boolean
  private readonly listOptions: ListOptions
  private readonly ownWrites: OwnWrites | undefined
  private readonly reconcileIntervalMs: number
  private readonly batchDelayMs: number
  private readonly watchEnabled: boolean
  private readonly report: (error: unknown) => void
  private readonly adapters: FormatModule[]

  private readonly entries = new Map<string, Entry>()
  /** Folders (and other non-session paths) a scan could not read, by path: problems of their store. */
  private readonly scanProblems: ScanProblems = new Map()
  private readonly listeners = new Set<IndexListener>()
  private watchers: StoreWatcher[] = []
  private seq = 0
  private started = false
  private ready = false
  private closed = false
  private closing: Promise<void> | null = null

  private pending: Touched[] = []
  private flushTimer: NodeJS.Timeout | null = null
  /** When the last batch was scheduled: within batchDelayMs of it, events are collected for the full delay. */
  private lastScheduledAt = Number.NEGATIVE_INFINITY
  private reconcileTimer: NodeJS.Timeout | null = null
  private reconciling = false
  /** Flushes and the initial listing run one after another, in this chain. */
  private chain: Promise<void> = Promise.resolve()
  private publishCount = 0
  /** Paths published during the running flush, with the publishCount they were published at. */
  private readonly publishedAt = new Map<string, number>()

  constructor(
    readonly stores: readonly Store[],
    options: SessionIndexOptions = {},
  ) {
    this.listOptions = options.listOptions ?? { archived: false }
    this.archived = this.listOptions.archived
    this.ownWrites = options.ownWrites
    this.reconcileIntervalMs = options.reconcileIntervalMs ?? DEFAULT_RECONCILE_INTERVAL_MS
    this.batchDelayMs = options.batchDelayMs ?? DEFAULT_BATCH_DELAY_MS
    this.watchEnabled = options.watch ?? true
    const onError = options.onError ?? ((error: Error) => console.error('sessionscope: session index:', error))
    this.report = (error) => onError(asError(error))
    this.adapters = stores.map((store) => formatModule(store.format))
  }

  /**
   * Starts the watchers, then lists the stores. Watching first means a change made during the
   * listing is not lost: it is looked at once the listing is in place.
   */
  async start(): Promise<void> {
    if (this.started) throw new Error('SessionIndex.start called twice')
    this.started = true
    let release = () => {}
    this.chain = new Promise<void>((done) => (release = done))
    try {
      await this.load()
    } catch (error) {
      release()
      await this.close()
      throw error
    }
    this.ready = true
    release()
    if (this.reconcileIntervalMs > 0 && !this.closed) {
      this.reconcileTimer = setInterval(() => this.reconcileInBackground(), this.reconcileIntervalMs)
    }
  }

  /** The sessions and problems as of batch `seq`, in listStores' order. */
  snapshot(): IndexState {
    const sessions: SessionSummary[] = []
    const problems: Problem[] = []
    for (const [path, entry] of this.entries) {
      if (entry.session) sessions.push(entry.session)
      if (entry.problem !== null) problems.push({ path, reason: entry.problem })
    }
    for (const [path, { reason }] of this.scanProblems) problems.push({ path, reason })
    return { seq: this.seq, sessions: sessions.sort(compareSessions), problems: problems.sort(compareProblems) }
  }

  /** Delivers every batch from now on to `listener`, synchronously as it is made; returns the disposer. */
  subscribe(listener: IndexListener): () => void {
    const own = (batch: IndexBatch) => listener(batch)
    this.listeners.add(own)
    return () => {
      this.listeners.delete(own)
    }
  }

  /**
   * Announces changes the caller made itself (an operation that moved or rewrote a session), as
   * the next batch, without waiting for the watchers. A caller that notes its writes in the
   * OwnWrites given to the index must publish them: the watchers drop their echoes, and without
   * an announcement the index learns of them only when the note has expired and a
   * reconciliation runs. Events for paths outside this index's stores (or archived ones when it
   * lists active sessions only) are left out; returns the batch, or null when nothing was left.
   */
  publish(events: readonly IndexEvent[]): IndexBatch | null {
    if (!this.ready) throw new Error('SessionIndex.publish called before start() finished')
    if (this.closed) return null
    const kept: IndexEvent[] = []
    for (const event of events) {
      const store = this.storeOf(event.path)
      if (store === null) continue
      this.publishedAt.set(event.path, ++this.publishCount)
      if (event.type === 'removed') this.entries.delete(event.path)
      else if (event.type === 'problem') this.entries.set(event.path, { store, session: null, problem: event.reason, seen: null })
      else this.entries.set(event.path, { store, session: event.session, problem: null, seen: null })
      kept.push(event)
    }
    return this.deliver(kept)
  }

  /**
   * Looks at `paths` now and announces what they hold as the next batch (through publish): for
   * the caller's own changes, whose echoes the watchers drop. The index finds each path's store
   * and reads it itself; paths outside its stores are left out. Resolves to the batch, or null.
   */
  async refresh(paths: Iterable<string>): Promise<IndexBatch | null> {
    if (!this.ready || this.closed) return null
    const events: IndexEvent[] = []
    for (const path of new Set(paths)) {
      const store = this.storeOf(path)
      if (store === null) continue
      // No stamp to compare and no echo to drop: the caller knows the file changed.
      const outcome = await lookAtPath(this.stores[store] as Store, this.adapters[store] as FormatModule, path, null, undefined)
      const known = this.entries.get(path)?.session
      if (outcome.kind === 'read')
        events.push({ type: known ? 'changed' : 'added', path, id: outcome.session.id, session: outcome.session })
      else if (outcome.kind === 'unreadable') events.push({ type: 'problem', path, reason: outcome.reason })
      else if (known || outcome.kind === 'gone') events.push({ type: 'removed', path, id: known?.id ?? null, session: null })
    }
    return this.closed ? null : this.publish(events)
  }

  /**
   * Compares a stat-only scan of every store with what the index knows and looks at each path
   * that differs, catching what the OS did not report. Resolves once the resulting batch (if
   * any) has been delivered.
   */
  async reconcile(): Promise<void> {
    if (!this.ready || this.closed) return
    for (const [store, { root }] of this.stores.entries()) {
      const adapter = this.adapters[store] as FormatModule
      const scanned = await scanReportingUnreadable(() => adapter.scan(root, { archived: this.archived }))
      const files = scanned.value
      this.deliver(updateScanProblems(this.scanProblems, store, scanned.problems, (path) => this.storeOf(path) !== null))
      const present = new Set<string>()
      for (const file of files) {
        present.add(file.path)
        const seen = this.entries.get(file.path)?.seen
        if (seen === undefined) this.pending.push({ store, event: { kind: 'add', path: file.path } })
        else if (
          seen === null ||
          seen.size !== file.size ||
          seen.mtimeMs !== file.mtimeMs ||
          (seen.ino !== null && file.ino !== undefined && seen.ino !== file.ino)
        ) {
          this.pending.push({ store, event: { kind: 'change', path: file.path } })
        }
      }
      for (const [path, entry] of this.entries) {
        if (entry.store === store && !present.has(path)) this.pending.push({ store, event: { kind: 'unlink', path } })
      }
    }
    await this.runFlush()
  }

  /** Stops the watchers and timers; no batch is delivered once close() is called. */
  close(): Promise<void> {
    if (this.closing) return this.closing
    this.closed = true
    if (this.flushTimer) clearTimeout(this.flushTimer)
    if (this.reconcileTimer) clearInterval(this.reconcileTimer)
    this.listeners.clear()
    this.closing = (async () => {
      // A start still under way holds the chain until its watchers exist; they are closed after.
      await this.chain
      await Promise.all(this.watchers.map((watcher) => watcher.close()))
    })()
    return this.closing
  }

  /** The same as close(), for code that disposes of things. */
  dispose(): Promise<void> {
    return this.close()
  }

  private async load(): Promise<void> {
    if (this.watchEnabled) {
      this.watchers = this.stores.map(
        (store, i) =>
          new StoreWatcher(store, {
            archived: this.archived,
            onEvent: (event) => this.touch(i, event),
            onFolder: (dir) => void this.lookAtFolder(i, dir).catch(this.report),
            onError: this.report,
          }),
      )
      await Promise.all(this.watchers.map((watcher) => watcher.start()))
    }
    // The listing's own scan stats each file before reading it, so its stamp is never newer
    // than what was read: a write in between shows up later as a difference, not unnoticed.
    const listing = await listStores(this.stores, this.listOptions)
    // An index that neither watches nor reconciles (a one-shot command) never compares stamps.
    const keepsCurrent = this.watchEnabled || this.reconcileIntervalMs > 0
    const place = (path: string, session: SessionSummary | null, problem: string | null) => {
      const scanned = keepsCurrent ? listing.files.get(path) : undefined
      const seen = scanned ? { size: scanned.file.size, mtimeMs: scanned.file.mtimeMs, ino: scanned.file.ino ?? null } : null
      const store = scanned?.store ?? this.storeOf(path)
      if (store !== null) this.entries.set(path, { store, session, problem, seen })
      else if (problem !== null) {
        // A folder the listing could not read: a problem of the store it lies in.
        const holder = this.stores.findIndex(({ root }) => path === root || segmentsBelow(root, path) !== null)
        if (holder >= 0) this.scanProblems.set(path, { store: holder, reason: problem })
      }
    }
    for (const session of listing.sessions) place(session.path, session, null)
    for (const problem of listing.problems) {
      // A session file sharing its id with another is listed and reported: keep both.
      const listed = this.entries.get(problem.path)
      if (listed?.session) listed.problem = problem.reason
      else place(problem.path, null, problem.reason)
    }
  }

  /** Writes what the events changed to the index database, so the next start is warm; a failed write costs only that. */
  private record(events: readonly IndexEvent[]): void {
    const { index, readOnly } = this.listOptions
    if (!index || readOnly) return
    const live: LiveEntry[] = []
    for (const path of new Set(events.map((event) => event.path))) {
      const entry = this.entries.get(path)
      const store = entry?.store ?? this.storeOf(path)
      // Folders a scan could not read are the scan's problems, kept by no file.
      if (store === null || this.scanProblems.has(path)) continue
      live.push({
        store: this.stores[store] as Store,
        path,
        session: entry?.session ?? null,
        problem: entry?.problem ?? null,
        seen: entry?.seen ?? null,
        present: entry !== undefined,
      })
    }
    if (live.length === 0) return
    try {
      recordLiveChanges(index, live)
    } catch (error) {
      this.report(error)
    }
  }

  /** The store whose session `path` is, if this index lists it. */
  private storeOf(path: string): number | null {
    for (const [i, { root }] of this.stores.entries()) {
      const verdict = (this.adapters[i] as FormatModule).classify(root, path)
      if (verdict && (this.archived || !verdict.archived)) return i
    }
    return null
  }

  private touch(store: number, event: RawFsEvent): void {
    this.pending.push({ store, event })
    if (this.flushTimer || this.closed) return
    const now = performance.now()
    const quiet = now - this.lastScheduledAt >= this.batchDelayMs
    this.lastScheduledAt = now
    this.flushTimer = setTimeout(
      () => {
        this.flushTimer = null
        void this.runFlush()
      },
      quiet ? Math.min(QUIET_BATCH_DELAY_MS, this.batchDelayMs / 5) : this.batchDelayMs,
    )
  }

  /** A folder appeared or went: its session files, and what the index knows below it, are looked at. */
  private async lookAtFolder(store: number, dir: string): Promise<void> {
    let names: string[] = []
    try {
      names = await readdir(dir)
    } catch (error) {
      if (!isGone(error)) throw error
    }
    const { root } = this.stores[store] as Store
    const adapter = this.adapters[store] as FormatModule
    for (const name of names) {
      const path = join(dir, name)
      const verdict = adapter.classify(root, path)
      if (verdict && (this.archived || !verdict.archived)) this.touch(store, { kind: 'add', path })
    }
    for (const [path, entry] of this.entries) {
      if (entry.store === store && segmentsBelow(dir, path)) this.touch(store, { kind: 'change', path })
    }
  }

  private reconcileInBackground(): void {
    if (this.reconciling) return
    this.reconciling = true
    this.reconcile()
      .catch(this.report)
      .finally(() => (this.reconciling = false))
  }

  private runFlush(): Promise<void> {
    const run = this.chain.then(() => this.flush()).catch(this.report)
    this.chain = run
    return run
  }

  private async flush(): Promise<void> {
    if (this.closed || this.pending.length === 0) return
    const pending = this.pending
    this.pending = []
    const since = this.publishCount
    this.publishedAt.clear()
    const work = pathsToLookAt(pending, (path) => this.entries.has(path))
    const outcomes = await mapLimit(work, READ_CONCURRENCY, (item) =>
      lookAtPath(
        this.stores[item.store] as Store,
        this.adapters[item.store] as FormatModule,
        item.path,
        this.entries.get(item.path)?.seen,
        this.ownWrites,
        () => savedFoldAt(this.listOptions.index, item.path),
      ),
    )
    if (this.closed) return
    const events: IndexEvent[] = []
    work.forEach((item, i) => {
      if ((this.publishedAt.get(item.path) ?? 0) > since) {
        // Published while it was being read: what was read may predate what the publisher did.
        this.touch(item.store, { kind: 'change', path: item.path })
        return
      }
      const outcome = outcomes[i] as Outcome
      const adapter = this.adapters[item.store] as FormatModule
      for (const other of dependentPaths(this.entries, item.store, adapter, item.path, outcome, () =>
        keptNoteAt(this.listOptions.index, item.path),
      )) {
        // Its stamp no longer vouches for it: read it again.
        const entry = this.entries.get(other)
        if (entry) entry.seen = null
        this.touch(item.store, { kind: 'change', path: other })
      }
      events.push(...commitOutcome(this.entries, item.store, item.path, outcome))
    })
    this.deliver(events)
  }

  private deliver(events: IndexEvent[]): IndexBatch | null {
    if (events.length === 0 || this.closed) return null
    const batch: IndexBatch = { seq: ++this.seq, events }
    for (const listener of [...this.listeners]) {
      // A listener disposed by an earlier one in this round gets nothing more.
      if (!this.listeners.has(listener)) continue
      try {
        listener(batch)
      } catch (error) {
        this.report(error)
      }
    }
    // After the listeners: the record is for the next start, the batch is for a reader waiting now.
    this.record(events)
    return batch
  }
}
