import type { SessionSummary } from '../model'
import { type OperationsContext, type Skipped, archiveSessions, trashSessions } from './operations'
import { stat } from 'node:fs/promises'

export type PruneAction = 'archive' | 'trash'

export interface PruneCriteria {
  /** Sessions not updated for this long. */
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
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }

/** "30d", "12h", "2w", "90m", "45s" → milliseconds; null when it is not such a duration. */
export function parseAge(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(text.trim())
  if (!match) return null
  return Number(match[1]) * (UNITS[(match[2] as string).toLowerCase()] as number)
}

/**
 * The sessions a prune selects, by the agents' own rule (updatedAt): with both criteria a session
 * must be older than the age AND outside the newest N; archived sessions are never candidates.
 */
export function selectForPrune(sessions: readonly SessionSummary[], criteria: PruneCriteria, now: number): SessionSummary[] {
  const scope = sessions
    .filter((session) => !session.archived)
    .filter((session) => criteria.project === undefined || session.project === criteria.project)
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id.localeCompare(b.id)))
  return scope.filter((session, rank) => {
    const beyondKeep = criteria.keep === undefined || rank >= criteria.keep
    const oldEnough = criteria.olderThanMs === undefined || Date.parse(session.updatedAt) < now - criteria.olderThanMs
    return beyondKeep && oldEnough
  })
}

/** The plan a dry run prints and a real run carries out: selected sessions, less the live ones. */
export async function planPrune(
  ctx: OperationsContext,
  sessions: readonly SessionSummary[],
  criteria: PruneCriteria,
  force = false,
): Promise<PrunePlan> {
  const plan: PrunePlan = { action: criteria.action, sessions: [], skipped: [] }
  for (const session of selectForPrune(sessions, criteria, ctx.now())) {
    const info = await stat(session.path).catch(() => null)
    if (!info) plan.skipped.push({ id: session.id, reason: 'the session file is gone' })
    else if (!force && ctx.now() - info.mtimeMs < ctx.liveWindowMs) plan.skipped.push({ id: session.id, reason: 'live' })
    else plan.sessions.push(session)
  }
  return plan
}

/** Carries out a plan; sessions that turned live or moved since planning are skipped, not forced. */
export async function applyPrune(ctx: OperationsContext, plan: PrunePlan) {
  const n = plan.sessions.length
  const journalAs = { kind: 'prune' as const, label: `Prune ${n === 1 ? 'session' : `${n} sessions`} (${plan.action})` }
  const run = plan.action === 'archive' ? archiveSessions : trashSessions
  const result = await run(ctx, plan.sessions, { journalAs })
  return { ...result, skipped: [...plan.skipped, ...result.skipped] }
}
