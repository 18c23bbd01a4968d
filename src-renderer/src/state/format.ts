// Pure text helpers for the renderer: labels, accessible names, relative times.
import { type CompactionMarker, type SessionSummary, type TokenUsage } from '../../../src-shared/model'
import { lastActivityOf } from '../../../src-shared/session-order'
import type { StoreView } from '../../../src-shared/contract'

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`
}

/** A session is live while its file changed less than `windowMs` ago (an agent is writing it). */
export function isLive(session: Pick<SessionSummary, 'modifiedAt'>, now: number, windowMs: number): boolean {
  const modified = Date.parse(session.modifiedAt)
  return Number.isFinite(modified) && now - modified < windowMs
}

export function sessionTitle(session: Pick<SessionSummary, 'title'>): string {
  return session.title.trim() || 'Untitled session'
}

/**
 * "<title>, 3 turns, 7 steps, 1 error, live" (errors only when there are some), then "sub-agent"
 * for a sub-agent session and ", 2 sub-agents" for a row with sub-agents nested under it.
 */
export function sessionAccessibleName(
  session: SessionSummary,
  live: boolean,
  nesting: { isSubAgent?: boolean; subAgents?: number } = {},
): string {
  const parts = [sessionTitle(session), plural(session.turns, 'turn'), plural(session.steps, 'step')]
  if (session.errors > 0) parts.push(plural(session.errors, 'error'))
  if (live) parts.push('live')
  if (session.archived) parts.push('archived')
  if (nesting.isSubAgent) parts.push('sub-agent')
  if (nesting.subAgents) parts.push(plural(nesting.subAgents, 'sub-agent'))
  return parts.join(', ')
}

/** "Conversation compacted · auto · 155,979 tokens before" (the parts recorded). */
export function compactionLabel(marker: Pick<CompactionMarker, 'trigger' | 'preTokens'>): string {
  const parts = ['Conversation compacted']
  if (marker.trigger) parts.push(marker.trigger)
  if (marker.preTokens !== null && Number.isFinite(marker.preTokens)) parts.push(`${plural(marker.preTokens, 'token')} before`)
  return parts.join(' · ')
}

/** "claude-sonnet-4-5 (most), claude-haiku-4-5" when a session used several models, else the one. */
export function modelsText(model: string | null, models: readonly string[] | undefined): string | null {
  const all = (models ?? []).filter(Boolean)
  if (all.length > 1) return [`${all[0]} (most)`, ...all.slice(1)].join(', ')
  return all[0] ?? model
}

/**
 * Token counts with their meaning explicit: "input 1,200 (includes 800 cached) · output 300" where
 * the input already counts the cached tokens (OpenAI, Gemini), else each kept apart: "input 1,200
 * · cache read 800 · cache write 40 · output 300".
 */
export function tokensText(tokens: TokenUsage): string {
  const n = (value: number) => value.toLocaleString('en-US')
  if (tokens.inputIncludesCache) {
    const parts = [`input ${n(tokens.input)} (includes ${n(tokens.cacheRead)} cached)`]
    if (tokens.cacheWrite > 0) parts.push(`cache write ${n(tokens.cacheWrite)}`)
    parts.push(`output ${n(tokens.output)}`)
    return parts.join(' · ')
  }
  return [
    `input ${n(tokens.input)}`,
    `cache read ${n(tokens.cacheRead)}`,
    `cache write ${n(tokens.cacheWrite)}`,
    `output ${n(tokens.output)}`,
  ].join(' · ')
}

/** "Moving is not supported for Codex CLI sessions". */
export function moveRefusal(store: Pick<StoreView, 'label'>): string {
  return `Moving is not supported for ${storeLabel(store)} sessions`
}

export function projectName(project: string | null): string {
  return project ?? 'Unfiled'
}

/** The last path segment of a project key that is a path (Astrid workspaces), else the key. */
export function projectShortName(project: string | null): string {
  if (project === null) return 'Unfiled'
  const trimmed = project.replace(/[\\/]+$/, '')
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'))
  return cut >= 0 && cut < trimmed.length - 1 ? trimmed.slice(cut + 1) : project
}

export function storeLabel(store: Pick<StoreView, 'label'>): string {
  return store.label
}

/**
 * How far ahead of the renderer's clock a time may be and still read "just now". The renderer's
 * `now` ticks every few seconds, so a session stamped since the last tick is ahead of it; and the
 * stamp may come from another process or, through the browser shell, another machine whose clock
 * is off by a little. Two minutes covers both without hiding a stamp that is really wrong.
 */
export const FUTURE_TOLERANCE_MS = 120_000

/** "just now", "5 min ago", "3 h ago", "2 d ago", then the date. */
export function relativeTime(iso: string, now: number): string {
  const then = Date.parse(iso)
  if (!Number.isFinite(then)) return ''
  if (then - now > FUTURE_TOLERANCE_MS) return 'in the future'
  const seconds = Math.max(0, Math.round((now - then) / 1000))
  if (seconds < 45) return 'just now'
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.round(minutes / 60)
  if (hours < 24) return `${hours} h ago`
  const days = Math.round(hours / 24)
  if (days < 30) return `${days} d ago`
  const date = new Date(then)
  const sameYear = date.getFullYear() === new Date(now).getFullYear()
  return date.toLocaleDateString(
    'en-US',
    sameYear ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' },
  )
}

/**
 * A session's age as the app shows it: its last activity as the agent recorded it, so that the
 * app's own edits (a move stamps updatedAt in some formats) do not make it look fresh.
 */
export function activityAge(session: Pick<SessionSummary, 'updatedAt' | 'lastActivityAt'>, now: number): string {
  return relativeTime(lastActivityOf(session), now)
}

/**
 * The last activity of a prune preview's row: its own when the core sends one, else that of the
 * listed session it names (the preview rows carry only updatedAt), else its updated time.
 */
export function previewActivity(
  row: Pick<SessionSummary, 'updatedAt' | 'lastActivityAt'>,
  listed: Pick<SessionSummary, 'updatedAt' | 'lastActivityAt'> | undefined,
): string {
  return row.lastActivityAt ?? (listed ? lastActivityOf(listed) : row.updatedAt)
}

/**
 * Why a session the agent is writing was left alone, and what to do: the one wording for every
 * toast, preview and message. `detail` is the core's own account, when it gave more than "live".
 */
function beingWrittenText(detail: string): string {
  return (
    `the agent is still writing it (${detail}); changing its file now could split it in two or lose what the agent writes next` +
    ' — try again once it has been quiet for a minute'
  )
}

/** Turns a machine reason ("live") into words for a message. */
export function describeReason(reason: string): string {
  if (reason.startsWith('being written')) return beingWrittenText(reason)
  const known: Record<string, string> = {
    live: beingWrittenText('changed less than a minute ago'),
    changed: 'it changed on disk',
    'not-found': 'it was not found',
    missing: 'it was not found',
  }
  return known[reason] ?? reason
}
