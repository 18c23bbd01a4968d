// Pure text helpers for the renderer: labels, accessible names, relative times.
import { FORMAT_LABELS, type SessionSummary } from '../../../src-main/core/model'
import type { StoreView } from '../../../src-main/ipc/contract'

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

/** "<title>, 3 turns, 7 steps, 1 error, live" (errors only when there are some). */
export function sessionAccessibleName(session: SessionSummary, live: boolean): string {
  const parts = [sessionTitle(session), plural(session.turns, 'turn'), plural(session.steps, 'step')]
  if (session.errors > 0) parts.push(plural(session.errors, 'error'))
  if (live) parts.push('live')
  if (session.archived) parts.push('archived')
  return parts.join(', ')
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

export function storeLabel(store: Pick<StoreView, 'format'>): string {
  return FORMAT_LABELS[store.format] ?? store.format
}

/** "just now", "5 min ago", "3 h ago", "2 d ago", then the date. */
export function relativeTime(iso: string, now: number): string {
  const then = Date.parse(iso)
  if (!Number.isFinite(then)) return ''
  const seconds = Math.round((now - then) / 1000)
  if (seconds < 0) return 'in the future'
  if (seconds < 45) return 'just now'
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.round(minutes / 60)
  if (hours < 24) return `${hours} h ago`
  const days = Math.round(hours / 24)
  if (days < 30) return `${days} d ago`
  const date = new Date(then)
  const sameYear = date.getFullYear() === new Date(now).getFullYear()
  return date.toLocaleDateString('en-US', sameYear ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' })
}

/** Turns a machine reason ("live") into words for a message. */
export function describeReason(reason: string): string {
  const known: Record<string, string> = {
    live: 'it is being written right now (live)',
    changed: 'it changed on disk',
    'not-found': 'it was not found',
    missing: 'it was not found',
  }
  return known[reason] ?? reason
}
