import { stat } from 'node:fs/promises'
import { formatModule } from '../formats/registry'
import type { SessionFile } from '../formats/format'
import { scanReportingUnreadable } from '../scan'
import { type ParseAnswer, type ParseJob } from '../parse-pool/parse-job'
import { parseAll } from '../parse-pool/parse-pool'
import type { ApiResponse, SessionSummary, Store } from '../../../src-shared/model'
import type { IndexDatabase } from './index-database'
import {
  type FileState,
  type TurnText,
  readFileState,
  statement,
  readFileStates,
  readStaleTextPaths,
  replaceResponses,
  replaceTexts,
  writeChanges,
} from './index-store'

// Brings the index database in line with the session files: a stat-only scan of each store,
// compared with the file states the database holds; only new and changed files are read (their
// summary and their searchable texts), and the database forgets the files that are gone. The
// files are only ever read.

/** A write transaction holds at most this many files, or this many bytes of them. */
const BATCH_FILES = 200
const BATCH_BYTES = 64 * 1024 * 1024

/** One file's rows: its session (with its texts), its problem, or nothing; always its file state. */
function writeRead(index: IndexDatabase, store: Store, file: SessionFile, read: Read): void {
  const state: FileState = {
    path: file.path,
    size: file.size,
    mtimeMs: file.mtimeMs,
    ino: file.ino ?? null,
    resumeOffset: null,
    headHash: null,
    tailHash: null,
    indexedAt: new Date().toISOString(),
  }
  if (read.kind === 'session') {
    writeChanges(index, store, { sessions: [read.session], fileStates: [state] })
    replaceTexts(index, file.path, read.texts)
    replaceResponses(index, file.path, read.responses)
  } else if (read.kind === 'problem')
    writeChanges(index, store, { problems: [{ path: file.path, reason: read.reason }], fileStates: [state] })
  else writeChanges(index, store, { removed: [file.path], fileStates: [state] })
}

export interface IndexUpdate {
  /** Files read and written to the index (new or changed). */
  indexed: number
  /** Files the index already held as they are. */
  unchanged: number
  /** Files gone since, forgotten. */
  removed: number
  /** Files that could not be read (recorded as problems). */
  problems: number
}

export interface IndexProgress {
  files: number
  done: number
  bytes: number
  doneBytes: number
}

function sameFile(state: FileState | undefined, file: SessionFile): boolean {
  return (
    state !== undefined &&
    state.size === file.size &&
    state.mtimeMs === file.mtimeMs &&
    (state.ino === null || file.ino === undefined || state.ino === file.ino)
  )
}

type Read =
  | { kind: 'session'; session: SessionSummary; texts: readonly TurnText[]; responses: readonly ApiResponse[] }
  | { kind: 'none' }
  | { kind: 'problem'; reason: string }

function readOf(answer: ParseAnswer): Read {
  if (answer.kind !== 'session') return answer
  return { kind: 'session', session: answer.session, texts: answer.texts ?? [], responses: answer.responses ?? [] }
}

/** Updates the index for `stores`; returns what it did. Progress counts the files to read, all stores together. */
export async function updateIndex(index: IndexDatabase, stores: readonly Store[], options: UpdateOptions = {}): Promise<IndexUpdate> {
  const update: IndexUpdate = { indexed: 0, unchanged: 0, removed: 0, problems: 0 }
  const work: Work[] = []
  for (const store of stores) {
    const module = formatModule(store.format)
    const scanned = await scanReportingUnreadable(() => module.scan(store.root, { archived: true }))
    const known = new Map(readFileStates(index, [store]).map((state) => [state.path, state]))
    // Summaries the listing wrote alone (the tree first): their texts are still to be read.
    const stale = new Set(readStaleTextPaths(index, [store]))
    const present = new Set(scanned.value.map((file) => file.path))
    // Folders the scan could not read are problems kept by no file: the ones it can read again go.
    const unreadable = new Set(scanned.problems.map((problem) => problem.path))
    const readableAgain = readFolderProblems(index, store).filter((path) => !unreadable.has(path))
    const removed = [...known.keys()].filter((path) => !present.has(path)).concat(readableAgain)
    if (removed.length > 0 || scanned.problems.length > 0) writeChanges(index, store, { removed, problems: scanned.problems })
    update.removed += removed.length
    for (const file of scanned.value) {
      if (sameFile(known.get(file.path), file) && !stale.has(file.path)) update.unchanged++
      else work.push({ store, file })
    }
  }
  await readAndWrite(index, work, update, options)
  return update
}

