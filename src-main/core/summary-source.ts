import type { SessionFile } from './formats/format'
import type { SessionSummary } from '../../src-shared/model'
import type { SavedFold } from './fold-resume'

// Where a listing finds the summaries of files it read before (the index database), keyed by
// path, size, mtime and inode, so a warm start re-reads only the files that changed. A cache,
// never a source of truth: whatever it cannot answer is read from the file.

export type Cached = { session: SessionSummary } | { problem: string } | { ignored: true }

/** What a read leaves to keep beside its result: the fold to go on from, and the format's note on the file. */
export interface KeptRead {
  fold: SavedFold | null
  note: string | null
}

export interface SummarySource {
  /** The result for a file whose size, mtime and (where known) inode are unchanged. */
  get(file: SessionFile): Cached | undefined
  /** The saved fold a read of this (grown) file may go on from, if there is one. */
  savedFold?(file: SessionFile): SavedFold | null
  /** The format's note on the file as last kept, whatever its stamp then (null: none). */
  keptNote?(file: SessionFile): string | null
  /** What was read of a file, with the fold and note to keep for its next read. */
  put(file: SessionFile, result: Cached, kept: KeptRead): void
  /** Keeps what this listing saw (and forgets the files it no longer found). */
  save(): Promise<void>
}

/** No cache: every file is read. */
export const NO_SUMMARY_SOURCE: SummarySource = {
  get: () => undefined,
  put: () => undefined,
  save: async () => undefined,
}
