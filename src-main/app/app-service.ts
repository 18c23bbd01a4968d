import { createHash } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { SessionFile } from '../core/formats/format'
import { FORMAT_INFOS, capabilitiesOf, formatModule } from '../core/formats/registry'
import { loadSession } from '../core/listing'
import { sameIdFiles } from '../core/lookup'
import type { SessionSummary, Store } from '../../src-shared/model'
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
import { applyPrune, planPrune, type PruneCriteria } from '../core/operations/prune'
import { emptyTrash, listTrash, trashContents, trashFoldersOf } from '../core/operations/trash'
import { StoreError, defaultStoreLocations, defaultStores, resolveStoreDir, resolveStores } from '../core/stores'
import { withChildrenAfterParents } from '../../src-shared/session-order'
import { describeFailure } from '../core/unreadable'
import { type IndexEvent, SessionIndex } from '../core/watch/session-index'
import type {
  AppSnapshot,
  ClientRequests,
  EventName,
  Events,
  OperationReport,
  Outcome,
  PruneRequest,
  SessionRef,
  StoreId,
  StoreView,
} from '../../src-shared/contract'
import { openSampleStores } from './samples'
import { loadRememberedStores, saveRememberedStores } from './remembered-stores'
import { undoLast } from '../core/operations/undo'

/** What only the shell can do (Electron's dialog and shell module); absent in the browser shell. */
export interface PlatformHooks {
  pickFolder?: () => Promise<string | null>
  /** Hands a file or folder to the operating system's trash. */
  trashItem?: (path: string) => Promise<void>
  reveal?: (path: string) => void
  openExternal?: (url: string) => Promise<void>
}

export interface AppServiceOptions {
  dataDir: string
  home: string
  env: NodeJS.ProcessEnv
  /** Store folders given on the command line: exactly these are used, and nothing is remembered. */
  dirs: string[]
  /** The shipped sample stores (resources/samples), copied into the data folder on a first run. */
  samplesDir: string
  shell: 'electron' | 'browser'
  hooks?: PlatformHooks
  reconcileIntervalMs?: number
}

export function storeIdOf(store: Store): StoreId {
  return createHash('sha1').update(`${store.format}\0${store.root}`).digest('hex').slice(0, 12)
}

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason })
const ok = <T>(value: T): Outcome<T> => ({ ok: true, value })

type Listener<E extends EventName> = (payload: Events[E]) => void

/**
 * The application behind both shells: the stores, the live index, the operations and the undo
 * journal, answering the requests of the IPC contract. Pure Node: the Electron main process and
 * the browser shell's server only check senders, validate arguments and pass requests through.
 */
export class AppService implements ClientRequests {
  readonly shell: 'electron' | 'browser'
  private stores: Array<Store & { isSample: boolean }> = []
  private index: SessionIndex | null = null
  private notice: string | null = null
  private readonly ctx: OperationsContext
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>()
  private unsubscribeIndex: (() => void) | null = null

  private constructor(private readonly options: AppServiceOptions) {
    this.shell = options.shell
    this.ctx = operationsContext(options.dataDir)
  }

  static async start(options: AppServiceOptions): Promise<AppService> {
    const service = new AppService(options)
    await service.openStores(await service.chooseStores())
    return service
  }

  private get cacheDir(): string {
    return join(this.options.dataDir, 'index-cache')
  }

  private async chooseStores(): Promise<Array<Store & { isSample: boolean }>> {
    const { dirs, home, env, dataDir } = this.options
    if (dirs.length > 0) return (await resolveStores(dirs, home, env)).map((store) => ({ ...store, isSample: false }))
    const remembered = await loadRememberedStores(dataDir)
    const found = await defaultStores(home, env)
    const all = [...found, ...remembered].filter(
      (store, i, list) => list.findIndex((other) => other.format === store.format && other.root === store.root) === i,
    )
    if (all.length > 0) return all.map((store) => ({ ...store, isSample: false }))
    const samples = await openSampleStores(this.options.samplesDir, dataDir)
    this.notice = `No session stores were found on this machine, so SessionScope opened a copy of its sample sessions (in ${samples.folder}). Use "Open folder…" to add your own.`
    return samples.stores.map((store) => ({ ...store, isSample: true }))
  }

