import type { CacheEntry, FoldCache } from './jsonl'

// A JSONL fold saved across restarts: the entry a FoldCache holds for a file (where the fold
// stopped, hashes of the bytes at the start and just before that point, the folded state) as
// text for the index database, and put back into the cache before the next read, so a log that
// only grew while the app was closed is read on from where it stopped. The fold checks the hashes
// itself before it trusts a restored entry: a rewritten file is read from the start.

/** Files smaller than this are read again whole: their fold costs less than its saved state. */
export const RESUME_MIN_BYTES = 1024 * 1024

/** Saves and restores one format's summary folds (FormatModule.resumeState). */
export interface ResumeState {
  /** The fold of `path` as last read; null when there is none or it is not worth keeping. */
  save(path: string, size: number): SavedFold | null
  /** Puts a saved fold back, for the next read of `path` to go on from. */
  restore(path: string, saved: SavedFold): void
}

/** Where a saved fold stopped, hashes of the bytes that must still be there, and the whole entry as text. */
export interface SavedFold {
  offset: number
  headHash: string
  tailHash: string
  state: string
}

// Maps and Sets (the folds' indexes by id) as tagged arrays; everything else is plain JSON.
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) return { $map: [...value] }
  if (value instanceof Set) return { $set: [...value] }
  return value
}

function reviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const tagged = value as { $map?: unknown; $set?: unknown }
    const keys = Object.keys(value)
    if (keys.length === 1 && Array.isArray(tagged.$map)) return new Map(tagged.$map as Array<[unknown, unknown]>)
    if (keys.length === 1 && Array.isArray(tagged.$set)) return new Set(tagged.$set as unknown[])
  }
  return value
}

export const SAVED_FOLD_VERSION = 1

/** save/restore over one FoldCache; `version` changes whenever the format's folded state changes shape. */
export function foldResume<S>(cache: FoldCache<S>, version: string): ResumeState {
  return {
    save(path, size) {
      if (size < RESUME_MIN_BYTES) return null
      const entry = cache.get(path)
      if (!entry || entry.size !== size) return null
      const text = JSON.stringify({ v: `${SAVED_FOLD_VERSION}:${version}`, entry }, replacer)
      // A state nearly as big as the file (a format that keeps every message) saves nothing.
      if (text.length >= size / 4) return null
      return { offset: entry.offset, headHash: entry.head, tailHash: entry.end, state: text }
    },
    restore(path, saved) {
      try {
        const parsed = JSON.parse(saved.state, reviver) as { v?: unknown; entry?: CacheEntry<S> }
        if (parsed.v !== `${SAVED_FOLD_VERSION}:${version}` || parsed.entry?.offset !== saved.offset) return
        if (!cache.get(path)) cache.set(path, parsed.entry)
      } catch {
        // Unreadable: the file is read from the start, which is always right.
      }
    },
  }
}
