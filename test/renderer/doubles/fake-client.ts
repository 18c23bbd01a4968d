// An in-memory SessionScopeClient for the renderer's unit tests (never used by the app). It keeps
// sessions, trash and an undo journal like the real service, answers asynchronously, and
// publishes numbered index batches for every change, as the watcher would.
import type { SessionDetail, SessionSummary, Turn } from '../../../src-shared/model'
import { compareSessions, lastActivityOf } from '../../../src-shared/session-order'
import type { IndexBatch, IndexEvent } from '../../../src-shared/index-state'
import type {
  AppSnapshot,
  EventName,
  Events,
  MoveTarget,
  OperationReport,
  Outcome,
  PruneRequest,
  SessionRef,
  SessionScopeClient,
  StoreView,
} from '../../../src-shared/contract'
import { FAKE_SESSIONS, FAKE_TURNS } from './fake-data'
import { FORMAT_INFOS, capabilitiesOf } from '../../../src-main/core/formats/registry'

export interface FakeClientOptions {
  shell?: 'electron' | 'browser'
  stores?: StoreView[]
  sessions?: SessionSummary[]
  turns?: Record<string, Turn[]>
  /** Models and skipped lines loadSession reports, by session id. */
  details?: Record<string, Partial<Pick<SessionDetail, 'models' | 'skippedLines'>>>
  now?: () => number
  liveWindowMs?: number
  notice?: string | null
}

export interface FakeClient extends SessionScopeClient {
  /** Every request made, by name, in order. */
  readonly calls: string[]
  seq(): number
  sessions(): SessionSummary[]
  trashOf(storeId: string): SessionSummary[]
  /** Publishes a batch as the watcher would (seq is numbered automatically unless given). */
  emit(events: IndexEvent[], seq?: number): IndexBatch
  invalidate(reason?: string): void
  /** Lets a test hold snapshots back: getSnapshot waits for the returned promise's release. */
  holdSnapshots(): { release(): void }
}

export const FAKE_STORES: StoreView[] = [
  { id: 'store-ao', format: 'ao', root: '/home/dana/.ao-rs/sessions', isSample: false, ...capabilitiesOf('ao') },
  { id: 'store-oxios', format: 'oxios', root: '/home/dana/.oxios/workspace/sessions', isSample: false, ...capabilitiesOf('oxios') },
  { id: 'store-astrid', format: 'astrid', root: '/home/dana/.astrid/sessions', isSample: false, ...capabilitiesOf('astrid') },
]

const clone = <T>(value: T): T => structuredClone(value)

