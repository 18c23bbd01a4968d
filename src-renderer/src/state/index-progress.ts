// The search index's build as the progress bar shows it: which report to hold (reports of one run
// only move forward; a run's `finished` ends it), and the figures and the label drawn from it.
import type { IndexProgressView } from '../../../src-shared/contract'
import { formatBytes, formatDuration } from '../../../src-shared/display'

/**
 * The report to show after `incoming` arrives (an event, or the answer to getIndexProgress, null
 * when no build is under way): null hides the bar. A report of an older run, or an older report of
 * the same run (an event overtaken by an answer), changes nothing; the run's `finished` ends it.
 */
export function nextProgress(current: IndexProgressView | null, incoming: IndexProgressView | null): IndexProgressView | null {
  if (incoming === null) return null
  if (current !== null && incoming.startedAt < current.startedAt) return current
  if (incoming.finished) return null
  if (current !== null && incoming.startedAt === current.startedAt && incoming.doneBytes < current.doneBytes) return current
  return incoming
}

export interface ProgressFigures {
  /** 0 to 1, by bytes (a few huge files take most of the time), by files when there are no bytes. */
  fraction: number
  /** Bytes read per second so far; null until there is something to measure. */
  bytesPerSecond: number | null
  /** How long the rest should take at that rate (ms); null when there is no rate. */
  msLeft: number | null
}

/** Rate and time left from the run's own clock (elapsedMs), so the renderer's clock never matters. */
export function progressFigures(view: IndexProgressView): ProgressFigures {
  const fraction = view.bytes > 0 ? view.doneBytes / view.bytes : view.files > 0 ? view.done / view.files : 0
  const bytesPerSecond = view.elapsedMs > 0 && view.doneBytes > 0 ? (view.doneBytes * 1000) / view.elapsedMs : null
  const msLeft = bytesPerSecond === null ? null : (Math.max(0, view.bytes - view.doneBytes) * 1000) / bytesPerSecond
  return { fraction: Math.min(1, Math.max(0, fraction)), bytesPerSecond, msLeft }
}

const count = (n: number) => n.toLocaleString('en-US')

/** "Indexing for search: 1,234 of 9,900 files · 120 MB of 1.0 GB · 45 MB/s · about 20 s left". */
export function progressLabel(view: IndexProgressView): string {
  const { bytesPerSecond, msLeft } = progressFigures(view)
  const parts = [
    `Indexing for search: ${count(view.done)} of ${count(view.files)} files`,
    `${formatBytes(view.doneBytes)} of ${formatBytes(view.bytes)}`,
  ]
  if (bytesPerSecond !== null) parts.push(`${formatBytes(Math.round(bytesPerSecond))}/s`)
  if (msLeft !== null) parts.push(`about ${timeLeft(msLeft)} left`)
  return parts.join(' · ')
}

/** Whole seconds under a minute ("1.3 s" would flicker, not inform), formatDuration's above. */
function timeLeft(ms: number): string {
  return ms < 60_000 ? `${Math.max(1, Math.ceil(ms / 1000))} s` : formatDuration(ms)
}
