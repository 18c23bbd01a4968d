// The sessions the app knows, as of index batch `seq`: built from a snapshot, then advanced by
// batches with the core's own pure applyBatch.
import type { Problem, SessionSummary } from '../../../src-shared/model'
import { type IndexBatch, type IndexState, applyBatch } from '../../../src-shared/index-state'
import type { AppSnapshot, FormatInfo, SessionRef, ShellKind, StoreId, StoreView } from '../../../src-shared/contract'

export interface SessionsData extends IndexState {
  stores: StoreView[]
  notice: string | null
  lookedIn: string[]
  formats: FormatInfo[]
  liveWindowMs: number
  shell: ShellKind
}

export function fromSnapshot(snapshot: AppSnapshot): SessionsData {
  return {
    seq: snapshot.seq,
    sessions: snapshot.sessions,
    problems: snapshot.problems,
    stores: snapshot.stores,
    notice: snapshot.notice,
    lookedIn: snapshot.lookedIn,
    formats: snapshot.formats,
    liveWindowMs: snapshot.liveWindowMs,
    shell: snapshot.shell,
  }
}

/**
 * Applies one batch; returns the same object when the batch is already included. Throws the
 * core's MissedBatchError when a batch is missing: the caller then takes a new snapshot.
 */
export function withBatch(data: SessionsData, batch: IndexBatch): SessionsData {
  const next = applyBatch(data, batch)
  if (next === data) return data
  return { ...data, seq: next.seq, sessions: next.sessions, problems: next.problems }
}

export function sessionKey(storeId: StoreId, id: string): string {
  return `s\u241f${storeId}\u241f${id}`
}

/** Which store a session belongs to: the store whose root is the session's store folder. */
export function storeIdsByRoot(stores: readonly StoreView[]): Map<string, StoreId> {
  return new Map(stores.map((store) => [normalizeRoot(store.root), store.id]))
}

function normalizeRoot(path: string): string {
  return path.replace(/[\\/]+$/, '')
}

export function storeIdOfSession(byRoot: Map<string, StoreId>, session: Pick<SessionSummary, 'store'>): StoreId | undefined {
  return byRoot.get(normalizeRoot(session.store))
}

/** The store a problem file lies in: the longest store root that contains its path. */
export function storeIdOfProblem(stores: readonly StoreView[], problem: Problem): StoreId | undefined {
  let best: StoreView | undefined
  for (const store of stores) {
    const root = normalizeRoot(store.root)
    const inside = problem.path.startsWith(`${root}/`) || problem.path.startsWith(`${root}\\`)
    if (inside && (!best || root.length > normalizeRoot(best.root).length)) best = store
  }
  return best?.id
}

export interface TrashListing {
  status: 'loading' | 'ready' | 'error'
  sessions: SessionSummary[]
  error: string | null
}

/** A listed session by store and id, sub-agents recorded inside a parent's file included. */
export function findSession(
  stores: readonly StoreView[],
  sessions: readonly SessionSummary[],
  ref: SessionRef,
): SessionSummary | undefined {
  const store = stores.find((s) => s.id === ref.storeId)
  if (!store) return undefined
  const byRoot = storeIdsByRoot(stores)
  const search = (list: readonly SessionSummary[], depth: number): SessionSummary | undefined => {
    for (const session of list) {
      if (session.id === ref.id) return session
      if (session.children && depth < 50) {
        const found = search(session.children, depth + 1)
        if (found) return found
      }
    }
    return undefined
  }
  return search(
    sessions.filter((session) => storeIdOfSession(byRoot, session) === store.id),
    0,
  )
}
