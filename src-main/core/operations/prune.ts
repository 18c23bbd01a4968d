import type { PruneRequest } from '../../../src-shared/contract'
import type { SessionSummary } from '../../../src-shared/model'
import { lastActivityOf } from '../../../src-shared/session-order'
import { type OperationsContext, type Skipped, archiveSessions, liveReason, trashSessions } from './operations'

export type PruneAction = 'archive' | 'trash'

export interface PruneCriteria {
  /** Sessions whose last activity (lastActivityOf: the agent's own record) is older than this. */
  olderThanMs?: number
  /** Keep the newest N (per store, or within the project when one is given). */
  keep?: number
  /** Only this project; null means the sessions without one. Undefined: the whole store. */
  project?: string | null
  action: PruneAction
}

export interface PrunePlan {
  action: PruneAction
  /** Exactly the sessions a real run touches. */
  sessions: SessionSummary[]
  skipped: Skipped[]
  /** Planned with --force: live sessions (not those being written this moment) are included. */
  force: boolean
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }

/** "30d", "12h", "2w", "90m", "45s" → milliseconds; null when it is not such a duration. */
export function parseAge(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(text.trim())
  if (!match) return null
  return Number(match[1]) * (UNITS[(match[2] as string).toLowerCase()] as number)
}

/**
 * The sessions a prune selects, by their last activity as the agent recorded it (never the file's
 * mtime, nor a field a move rewrote): with both criteria a session must be older than the age AND
 * outside the newest N; archived sessions are never candidates.
 */
export function selectForPrune(sessions: readonly SessionSummary[], criteria: PruneCriteria, now: number): SessionSummary[] {
  const scope = sessions
    .filter((session) => !session.archived)
    .filter((session) => criteria.project === undefined || session.project === criteria.project)
    .map((session) => ({ session, at: lastActivityOf(session) }))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.session.id.localeCompare(b.session.id)))
  return scope
    .filter(({ at }, rank) => {
      const beyondKeep = criteria.keep === undefined || rank >= criteria.keep
      const oldEnough = criteria.olderThanMs === undefined || Date.parse(at) < now - criteria.olderThanMs
      return beyondKeep && oldEnough
    })
    .map(({ session }) => session)
}

/** The plan a dry run prints and a real run carries out: selected sessions, less the live ones. */
export async function planPrune(
  ctx: OperationsContext,
  sessions: readonly SessionSummary[],
  criteria: PruneCriteria,
  force = false,
): Promise<PrunePlan> {
  const plan: PrunePlan = { action: criteria.action, sessions: [], skipped: [], force }
  for (const session of selectForPrune(sessions, criteria, ctx.now())) {
    // Archiving and trashing move the file: the same rule as for those operations.
    const reason = await liveReason(ctx, session.path, force, true)
    if (reason) plan.skipped.push({ id: session.id, reason })
    else plan.sessions.push(session)
  }
  return plan
}

/**
 * Carries out a plan. Sessions that turned live since planning are skipped, unless the plan was
 * forced; one being written at this moment is skipped even then.
 */
export async function applyPrune(ctx: OperationsContext, plan: PrunePlan) {
  const n = plan.sessions.length
  const journalAs = { kind: 'prune' as const, label: `Prune ${n === 1 ? 'session' : `${n} sessions`} (${plan.action})` }
  const run = plan.action === 'archive' ? archiveSessions : trashSessions
  const result = await run(ctx, plan.sessions, { journalAs, force: plan.force })
  return { ...result, skipped: [...plan.skipped, ...result.skipped] }
}

/** What the app's prune dialog asks for, as criteria (its age comes in whole days). */
export function pruneCriteria(request: PruneRequest): PruneCriteria {
  const criteria: PruneCriteria = { action: request.action }
  if (request.olderThanDays !== null) criteria.olderThanMs = request.olderThanDays * 86_400_000
  if (request.keep !== null) criteria.keep = request.keep
  if (request.scope.kind === 'project') criteria.project = request.scope.project
  return criteria
}