  private async openStores(stores: Array<Store & { isSample: boolean }>): Promise<void> {
    this.stores = stores
    const index = new SessionIndex(this.stores, {
      ownWrites: this.ctx.ownWrites,
      listOptions: { archived: true, repair: true, cacheDir: this.cacheDir, dataDir: this.options.dataDir },
      reconcileIntervalMs: this.options.reconcileIntervalMs,
    })
    // Subscribe before start: no batch can slip between the snapshot and the subscription.
    this.unsubscribeIndex = index.subscribe((batch) => this.emit('indexBatch', batch))
    await index.start()
    this.index = index
  }

  private async reopen(stores: Array<Store & { isSample: boolean }>, reason: string): Promise<void> {
    this.unsubscribeIndex?.()
    await this.index?.close()
    this.index = null
    await this.openStores(stores.length > 0 ? stores : await this.chooseStores())
    this.emit('snapshotInvalidated', { reason })
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
    this.unsubscribeIndex?.()
    this.listeners.clear()
    await this.index?.close()
  }

  private storeViews(): StoreView[] {
    return this.stores.map((store) => this.viewOf(store))
  }

  private viewOf(store: Store & { isSample: boolean }): StoreView {
    return { id: storeIdOf(store), format: store.format, root: store.root, isSample: store.isSample, ...capabilitiesOf(store.format) }
  }

  /** Every session the index knows, sub-agents recorded inside their parent's file included. */
  private allSessions(): SessionSummary[] {
    return withChildrenAfterParents(this.liveIndex().snapshot().sessions)
  }

  private storeById(storeId: StoreId): (Store & { isSample: boolean }) | undefined {
    return this.stores.find((store) => storeIdOf(store) === storeId)
  }

  private liveIndex(): SessionIndex {
    if (!this.index) throw new Error('the stores are being reopened')
    return this.index
  }

  /** The sessions the refs name, by the index's current knowledge; unknown ones are reported. */
  private resolve(refs: readonly SessionRef[]): { sessions: SessionSummary[]; missing: { id: string; reason: string }[] } {
    const all = this.allSessions()
    const sessions: SessionSummary[] = []
    const missing: { id: string; reason: string }[] = []
    for (const ref of refs) {
      const store = this.storeById(ref.storeId)
      const matches = store
        ? all.filter((s) => s.store === store.root && s.id === ref.id).sort((a, b) => Number(a.archived) - Number(b.archived))
        : []
      const found = matches[0]
      // Files sharing an id (listed with a problem each) cannot be told apart by a ref: refuse, naming them.
      const twins = matches.filter((s) => s.archived === found?.archived)
      if (!found) missing.push({ id: ref.id, reason: store ? 'not found (it may have been removed)' : 'unknown store' })
      else if (twins.length > 1) missing.push({ id: ref.id, reason: `ambiguous: ${sameIdFiles(twins)}` })
      else if (!sessions.includes(found)) sessions.push(found)
    }
    return { sessions, missing }
  }

  /** Tells the index about the app's own changes at once, so the renderer sees them within the batch window. */
  private async publishPaths(paths: Iterable<string>): Promise<void> {
    const index = this.index
    if (!index) return
    const events: IndexEvent[] = []
    // One snapshot for the batch: taking one per path re-sorts every session each time.
    const knownByPath = new Map(index.snapshot().sessions.map((session) => [session.path, session]))
    for (const path of new Set(paths)) {
      const store = this.stores.find((candidate) => path.startsWith(`${candidate.root}/`) || path.startsWith(`${candidate.root}\\`))
      if (!store) continue
      const adapter = formatModule(store.format)
      const place = adapter.classify(store.root, path)
      const info = place ? await stat(path).catch(() => null) : null
      const known = knownByPath.get(path)
      if (!place || !info) {
        events.push({ type: 'removed', path, id: known?.id ?? null, session: null })
        continue
      }
      const file: SessionFile = { path, archived: place.archived, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino }
      try {
        const session = await adapter.summarize(store, file)
        events.push({ type: known ? 'changed' : 'added', path, id: session.id, session })
      } catch (error) {
        events.push({ type: 'problem', path, reason: describeFailure(error) })
      }
    }
    if (events.length > 0) index.publish(events)
  }

