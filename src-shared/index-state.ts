import { compareSessions } from './session-order'
import type { Problem, SessionSummary } from './model'

/**
 * One change to the index. A session is known by its file's path: an id can change when an
 * agent rewrites the file, a path cannot without a removal.
 */
export type IndexEvent =
  | { type: 'added' | 'changed'; path: string; id: string; session: SessionSummary }
  /** `id` is the one the index last knew for the path; null when the path held only a problem. */
  | { type: 'removed'; path: string; id: string | null; session: null }
  /** The file at `path` looks like a session but cannot be read; no session is listed for it. */
  | { type: 'problem'; path: string; reason: string }

/** Events published together; `seq` grows by exactly 1 from one batch to the next. */
export interface IndexBatch {
  seq: number
  events: IndexEvent[]
}

/** What a consumer holds: the sessions and problems as of batch `seq`, in listStores' order. */
export interface IndexState {
  seq: number
  sessions: SessionSummary[]
  problems: Problem[]
}

/** A batch arrived after a gap: one was missed, so the consumer must take a fresh snapshot. */
export class MissedBatchError extends Error {
  constructor(
    readonly expected: number,
    readonly received: number,
  ) {
    super(`index batch ${received} arrived, ${expected} was expected: take a new snapshot`)
    this.name = 'MissedBatchError'
  }
}

export function compareProblems(a: Problem, b: Problem): number {
  return a.path.localeCompare(b.path)
}

/** Merges two arrays sorted by `compare`, in O(a + b). */
function mergeSorted<T>(a: readonly T[], b: readonly T[], compare: (x: T, y: T) => number): T[] {
  const merged: T[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) merged.push(compare(a[i] as T, b[j] as T) <= 0 ? (a[i++] as T) : (b[j++] as T))
  while (i < a.length) merged.push(a[i++] as T)
  while (j < b.length) merged.push(b[j++] as T)
  return merged
}

/**
 * Applies a batch to a state, returning a new state (the input is not modified). Batches the
 * state already covers are ignored, so a consumer can subscribe, take a snapshot and then apply
 * every batch it received without caring which ones the snapshot already held. A batch beyond
 * the next one throws MissedBatchError rather than guess.
 */
export function applyBatch(state: IndexState, batch: IndexBatch): IndexState {
  if (batch.seq <= state.seq) return state
  if (batch.seq !== state.seq + 1) throw new MissedBatchError(state.seq + 1, batch.seq)
  // The last event for a path wins; everything else about the path is dropped first.
  const latest = new Map<string, IndexEvent>()
  for (const event of batch.events) {
    latest.delete(event.path)
    latest.set(event.path, event)
  }
  const addedSessions: SessionSummary[] = []
  const addedProblems: Problem[] = []
  for (const event of latest.values()) {
    if (event.type === 'added' || event.type === 'changed') addedSessions.push(event.session)
    else if (event.type === 'problem') addedProblems.push({ path: event.path, reason: event.reason })
  }
  const sessions = state.sessions.filter((session) => !latest.has(session.path))
  const problems = state.problems.filter((problem) => !latest.has(problem.path))
  return {
    seq: batch.seq,
    sessions: mergeSorted(sessions, addedSessions.sort(compareSessions), compareSessions),
    problems: mergeSorted(problems, addedProblems.sort(compareProblems), compareProblems),
  }
}