export function createFakeClient(options: FakeClientOptions = {}): FakeClient {
  const now = options.now ?? (() => Date.parse('2026-11-21T12:00:00.000Z'))
  const liveWindowMs = options.liveWindowMs ?? 60_000
  const stores = clone(options.stores ?? FAKE_STORES)
  const turns = options.turns ?? FAKE_TURNS
  let sessions = clone(options.sessions ?? FAKE_SESSIONS).sort(compareSessions)
  const trash = new Map<string, SessionSummary[]>()
  const journal: Array<{ label: string; revert: () => { report: OperationReport; events: IndexEvent[] } }> = []
  const listeners = new Map<EventName, Set<(payload: never) => void>>()
  const calls: string[] = []
  let seq = 0
  let hold: Promise<void> | null = null

  const reply = <T>(value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(clone(value)), 0))
  const deliver = <E extends EventName>(event: E, payload: Events[E]) => {
    for (const listener of listeners.get(event) ?? []) (listener as (p: Events[E]) => void)(clone(payload))
  }
  const storeOf = (storeId: string) => stores.find((store) => store.id === storeId)
  const find = (ref: SessionRef) => {
    const store = storeOf(ref.storeId)
    return store ? sessions.find((session) => session.store === store.root && session.id === ref.id) : undefined
  }
  /** A sub-agent recorded inside another session's file (Claude Code ≤ 1.0). */
  const findInline = (ref: SessionRef) => {
    const store = storeOf(ref.storeId)
    for (const session of sessions) {
      if (!store || session.store !== store.root) continue
      const child = session.children?.find((c) => c.id === ref.id)
      if (child) return child
    }
    return undefined
  }
  const isLive = (session: SessionSummary) => now() - Date.parse(session.modifiedAt) < liveWindowMs
  const publish = (events: IndexEvent[]) => {
    if (events.length === 0) return
    const batch = { seq: ++seq, events }
    setTimeout(() => deliver('indexBatch', batch), 0)
  }
  const replace = (before: SessionSummary, after: SessionSummary | null): IndexEvent[] => {
    sessions = sessions.filter((session) => session !== before)
    if (after) sessions = [...sessions, after].sort(compareSessions)
    if (!after) return [{ type: 'removed', path: before.path, id: before.id, session: null }]
    if (after.path === before.path) return [{ type: 'changed', path: after.path, id: after.id, session: after }]
    return [
      { type: 'removed', path: before.path, id: before.id, session: null },
      { type: 'added', path: after.path, id: after.id, session: after },
    ]
  }
  const archivedPath = (session: SessionSummary, archived: boolean) => {
    const cut = session.path.lastIndexOf('/')
    const dir = session.path.slice(0, cut).replace(/\/\.archive$/, '')
    return `${dir}${archived ? '/.archive' : ''}${session.path.slice(cut)}`
  }

  type Change = { before: SessionSummary | null; after: SessionSummary | null; storeId: string }
  function operate(
    refs: SessionRef[],
    force: boolean,
    label: (n: number) => string,
    change: (session: SessionSummary, storeId: string) => SessionSummary | null | string,
  ): Outcome<OperationReport> {
    const report: OperationReport = { done: [], skipped: [], undoLabel: null }
    const events: IndexEvent[] = []
    const changes: Change[] = []
    for (const ref of refs) {
      const session = find(ref)
      if (!session) {
        report.skipped.push({ id: ref.id, reason: findInline(ref) ? 'a sub-agent session moves with its parent session' : 'not found' })
        continue
      }
      if (!force && isLive(session)) {
        report.skipped.push({ id: ref.id, reason: 'live' })
        continue
      }
      const after = change(session, ref.storeId)
      if (typeof after === 'string') {
        report.skipped.push({ id: ref.id, reason: after })
        continue
      }
      events.push(...replace(session, after))
      if (!after) trash.set(ref.storeId, [...(trash.get(ref.storeId) ?? []), session])
      changes.push({ before: session, after, storeId: ref.storeId })
      report.done.push({ id: session.id, from: session.project, to: after?.project ?? null, path: after?.path ?? session.path })
    }
    if (report.done.length === 0) return { ok: true, value: report }
    report.undoLabel = label(report.done.length)
    journal.push({ label: report.undoLabel, revert: () => revert(changes) })
    publish(events)
    return { ok: true, value: report }
  }
  function revert(changes: Change[]): { report: OperationReport; events: IndexEvent[] } {
    const report: OperationReport = { done: [], skipped: [], undoLabel: null }
    const events: IndexEvent[] = []
    for (const { before, after, storeId } of changes.slice().reverse()) {
      if (after) {
        const current = sessions.find((session) => session.path === after.path)
        if (!current) {
          report.skipped.push({ id: after.id, reason: 'changed on disk' })
          continue
        }
        events.push(...replace(current, before))
      } else if (before) {
        trash.set(
          storeId,
          (trash.get(storeId) ?? []).filter((session) => session.id !== before.id),
        )
        sessions = [...sessions, before].sort(compareSessions)
        events.push({ type: 'added', path: before.path, id: before.id, session: before })
      }
      const id = (before ?? after)?.id ?? ''
      report.done.push({ id, from: after?.project ?? null, to: before?.project ?? null, path: before?.path ?? '' })
    }
    return { report, events }
  }
  const n = (count: number) => `${count} session${count === 1 ? '' : 's'}`
  function pruneCandidates(request: PruneRequest): SessionSummary[] {
    const store = storeOf(request.storeId)
    if (!store) return []
    const inScope = sessions.filter(
      (session) =>
        session.store === store.root && !session.archived && (request.scope.kind === 'store' || session.project === request.scope.project),
    )
    const newest = new Set(request.keep === null ? [] : inScope.slice(0, request.keep))
    const cutoff = request.olderThanDays === null ? null : now() - request.olderThanDays * 86_400_000
    return inScope.filter((session) => !newest.has(session) && (cutoff === null || Date.parse(lastActivityOf(session)) < cutoff))
  }

  const client: FakeClient = {
    shell: options.shell ?? 'electron',
    calls,
    seq: () => seq,
    sessions: () => clone(sessions),
    trashOf: (storeId) => clone(trash.get(storeId) ?? []),
    emit(events, at) {
      const batch = { seq: at ?? ++seq, events }
      if (at !== undefined) seq = Math.max(seq, at)
      for (const event of events) {
        sessions = sessions.filter((session) => session.path !== event.path)
        if (event.type === 'added' || event.type === 'changed') sessions = [...sessions, event.session].sort(compareSessions)
      }
      deliver('indexBatch', batch)
      return batch
    },
    invalidate(reason = 'test') {
      deliver('snapshotInvalidated', { reason })
    },
    holdSnapshots() {
      let release = () => {}
      hold = new Promise((resolve) => (release = resolve))
      return {
        release: () => {
          hold = null
          release()
        },
      }
    },
    on(event, listener) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener as (payload: never) => void)
      return () => set.delete(listener as (payload: never) => void)
    },
    async getSnapshot() {
      calls.push('getSnapshot')
      const snapshot: AppSnapshot = {
        seq,
        stores,
        sessions,
        problems: [
          { path: '/home/dana/.astrid/sessions/7c1e9a40-0000-4000-8000-000000000000.json', reason: 'cut off: the JSON ends early' },
        ],
        notice: options.notice ?? null,
        lookedIn: ['/home/dana/.oxios/workspace/sessions', '/home/dana/.astrid/sessions', '/home/dana/.ao-rs/sessions'],
        formats: [...FORMAT_INFOS],
        liveWindowMs,
        shell: client.shell,
      }
      const copy = clone(snapshot)
      if (hold) await hold
      return reply(copy)
    },
    async loadSession(ref) {
      calls.push('loadSession')
      const session = find(ref) ?? findInline(ref) ?? (trash.get(ref.storeId) ?? []).find((s) => s.id === ref.id)
      if (!session) return reply({ ok: false as const, reason: 'not found' })
      return reply({ ok: true as const, value: { session, turns: turns[session.id] ?? [], ...(options.details?.[session.id] ?? {}) } })
    },
    async moveSessions(refs, target: MoveTarget, force) {
      calls.push('moveSessions')
      const name = target.kind === 'project' ? target.name : null
      const movable = refs.some((ref) => storeOf(ref.storeId)?.canMove)
      if (movable && name !== null && (name.trim() === '' || /[/\\]/.test(name) || name.startsWith('.'))) {
        return reply({ ok: false as const, reason: `"${name}" cannot be a project name` })
      }
      return reply(
        operate(
          refs,
          force,
          (k) => `Move ${n(k)} to ${name ?? 'Unfiled'}`,
          (session, storeId) => {
            // As the core does: formats whose agent owns the project refuse; Claude Code sub-agents travel with their parent.
            if (!storeOf(storeId)?.canMove) return 'not supported for this format'
            if (session.format === 'claude' && session.parentId !== null) return 'a sub-agent session moves with its parent session'
            return session.project === name ? 'already there' : { ...session, project: name }
          },
        ),
      )
    },
    async archiveSessions(refs, force) {
      calls.push('archiveSessions')
      return reply(
        operate(
          refs,
          force,
          (k) => `Archive ${n(k)}`,
          (session) => (session.archived ? 'already archived' : { ...session, archived: true, path: archivedPath(session, true) }),
        ),
      )
    },
    async unarchiveSessions(refs) {
      calls.push('unarchiveSessions')
      return reply(
        operate(
          refs,
          true,
          (k) => `Unarchive ${n(k)}`,
          (session) => (session.archived ? { ...session, archived: false, path: archivedPath(session, false) } : 'not archived'),
        ),
      )
    },
    async trashSessions(refs, force) {
      calls.push('trashSessions')
      return reply(
        operate(
          refs,
          force,
          (k) => `Move ${n(k)} to the trash`,
          () => null,
        ),
      )
    },
    async listTrash(storeId) {
      calls.push('listTrash')
      if (!storeOf(storeId)) return reply({ ok: false as const, reason: 'unknown store' })
      return reply({ ok: true as const, value: trash.get(storeId) ?? [] })
    },
    async restoreSessions(storeId, ids) {
      calls.push('restoreSessions')
      const report: OperationReport = { done: [], skipped: [], undoLabel: null }
      const events: IndexEvent[] = []
      const restored: SessionSummary[] = []
      for (const id of ids) {
        const session = (trash.get(storeId) ?? []).find((s) => s.id === id)
        if (!session) {
          report.skipped.push({ id, reason: 'not in the trash' })
          continue
        }
        trash.set(
          storeId,
          (trash.get(storeId) ?? []).filter((s) => s !== session),
        )
        sessions = [...sessions, session].sort(compareSessions)
        events.push({ type: 'added', path: session.path, id, session })
        restored.push(session)
        report.done.push({ id, from: null, to: session.project, path: session.path })
      }
      if (restored.length > 0) {
        report.undoLabel = `Restore ${n(restored.length)}`
        journal.push({
          label: report.undoLabel,
          revert: () => {
            const back: IndexEvent[] = []
            for (const session of restored) {
              back.push(...replace(session, null))
              trash.set(storeId, [...(trash.get(storeId) ?? []), session])
            }
            return { report: { done: report.done, skipped: [], undoLabel: null }, events: back }
          },
        })
        publish(events)
      }
      return reply({ ok: true as const, value: report })
    },
    async emptyTrash(storeId) {
      calls.push('emptyTrash')
      const files = trash.get(storeId) ?? []
      trash.set(storeId, [])
      return reply({ ok: true as const, value: { files: files.length, bytes: files.reduce((sum, s) => sum + s.bytes, 0) } })
    },
    async previewPrune(request) {
      calls.push('previewPrune')
      const candidates = pruneCandidates(request)
      const live = candidates.filter(isLive)
      const touched = candidates.filter((session) => !isLive(session))
      return reply({
        ok: true as const,
        value: {
          action: request.action,
          sessions: touched.map(({ id, title, project, updatedAt, bytes }) => ({ id, title, project, updatedAt, bytes })),
          skipped: live.map((session) => ({ id: session.id, reason: 'live' })),
          totalBytes: touched.reduce((sum, session) => sum + session.bytes, 0),
        },
      })
    },
    async applyPrune(request, ids) {
      calls.push('applyPrune')
      const still = new Set(pruneCandidates(request).map((session) => session.id))
      const refs = ids.filter((id) => still.has(id)).map((id) => ({ storeId: request.storeId, id }))
      if (request.action === 'archive') return client.archiveSessions(refs, false)
      return client.trashSessions(refs, false)
    },
    async undo() {
      calls.push('undo')
      const entry = journal.pop()
      if (!entry) return reply({ ok: false as const, reason: 'there is nothing to undo' })
      const { report, events } = entry.revert()
      publish(events)
      return reply({ ok: true as const, value: { ...report, undoLabel: journal.at(-1)?.label ?? null, label: entry.label } })
    },
    async addStore(typedPath) {
      calls.push('addStore')
      if (client.shell === 'browser' && !typedPath) return reply({ ok: false as const, reason: 'type a folder' })
      const store: StoreView = {
        id: `store-${stores.length + 1}`,
        format: 'oxios',
        root: typedPath ?? '/home/dana/picked',
        isSample: false,
        ...capabilitiesOf('oxios'),
      }
      stores.push(store)
      setTimeout(() => deliver('snapshotInvalidated', { reason: 'store added' }), 0)
      return reply({ ok: true as const, value: store })
    },
    async removeStore(storeId) {
      calls.push('removeStore')
      const at = stores.findIndex((store) => store.id === storeId)
      if (at >= 0) stores.splice(at, 1)
      return reply({ ok: true as const, value: null })
    },
    async revealSession() {
      calls.push('revealSession')
      return reply({ ok: true as const, value: null })
    },
    async openExternal() {
      calls.push('openExternal')
      return reply({ ok: true as const, value: null })
    },
  }
  return client
}
