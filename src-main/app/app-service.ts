import { FORMAT_INFOS, capabilitiesOf } from '../core/formats/registry'
import { loadSession } from '../core/listing'
import { type Lookup, findSession } from '../core/lookup'
import type { Problem, SessionDetail, SessionSummary } from '../../src-shared/model'
import { lookupIndexed } from '../core/index-db/indexed-lookup'
import {
  type OperationResult,
  type OperationsContext,
  archiveSessions,
  moveSessions,
  operationsContext,
  restoreSessions,
  trashSessions,
  unarchiveSessions,
} from '../core/operations/operations'
import { type PruneCriteria, type PrunePlan, applyPrune, planPrune, pruneCriteria } from '../core/operations/prune'
import { emptyTrash, listTrash, trashContents, trashFoldersOf } from '../core/operations/trash'
import { type UndoResult, undoLast } from '../core/operations/undo'
import { defaultStoreLocations } from '../core/stores'
import { describeFailure } from '../core/unreadable'
import type {
  AppSnapshot,
  ClientRequests,
  EventName,
  Events,
  MoveTarget,
  OperationReport,
  Outcome,
  PruneRequest,
  SessionRef,
  ShellKind,
  StoreId,
  StoreView,
} from '../../src-shared/contract'
import { type OpenStore, chooseStores, storeAt } from './store-choice'
import { OpenStores, storeIdOf } from './open-stores'
import { SearchIndex } from './search-index'
import { IndexConnection } from './index-connection'
import { IndexProgressReporter, warmsUpSearch } from './index-progress'
import type { SearchResult } from '../core/search/search'
import { SEARCH_MARKS, prunePreviewView, searchResultView } from './views'
import { type AppServiceOptions, webLink } from './service-options'
import {
  type ResolvedQueries,
  type SessionPlace,
  moveTargetProblem,
  pickExactly,
  queriesToRefs,
  resolveRefs,
  sessionsIn,
} from './session-refs'
import { forgetStore, rememberStore } from './remembered-stores'

export { storeIdOf }
export type { AppServiceOptions, PlatformHooks } from './service-options'

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason })
const UNKNOWN_STORE = fail('unknown store')
const ok = <T>(value: T): Outcome<T> => ({ ok: true, value })

type Listener<E extends EventName> = (payload: Events[E]) => void

/** A detail as the shells show it: the API responses are the index's, not the reader's. */
function withoutResponses(detail: SessionDetail): SessionDetail {
  const { responses: _responses, ...shown } = detail
  return shown
}

/**
 * The one application service behind every shell: the stores, the live index, the operations and
 * the undo journal, answering the requests of the IPC contract (and the few more the CLI needs).
 * Pure Node: the Electron main process, the browser shell's server and the CLI only parse
 * arguments or messages, call it, and render what it answers. Ids are resolved here, once, by
 * the core's findSession; every pre-check happens here or in the operations.
 */
export class AppService implements ClientRequests {
  readonly shell: ShellKind
  private readonly open: OpenStores
  private readonly searchIndex: SearchIndex
  private readonly indexDb: IndexConnection
  private readonly indexProgress: IndexProgressReporter
  private notice: string | null = null
  private readonly ctx: OperationsContext
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>()

  private constructor(private readonly options: AppServiceOptions) {
    this.shell = options.shell
    this.ctx = operationsContext(options.dataDir)
    const { dataDir, archived = true, readOnly = false, watch = true, lazyIndex = false } = options
    const settings = { dataDir, archived, readOnly, watch, lazy: lazyIndex, reconcileIntervalMs: options.reconcileIntervalMs }
    const notice = options.onNotice ?? ((message: string) => console.error(`sessionscope: ${message}`))
    this.indexDb = new IndexConnection(dataDir, readOnly, notice)
    this.indexProgress = new IndexProgressReporter((view) => this.emit('indexProgress', view), options.onIndexProgress)
    this.searchIndex = new SearchIndex(
      () => this.indexDb.require(),
      () => this.indexDb.reconnect(),
      this.indexProgress,
    )
    this.open = new OpenStores(
      { ...settings, indexDb: () => this.indexDb.get(), ...(options.onIndexError ? { onError: options.onIndexError } : {}) },
      this.ctx.ownWrites,
      (batch) => {
        this.searchIndex.touched(batch.events.map((event) => event.path))
        this.emit('indexBatch', batch)
      },
    )
  }

  static async start(options: AppServiceOptions): Promise<AppService> {
    const service = new AppService(options)
    await service.open.open(await service.choose())
    service.warmUpSearch()
    return service
  }