/**
 * Updates the index for just these paths (what the live index reported changed): each is looked at
 * now, read when it differs from what the index holds, forgotten when it is gone. Paths of no
 * store are left alone.
 */
export async function updateIndexPaths(
  index: IndexDatabase,
  stores: readonly Store[],
  paths: Iterable<string>,
  options: UpdateOptions = {},
): Promise<IndexUpdate> {
  const update: IndexUpdate = { indexed: 0, unchanged: 0, removed: 0, problems: 0 }
  const work: Work[] = []
  for (const path of new Set(paths)) {
    const store = stores.find((candidate) => formatModule(candidate.format).classify(candidate.root, path) !== null)
    if (!store) continue
    const info = await stat(path).catch(() => null)
    const known = readFileState(index, path) ?? undefined
    if (!info || !info.isFile()) {
      if (known) {
        writeChanges(index, store, { removed: [path] })
        update.removed++
      }
      continue
    }
    const archived = formatModule(store.format).classify(store.root, path)?.archived ?? false
    const file: SessionFile = { path, archived, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino }
    if (sameFile(known, file) && !textsStale(index, path)) update.unchanged++
    else work.push({ store, file })
  }
  await readAndWrite(index, work, update, options)
  return update
}

/** The problems of a store recorded for paths that have no file state: the folders its scans could not read. */
function readFolderProblems(index: IndexDatabase, store: Store): string[] {
  const sql = `SELECT p.path FROM problems p WHERE p.store = (SELECT id FROM stores WHERE root = ? AND format = ?)
    AND NOT EXISTS (SELECT 1 FROM file_state f WHERE f.path = p.path)`
  return statement<{ path: string }>(index, sql)
    .all(store.root, store.format)
    .map((row) => row.path)
}

function textsStale(index: IndexDatabase, path: string): boolean {
  return statement<{ stale: number }>(index, 'SELECT texts_stale AS stale FROM sessions WHERE path = ?').get(path)?.stale === 1
}

interface UpdateOptions {
  onProgress?: (progress: IndexProgress) => void
}

interface Work {
  store: Store
  file: SessionFile
}

async function readAndWrite(index: IndexDatabase, work: readonly Work[], update: IndexUpdate, options: UpdateOptions): Promise<void> {
  const progress: IndexProgress = { files: work.length, done: 0, bytes: work.reduce((sum, w) => sum + w.file.size, 0), doneBytes: 0 }
  // Files are read in parallel and written in batches, a transaction each: FTS5 merges its index
  // once per commit, so one commit per file would make a cold build several times slower.
  let batch: Array<{ store: Store; file: SessionFile; read: Read }> = []
  let batchBytes = 0
  const flush = () => {
    const written = batch
    batch = []
    batchBytes = 0
    index.sql.transaction(() => {
      for (const { store, file, read } of written) writeRead(index, store, file, read)
    }, 'write')
    for (const { file, read } of written) {
      update.indexed++
      if (read.kind === 'problem') update.problems++
      progress.done++
      progress.doneBytes += file.size
    }
    options.onProgress?.({ ...progress })
  }
  // Read on the parse pool's worker threads, written here as the answers come.
  await parseAll(
    work.map(({ store, file }): ParseJob => ({ kind: 'texts', store, file })),
    (i, answer) => {
      const { store, file } = work[i] as Work
      batch.push({ store, file, read: readOf(answer) })
      batchBytes += file.size
      if (batch.length >= BATCH_FILES || batchBytes >= BATCH_BYTES) flush()
    },
  )
  if (batch.length > 0) flush()
}