  private async report(
    result: OperationResult & { entry?: { label: string } | null },
    before: readonly SessionSummary[],
    missing: { id: string; reason: string }[],
  ): Promise<Outcome<OperationReport>> {
    const paths = [...before.map((s) => s.path), ...result.done.map((d) => d.path)]
    await this.publishPaths(paths)
    return ok({ done: result.done, skipped: [...missing, ...result.skipped], undoLabel: result.entry?.label ?? null })
  }

  // ---------- requests ----------

  async getSnapshot(): Promise<AppSnapshot> {
    const state = this.liveIndex().snapshot()
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

  async loadSession(ref: SessionRef) {
    const { sessions, missing } = this.resolve([ref])
    const session = sessions[0]
    if (!session) return fail(missing[0]?.reason ?? 'not found')
    try {
      return ok(await loadSession(session, this.allSessions()))
    } catch (error) {
      return fail(`could not read ${session.path}: ${describeFailure(error)}`)
    }
  }

  async moveSessions(refs: SessionRef[], target: Parameters<ClientRequests['moveSessions']>[1], force: boolean) {
    const { sessions, missing } = this.resolve(refs)
    const all = this.liveIndex().snapshot().sessions
    const storeSessions = (root: string) => all.filter((s) => s.store === root)
    const result: OperationResult & { entry: { label: string } | null } = { done: [], skipped: [], entry: null }
    // One operation per store, so Astrid names resolve against their own store's workspaces.
    for (const root of new Set(sessions.map((s) => s.store))) {
      const part = await moveSessions(
        this.ctx,
        sessions.filter((s) => s.store === root),
        target,
        { force, storeSessions: storeSessions(root) },
      )
      result.done.push(...part.done)
      result.skipped.push(...part.skipped)
      result.entry = part.entry ?? result.entry
    }
    return this.report(result, sessions, missing)
  }

  async archiveSessions(refs: SessionRef[], force: boolean) {
    const { sessions, missing } = this.resolve(refs)
    return this.report(await archiveSessions(this.ctx, sessions, { force }), sessions, missing)
  }

  async unarchiveSessions(refs: SessionRef[]) {
    const { sessions, missing } = this.resolve(refs)
    return this.report(await unarchiveSessions(this.ctx, sessions), sessions, missing)
  }

  async trashSessions(refs: SessionRef[], force: boolean) {
    const { sessions, missing } = this.resolve(refs)
    return this.report(await trashSessions(this.ctx, sessions, { force }), sessions, missing)
  }

  async listTrash(storeId: StoreId) {
    const store = this.storeById(storeId)
    if (!store) return fail('unknown store')
    return ok((await listTrash(store)).sessions)
  }

  async restoreSessions(storeId: StoreId, ids: string[]) {
    const store = this.storeById(storeId)
    if (!store) return fail('unknown store')
    const trashed = (await listTrash(store)).sessions
    const chosen = trashed.filter((s) => ids.includes(s.id))
    const missing = ids.filter((id) => !chosen.some((s) => s.id === id)).map((id) => ({ id, reason: 'not in the trash' }))
    return this.report(await restoreSessions(this.ctx, chosen), [], missing)
  }

  async emptyTrash(storeId: StoreId) {
    const store = this.storeById(storeId)
    if (!store) return fail('unknown store')
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

  private criteria(request: PruneRequest): PruneCriteria {
    const criteria: PruneCriteria = { action: request.action }
    if (request.olderThanDays !== null) criteria.olderThanMs = request.olderThanDays * 86_400_000
    if (request.keep !== null) criteria.keep = request.keep
    if (request.scope.kind === 'project') criteria.project = request.scope.project
    return criteria
  }

  async previewPrune(request: PruneRequest) {
    const store = this.storeById(request.storeId)
    if (!store) return fail('unknown store')
    const sessions = this.liveIndex()
      .snapshot()
      .sessions.filter((s) => s.store === store.root)
    const plan = await planPrune(this.ctx, sessions, this.criteria(request))
    return ok({
      action: plan.action,
      sessions: plan.sessions.map((s) => ({ id: s.id, title: s.title, project: s.project, updatedAt: s.updatedAt, bytes: s.bytes })),
      skipped: plan.skipped,
      totalBytes: plan.sessions.reduce((sum, s) => sum + s.bytes, 0),
    })
  }

  async applyPrune(request: PruneRequest, ids: string[]) {
    const store = this.storeById(request.storeId)
    if (!store) return fail('unknown store')
    const sessions = this.liveIndex()
      .snapshot()
      .sessions.filter((s) => s.store === store.root)
    const plan = await planPrune(this.ctx, sessions, this.criteria(request))
    // Only what the user saw in the preview and confirmed; anything new since is left alone.
    const confirmed = new Set(ids)
    const dropped = plan.sessions.filter((s) => !confirmed.has(s.id)).map((s) => ({ id: s.id, reason: 'not in the confirmed preview' }))
    plan.sessions = plan.sessions.filter((s) => confirmed.has(s.id))
    const gone = ids.filter((id) => !plan.sessions.some((s) => s.id === id) && !plan.skipped.some((s) => s.id === id))
    const before = [...plan.sessions]
    const result = await applyPrune(this.ctx, plan)
    return this.report(
      { ...result, skipped: [...result.skipped, ...dropped] },
      before,
      gone.map((id) => ({ id, reason: 'no longer matches' })),
    )
  }

  async undo() {
    const result = await undoLast(this.ctx)
    if (!result.operation) return fail('Nothing to undo.')
    const paths = result.done.flatMap((d) => [d.path, ...(d.from && d.from.includes('/') ? [d.from] : [])])
    await this.publishPaths(paths)
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
    let found: Store[]
    try {
      found = await resolveStoreDir(path.trim())
    } catch (error) {
      return fail(error instanceof StoreError ? error.message : describeFailure(error))
    }
    const store = found[0]
    if (!store) return fail(`${path} is empty: there are no sessions to show yet`)
    if (this.stores.some((s) => s.format === store.format && s.root === store.root)) return fail('That store is already open.')
    const remembered = await loadRememberedStores(this.options.dataDir)
    await saveRememberedStores(this.options.dataDir, [...remembered, store])
    // Once the user has a store of their own, the samples step aside.
    if (this.stores.every((s) => s.isSample)) this.notice = null
    await this.reopen([...this.stores.filter((s) => !s.isSample), { ...store, isSample: false }], 'a store was added')
    return ok(this.viewOf({ ...store, isSample: false }))
  }

  async removeStore(storeId: StoreId) {
    const store = this.storeById(storeId)
    if (!store) return fail('unknown store')
    const remembered = await loadRememberedStores(this.options.dataDir)
    await saveRememberedStores(
      this.options.dataDir,
      remembered.filter((s) => !(s.format === store.format && s.root === store.root)),
    )
    await this.reopen(
      this.stores.filter((s) => s !== store),
      'a store was removed',
    )
    return ok(null)
  }

  async revealSession(ref: SessionRef) {
    const reveal = this.options.hooks?.reveal
    if (!reveal) return fail('Reveal in folder is only available in the desktop app.')
    const { sessions, missing } = this.resolve([ref])
    const session = sessions[0]
    if (!session) return fail(missing[0]?.reason ?? 'not found')
    reveal(session.path)
    return ok(null)
  }

  async openExternal(url: string) {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      return fail('not a link')
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return fail('only http and https links open outside the app')
    const open = this.options.hooks?.openExternal
    if (!open) return fail('links open in your browser from the desktop app only')
    await open(parsed.toString())
    return ok(null)
  }
}
