import { formatModule } from '../core/formats/registry'
import { findSession, lookupRefusal } from '../core/lookup'
import { listTrash } from '../core/operations/trash'
import { projectNameProblem } from '../core/project-name'
import type { MoveTarget, SessionRef, StoreId } from '../../src-shared/contract'
import type { SessionSummary, SkippedItem, Store } from '../../src-shared/model'
import { withChildrenAfterParents } from '../../src-shared/session-order'
import type { OpenStores } from './open-stores'
import type { OpenStore } from './store-choice'

// How the service turns what a shell names (refs the app listed, ids a person typed) into
// sessions, and the one pre-check of a move's target: every shell goes through these.

/** Where a query looks for sessions: the listed ones (active and archived), or the store's trash. */
export type SessionPlace = 'listed' | 'trash'

export interface ResolvedQueries {
  refs: SessionRef[]
  skipped: SkippedItem[]
  /** Every session of the place looked in, sub-agents included (for naming what was acted on). */
  candidates: SessionSummary[]
}

/** The sessions of one store a place holds, sub-agents recorded inside their parent's file included. */
export async function sessionsIn(open: OpenStores, store: OpenStore, place: SessionPlace): Promise<SessionSummary[]> {
  if (place === 'listed') return (await open.allSessions()).filter((s) => s.store === store.root)
  return withChildrenAfterParents((await listTrash(store)).sessions)
}

/** The sessions `ids` name exactly among `candidates`, once each; the others are reported with `notFound` or the clash. */
export function pickExactly(
  candidates: readonly SessionSummary[],
  ids: readonly string[],
  notFound: string,
): { sessions: SessionSummary[]; missing: SkippedItem[] } {
  const sessions: SessionSummary[] = []
  const missing: SkippedItem[] = []
  for (const id of ids) {
    const found = findSession(candidates, id, { prefix: false })
    if (found.kind !== 'found') missing.push({ id, reason: lookupRefusal(found, notFound) as string })
    else if (!sessions.includes(found.session)) sessions.push(found.session)
  }
  return { sessions, missing }
}

/** The sessions the refs name, by the index's current knowledge; unknown ones are reported. */
export async function resolveRefs(
  open: OpenStores,
  refs: readonly SessionRef[],
): Promise<{ sessions: SessionSummary[]; missing: SkippedItem[] }> {
  const all = await open.allSessions()
  const sessions: SessionSummary[] = []
  const missing: SkippedItem[] = []
  for (const ref of refs) {
    const store = open.byId(ref.storeId)
    if (!store) {
      missing.push({ id: ref.id, reason: 'unknown store' })
      continue
    }
    const picked = pickExactly(
      all.filter((s) => s.store === store.root),
      [ref.id],
      'not found (it may have been removed)',
    )
    missing.push(...picked.missing)
    for (const session of picked.sessions) if (!sessions.includes(session)) sessions.push(session)
  }
  return { sessions, missing }
}

/** Typed ids (a full id or an unambiguous prefix) as refs, once each; the ones that match nothing or several are skipped with the reason. */
export function queriesToRefs(candidates: SessionSummary[], storeId: StoreId, queries: readonly string[]): ResolvedQueries {
  const refs: SessionRef[] = []
  const skipped: SkippedItem[] = []
  for (const query of queries) {
    const found = findSession(candidates, query, { prefix: true })
    if (found.kind !== 'found') skipped.push({ id: query, reason: lookupRefusal(found, 'not found') as string })
    else if (!refs.some((ref) => ref.id === found.session.id)) refs.push({ storeId, id: found.session.id })
  }
  return { refs, skipped, candidates }
}

/** The one pre-check of a move's target: a name no session of the store could take, or null. */
export function moveTargetProblem(store: Store, target: MoveTarget): string | null {
  if (target.kind === 'unfiled') return null
  const module = formatModule(store.format)
  // A format whose sessions never move says so of each session; no name would do.
  if (module.moves === 'unsupported') return null
  // Names a format owns (Astrid workspaces, Claude working directories) are checked against the store's sessions.
  if (module.ownsProjectName?.(target.name)) return null
  return projectNameProblem(target.name)
}
