import { stat } from 'node:fs/promises'
import type { SessionFile } from './adapters/adapter'
import { adapterFor } from './adapters/registry'
import { mapLimit } from './concurrency'
import type { Listing, Problem, SessionDetail, SessionSummary, Store } from './model'
import { describeFailure } from './unreadable'

export interface ListOptions {
  /** Include archived sessions. */
  archived: boolean
}

// Enough parallel reads to hide disk latency; few enough that only a handful of whole
// sessions are ever in memory at once.
const READ_CONCURRENCY = 8

/** Newest update first; ties broken by id so the order is stable. */
export function compareSessions(a: SessionSummary, b: SessionSummary): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

type SummaryResult = { session: SessionSummary } | { problem: Problem }

/** Summarises every session of the stores; unreadable files become problems, never failures. */
export async function listStores(stores: readonly Store[], options: ListOptions): Promise<Listing> {
  const sessions: SessionSummary[] = []
  const problems: Problem[] = []
  for (const store of stores) {
    const adapter = adapterFor(store.format)
    const files = await adapter.scan(store.root, options)
    const results = await mapLimit(files, READ_CONCURRENCY, async (file): Promise<SummaryResult> => {
      try {
        return { session: await adapter.summarize(store, file) }
      } catch (error) {
        return { problem: { path: file.path, reason: describeFailure(error) } }
      }
    })
    for (const result of results) {
      if ('session' in result) sessions.push(result.session)
      else problems.push(result.problem)
    }
  }
  sessions.sort(compareSessions)
  problems.sort((a, b) => a.path.localeCompare(b.path))
  return { sessions, problems }
}

/** Reads one listed session in full, as it is on disk now. */
export async function loadSession(summary: SessionSummary): Promise<SessionDetail> {
  const info = await stat(summary.path)
  const file: SessionFile = { path: summary.path, archived: summary.archived, size: info.size, mtimeMs: info.mtimeMs }
  return adapterFor(summary.format).load({ format: summary.format, root: summary.store }, file)
}
