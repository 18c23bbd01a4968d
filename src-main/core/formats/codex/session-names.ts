import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { FoldCache, foldJsonl } from '../../jsonl'
import { isRecord } from '../../shape'

// <codex home>/session_index.jsonl: an append-only log of {id, thread_name, updated_at}, the
// names users give threads. The newest entry per id wins. It is read once per change (keyed by
// size and mtime) and, as it only grows, from where the last read stopped.

export const SESSION_INDEX = 'session_index.jsonl'

interface Names {
  byId: Map<string, { name: string; updatedAt: number }>
}

const folds = new FoldCache<Names>(16)
const memo = new Map<string, { size: number; mtimeMs: number; names: Promise<Map<string, string>> }>()

function foldEntry(state: Names, value: unknown): void {
  if (!isRecord(value)) return
  const id = typeof value.id === 'string' ? value.id : typeof value.thread_id === 'string' ? value.thread_id : null
  const name = typeof value.thread_name === 'string' ? value.thread_name : null
  if (id === null || name === null) return
  const parsed = typeof value.updated_at === 'string' ? Date.parse(value.updated_at) : Number.NaN
  const updatedAt = Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed
  const current = state.byId.get(id)
  // Later lines win unless they say they are older.
  if (current && updatedAt < current.updatedAt) return
  state.byId.set(id, { name, updatedAt: Math.max(updatedAt, current?.updatedAt ?? updatedAt) })
}

async function readNames(path: string): Promise<Map<string, string>> {
  const { state } = await foldJsonl(path, (): Names => ({ byId: new Map() }), foldEntry, {
    cache: folds,
    clone: (names) => ({ byId: new Map(names.byId) }),
  })
  return new Map([...state.byId].map(([id, entry]) => [id, entry.name]))
}

/** The thread names of a Codex home by session id; empty when it has no index. */
export async function threadNames(root: string): Promise<Map<string, string>> {
  const path = join(root, SESSION_INDEX)
  let info
  try {
    info = await stat(path)
  } catch {
    memo.delete(root)
    return new Map()
  }
  if (!info.isFile()) return new Map()
  const known = memo.get(root)
  if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) return known.names
  // Shared by the summaries of one batch that ask at once; a failed read is not remembered.
  const names = readNames(path).catch(() => {
    memo.delete(root)
    return new Map<string, string>()
  })
  memo.set(root, { size: info.size, mtimeMs: info.mtimeMs, names })
  if (memo.size > 16) memo.delete(memo.keys().next().value as string)
  return names
}