  /** The long-lived app builds the search index in the background once the stores are open (not awaited). */
  private warmUpSearch(): void {
    if (!warmsUpSearch(this.options)) return
    const report = this.options.onIndexError ?? ((error: Error) => console.error(`sessionscope: search index: ${error.message}`))
    void this.searchIndex.warmUp(this.open.list, report)
  }

  private async choose(): Promise<OpenStore[]> {
    const choice = await chooseStores(this.options)
    if (choice.notice) this.notice = choice.notice
    return choice.stores
  }

  private async reopen(stores: OpenStore[], reason: string): Promise<void> {
    this.searchIndex.markStale()
    await this.open.reopen(async () => (stores.length > 0 ? stores : await this.choose()))
    this.emit('snapshotInvalidated', { reason })
    this.warmUpSearch()
  }

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event)
    if (!set) {
      set = new Set()
      this.listeners.set(event, set)
    }
    set.add(listener as Listener<EventName>)
    return () => set.delete(listener as Listener<EventName>)
  }

  private emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        listener(payload)
      } catch (error) {
        console.error('sessionscope: listener failed:', error)
      }
    }
  }

  async close(): Promise<void> {
    this.listeners.clear()
    await this.open.close()
    this.searchIndex.close()
    this.indexDb.close()
  }

  /** Finds what was said in the open stores' sessions (core/search/query.ts: the query language). */
  async searchTexts(text: string, options: { limit?: number; marks?: readonly [string, string] } = {}): Promise<Outcome<SearchResult>> {
    const outcome = await this.searchIndex.search(this.open.list, text, options)
    return outcome.ok ? ok(outcome.value) : fail(outcome.error)
  }

  async getIndexProgress() {
    return this.indexProgress.current()
  }

  /** The contract's search: the best `limit` hits, matches between SEARCH_MARKS, sessions by ref. */
  async search(query: string, limit: number) {
    const outcome = await this.searchTexts(query, { limit, marks: SEARCH_MARKS })
    return outcome.ok ? ok(searchResultView(outcome.value)) : outcome
  }

  private viewOf(store: OpenStore): StoreView {
    return { id: storeIdOf(store), format: store.format, root: store.root, isSample: store.isSample, ...capabilitiesOf(store.format) }
  }

  private async report(
    result: OperationResult & { entry?: { label: string } | null },
    before: readonly SessionSummary[],
    missing: { id: string; reason: string }[],
  ): Promise<Outcome<OperationReport>> {
    // The index is told at once, so the renderer sees the change within the batch window.
    await this.open.refresh([...before.map((s) => s.path), ...result.done.map((d) => d.path)])
    return ok({ done: result.done, skipped: [...missing, ...result.skipped], undoLabel: result.entry?.label ?? null })
  }

  // ---------- for the command line: typed ids, trash contents, plans ----------

  /** The view of each open store, in the order they were opened. */
  storeViews(): StoreView[] {
    return this.open.list.map((store) => this.viewOf(store))
  }

  /** Finds the session a person typed (a full id or an unambiguous prefix). */
  async lookup(storeId: StoreId, query: string, place: SessionPlace = 'listed'): Promise<Lookup> {
    const store = this.open.byId(storeId)
    return store ? findSession(await sessionsIn(this.open, store, place), query, { prefix: true }) : { kind: 'not-found' }
  }

  /** Whether the stores have been listed (a one-shot service lists them only when a request needs it). */
  get listed(): boolean {
    return this.open.isStarted
  }

  /**
   * The session a person named by id or prefix, read in full: through the index straight to its
   * file when the index knows that file as it is now (no listing), else through the listing.
   */
  async readTyped(storeId: StoreId, query: string): Promise<{ lookup: Lookup; detail?: Outcome<SessionDetail> }> {
    const store = this.open.byId(storeId)
    const db = store && !this.open.isStarted ? this.indexDb.get() : null
    const indexed = store && db ? await lookupIndexed(db, store, query, { archived: this.options.archived ?? true }) : null
    if (indexed) {
      try {
        return {
          lookup: { kind: 'found', session: indexed },
          detail: ok(withoutResponses(await loadSession(indexed, [], { current: true }))),
        }
      } catch {
        // Changed or gone since the look: the listing says what is there now.
      }
    }
    const lookup = await this.lookup(storeId, query)
    if (lookup.kind !== 'found') return { lookup }
    return { lookup, detail: await this.loadSession({ storeId, id: lookup.session.id }) }
  }

  /** Turns typed ids into refs, once each; the ones that match nothing or several are skipped with the reason. */
  async resolveQueries(storeId: StoreId, queries: readonly string[], place: SessionPlace = 'listed'): Promise<ResolvedQueries> {
    const store = this.open.byId(storeId)
    return queriesToRefs(store ? await sessionsIn(this.open, store, place) : [], storeId, queries)
  }

  /** Why a move to `target` is refused for every session of the store before anything is read, or null. */
  moveTargetProblem(storeId: StoreId, target: MoveTarget): string | null {
    const store = this.open.byId(storeId)
    return store ? moveTargetProblem(store, target) : null
  }

  async trashContents(storeId: StoreId): Promise<Outcome<{ files: number; bytes: number }>> {
    const store = this.open.byId(storeId)
    return store ? ok(await trashContents(store)) : fail('unknown store')
  }

  /** The sessions a prune would touch now, and the ones it would leave and why. */
  async planPrune(storeId: StoreId, criteria: PruneCriteria, force = false): Promise<Outcome<PrunePlan>> {
    const store = this.open.byId(storeId)
    if (!store) return UNKNOWN_STORE
    const sessions = (await this.open.listedSessions()).filter((s) => s.store === store.root)
    return ok(await planPrune(this.ctx, sessions, criteria, force))
  }

  /** Carries out exactly the plan's sessions. */
  async applyPrunePlan(plan: PrunePlan): Promise<OperationResult & { entry?: { label: string } | null }> {
    const before = [...plan.sessions]
    const result = await applyPrune(this.ctx, plan)
    await this.open.refresh([...before.map((s) => s.path), ...result.done.map((d) => d.path)])
    return result
  }

  /** Reverts the last journaled operation, with the operation's own record (the CLI prints it whole). */
  async undoLast(): Promise<UndoResult> {
    const result = await undoLast(this.ctx)
    if (result.operation) {
      await this.open.refresh(result.done.flatMap((d) => [d.path, ...(d.from && d.from.includes('/') ? [d.from] : [])]))
    }
    return result
  }

  // ---------- requests of the IPC contract ----------

  async getSnapshot(): Promise<AppSnapshot> {
    const state = (await this.open.index()).snapshot()
    return {
      ...state,
      stores: this.storeViews(),
      notice: this.notice,
      lookedIn: defaultStoreLocations(this.options.home, this.options.env),
      formats: [...FORMAT_INFOS],
      liveWindowMs: this.ctx.liveWindowMs,
      shell: this.shell,
    }
  }

  /** The problems the index knows of (unreadable files and folders), in order. */
  async problems(): Promise<Problem[]> {
    return (await this.open.index()).snapshot().problems
  }

  async loadSession(ref: SessionRef) {
    const { sessions, missing } = await resolveRefs(this.open, [ref])
    const session = sessions[0]
    if (!session) return fail(missing[0]?.reason ?? 'not found')
    try {
      return ok(withoutResponses(await loadSession(session, await this.open.allSessions())))
    } catch (error) {
      return fail(`could not read ${session.path}: ${describeFailure(error)}`)
    }
  }

  async moveSessions(refs: SessionRef[], target: MoveTarget, force: boolean) {
    // Refused before anything touches the disk: a name no session of the store could take.
    for (const storeId of new Set(refs.map((ref) => ref.storeId))) {
      const problem = this.moveTargetProblem(storeId, target)
      if (problem) return fail(problem)
    }
    const { sessions, missing } = await resolveRefs(this.open, refs)
    const all = await this.open.listedSessions()
    const result: OperationResult & { entry: { label: string } | null } = { done: [], skipped: [], entry: null }
    // One operation per store, so Astrid names resolve against their own store's workspaces.
    for (const root of new Set(sessions.map((s) => s.store))) {
      const part = await moveSessions(
        this.ctx,
        sessions.filter((s) => s.store === root),
        target,
        { force, storeSessions: all.filter((s) => s.store === root) },
      )
      result.done.push(...part.done)
      result.skipped.push(...part.skipped)
      result.entry = part.entry ?? result.entry
    }
    return this.report(result, sessions, missing)
  }

  async archiveSessions(refs: SessionRef[], force: boolean) {
    const { sessions, missing } = await resolveRefs(this.open, refs)
    return this.report(await archiveSessions(this.ctx, sessions, { force }), sessions, missing)
  }

  async unarchiveSessions(refs: SessionRef[]) {
    const { sessions, missing } = await resolveRefs(this.open, refs)
    return this.report(await unarchiveSessions(this.ctx, sessions), sessions, missing)
  }

  async trashSessions(refs: SessionRef[], force: boolean) {
    const { sessions, missing } = await resolveRefs(this.open, refs)
    return this.report(await trashSessions(this.ctx, sessions, { force }), sessions, missing)
  }

  async listTrash(storeId: StoreId) {
    const store = this.open.byId(storeId)
    if (!store) return UNKNOWN_STORE
    return ok((await listTrash(store)).sessions)
  }

  async restoreSessions(storeId: StoreId, ids: string[]) {
    const store = this.open.byId(storeId)
    if (!store) return UNKNOWN_STORE
    const { sessions: chosen, missing } = pickExactly(await sessionsIn(this.open, store, 'trash'), ids, 'not in the trash')
    return this.report(await restoreSessions(this.ctx, chosen), [], missing)
  }

  async emptyTrash(storeId: StoreId) {
    const store = this.open.byId(storeId)
    if (!store) return UNKNOWN_STORE
    const { trashItem } = this.options.hooks ?? {}
    if (!trashItem) return ok(await emptyTrash(store))
    // The operating system's trash keeps what the store's own trash held, restorable from there.
    const contents = await trashContents(store)
    if (contents.files === 0) return ok(contents)
    try {
      for (const folder of await trashFoldersOf(store)) await trashItem(folder)
    } catch (error) {
      return fail(`the system trash refused it: ${describeFailure(error)}`)
    }
    return ok(contents)
  }

  async previewPrune(request: PruneRequest) {
    const planned = await this.planPrune(request.storeId, pruneCriteria(request))
    if (!planned.ok) return planned
    return ok(prunePreviewView(planned.value))
  }

  async applyPrune(request: PruneRequest, ids: string[]) {
    const planned = await this.planPrune(request.storeId, pruneCriteria(request))
    if (!planned.ok) return planned
    const plan = planned.value
    // Only what the user saw in the preview and confirmed; anything new since is left alone.
    const confirmed = new Set(ids)
    const dropped = plan.sessions.filter((s) => !confirmed.has(s.id)).map((s) => ({ id: s.id, reason: 'not in the confirmed preview' }))
    plan.sessions = plan.sessions.filter((s) => confirmed.has(s.id))
    const gone = ids.filter((id) => !plan.sessions.some((s) => s.id === id) && !plan.skipped.some((s) => s.id === id))
    const result = await this.applyPrunePlan(plan)
    return ok({
      done: result.done,
      skipped: [...gone.map((id) => ({ id, reason: 'no longer matches' })), ...result.skipped, ...dropped],
      undoLabel: result.entry?.label ?? null,
    })
  }

  async undo() {
    const result = await this.undoLast()
    if (!result.operation) return fail('Nothing to undo.')
    if (result.done.length === 0)
      return fail(`Could not undo "${result.operation.label}": ${result.skipped.map((s) => s.reason).join('; ')}`)
    return ok({ done: result.done, skipped: result.skipped, undoLabel: null, label: result.operation.label })
  }

  async addStore(typedPath: string | null) {
    let path = typedPath
    if (this.options.hooks?.pickFolder) {
      // Electron: the renderer never names a path; the user picks one in the main process's dialog.
      path = await this.options.hooks.pickFolder()
      if (path === null) return ok(null)
    }
    if (path === null || path.trim() === '') return fail('Type the path of a sessions folder or an agent home.')
    const found = await storeAt(path)
    if ('refuse' in found) return fail(found.refuse)
    const { store } = found
    if (this.open.list.some((s) => s.format === store.format && s.root === store.root)) return fail('That store is already open.')
    await rememberStore(this.options.dataDir, store)
    // Once the user has a store of their own, the samples step aside.
    if (this.open.list.every((s) => s.isSample)) this.notice = null
    await this.reopen([...this.open.list.filter((s) => !s.isSample), { ...store, isSample: false }], 'a store was added')
    return ok(this.viewOf({ ...store, isSample: false }))
  }

  async removeStore(storeId: StoreId) {
    const store = this.open.byId(storeId)
    if (!store) return UNKNOWN_STORE
    await forgetStore(this.options.dataDir, store)
    await this.reopen(
      this.open.list.filter((s) => s !== store),
      'a store was removed',
    )
    return ok(null)
  }

  async revealSession(ref: SessionRef) {
    const reveal = this.options.hooks?.reveal
    if (!reveal) return fail('Reveal in folder is only available in the desktop app.')
    const { sessions, missing } = await resolveRefs(this.open, [ref])
    const session = sessions[0]
    if (!session) return fail(missing[0]?.reason ?? 'not found')
    reveal(session.path)
    return ok(null)
  }

  async openExternal(url: string) {
    const link = webLink(url)
    if ('refuse' in link) return fail(link.refuse)
    const open = this.options.hooks?.openExternal
    if (!open) return fail('links open in your browser from the desktop app only')
    await open(link.url)
    return ok(null)
  }
}
