import { stat } from 'node:fs/promises'
import { findSession } from '../lookup'
import type { SessionSummary, Store } from '../../../src-shared/model'
import type { IndexDatabase } from './index-database'
import { read, statement } from './index-store'

// Finding one session by the id a person typed through the index, straight to its file, without
// listing the store: `show` of one session of a 10k-session store reads one file, not 10k. The
// index answers only when it knows that file exactly as it is on disk now; anything else (not
// indexed yet, changed since, a sub-agent kept inside its parent's file, an ambiguous prefix) is
// left to the listing, which is always right.

interface Row {
  summary: string
  size: number | null
  mtime_ms: number | null
  ino: number | null
}

const CANDIDATES = `
SELECT s.summary, f.size, f.mtime_ms, f.ino FROM sessions s LEFT JOIN file_state f ON f.path = s.path
WHERE s.store = (SELECT id FROM stores WHERE root = ? AND format = ?) AND s.id LIKE ? ESCAPE '\\'
LIMIT 64`

const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * The session of `store` that `query` (an id or an unambiguous prefix, as findSession reads it)
 * names, when the index knows it and its file is unchanged since; null when the listing must say.
 */
export async function lookupIndexed(
  index: IndexDatabase,
  store: Store,
  query: string,
  options: { archived: boolean },
): Promise<SessionSummary | null> {
  const wanted = query.trim()
  if (wanted === '') return null
  let rows: Row[]
  try {
    rows = read(index, 'read', () => statement<Row>(index, CANDIDATES).all(store.root, store.format, likePrefix(wanted)))
  } catch {
    return null
  }
  // As many as the limit: there may be more, so the listing decides.
  if (rows.length === 64) return null
  const summaries = rows.map((row) => ({ row, session: JSON.parse(row.summary) as SessionSummary }))
  const candidates = summaries.filter(({ session }) => options.archived || !session.archived)
  // A sub-agent kept inside its parent's file has no row of its own: only the listing sees it.
  const lower = wanted.toLowerCase()
  if (candidates.some(({ session }) => session.children?.some((child) => child.id.toLowerCase().startsWith(lower)))) return null
  const found = findSession(
    candidates.map(({ session }) => session),
    wanted,
    { prefix: true },
  )
  if (found.kind !== 'found') return null
  const { row } = candidates.find(({ session }) => session === found.session) as { row: Row }
  const info = await stat(found.session.path).catch(() => null)
  if (!info?.isFile() || row.size !== info.size || row.mtime_ms !== info.mtimeMs) return null
  if (row.ino !== null && row.ino !== info.ino) return null
  return found.session
}
