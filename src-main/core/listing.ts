import { stat } from 'node:fs/promises'
import type { SessionFile } from './formats/format'
import { formatModule } from './formats/registry'
import { type ParseJob } from './parse-pool/parse-job'
import { parseAll } from './parse-pool/parse-pool'
import { type Cached, NO_SUMMARY_SOURCE, type SummarySource } from './summary-source'
import type { IndexDatabase } from './index-db/index-database'
import { IndexedSummaries } from './index-db/indexed-summaries'
import type { Listing, Problem, SessionDetail, SessionSummary, Store } from '../../src-shared/model'
import { foldersUnchanged, repairStore, settleDuplicates, storeFolderStamps } from './operations/repair'
import { readCleanFolders, writeCleanFolders } from './index-db/index-store'
import { scanReportingUnreadable } from './scan'
import { compareSessions } from '../../src-shared/session-order'

export interface ListOptions {
  /** Include archived sessions. */
  archived: boolean
  /**
   * Put right what a killed operation left (leftover temp files, a session left in two places).
   * Off for read-only uses.
   */
  repair?: boolean
  /**
   * The index database, the summary cache: unchanged files are not read again, and what was read
   * is written back (unless `readOnly`). Without it every file is parsed.
   */
  index?: IndexDatabase
  /** true: the index is read, never written. */
  readOnly?: boolean
  /**
   * The app's data folder: its journal tells an interrupted move of ours, listed once, from two
   * sessions that share an id, listed both and reported. Without it, every such pair is reported.
   */
  dataDir?: string
  now?: () => number
}

export interface ListingStats {
  parsed: number
  cached: number
}

export { compareSessions }

/** Summarizes the given files of a store, from the cache where a file is unchanged (the rest on the parse pool). */
export async function summarizeFiles(
  store: Store,
  files: readonly SessionFile[],
  cache: SummarySource,
  stats?: ListingStats,
): Promise<Cached[]> {
  const results = new Array<Cached>(files.length)
  const misses: number[] = []
  files.forEach((file, i) => {
    const hit = cache.get(file)
    if (hit) results[i] = hit
    else misses.push(i)
  })
  if (stats) stats.cached += files.length - misses.length
  const dependents = await readFiles(store, files, misses, cache, results, stats)
  // A file whose note changed (a new summary line in a Claude Code log's head) changes what its
  // unchanged siblings read as: those are read again, so a warm listing gives what a cold one does.
  if (dependents.length > 0) {
    const missed = new Set(misses)
    const again = files.flatMap((file, i) => (!missed.has(i) && dependents.some((depends) => depends(file.path)) ? [i] : []))
    if (stats) stats.cached -= again.length
    await readFiles(store, files, again, cache, results, stats)
  }
  return results
}

/** Reads files[i] for each i of `which` into results; says whose reading the changed notes affect. */
async function readFiles(
  store: Store,
  files: readonly SessionFile[],
  which: readonly number[],
  cache: SummarySource,
  results: Cached[],
  stats?: ListingStats,
): Promise<Array<(path: string) => boolean>> {
  const notes = formatModule(store.format).fileNotes
  const dependents: Array<(path: string) => boolean> = []
  const jobs = which.map((i): ParseJob => {
    const file = files[i] as SessionFile
    return { kind: 'summary', store, file, fold: cache.savedFold?.(file) ?? null }
  })
  await parseAll(jobs, (k, answer) => {
    const i = which[k] as number
    const file = files[i] as SessionFile
    const result: Cached =
      answer.kind === 'session' ? { session: answer.session } : answer.kind === 'none' ? { ignored: true } : { problem: answer.reason }
    results[i] = result
    if (stats) stats.parsed++
    const depends = notes?.dependents(file.path, cache.keptNote?.(file) ?? null, answer.note)
    if (depends) dependents.push(depends)
    cache.put(file, result, { fold: answer.kind === 'session' ? answer.fold : null, note: answer.note })
  })
  return dependents
}

async function listOne(store: Store, options: ListOptions, stats: ListingStats): Promise<Listing & { files: SessionFile[] }> {
  const adapter = formatModule(store.format)
  const now = (options.now ?? Date.now)()
  const leftovers = await leftoversOf(store, adapter.watchDepth, options, now)
  const { value: files, problems: unreadable } = await scanReportingUnreadable(() => adapter.scan(store.root, options))
  const inScope = (path: string) => {
    const verdict = adapter.classify(store.root, path)
    return verdict !== null && (options.archived || !verdict.archived)
  }
  const cache = options.index
    ? IndexedSummaries.open(options.index, store, { readOnly: options.readOnly === true, inScope })
    : NO_SUMMARY_SOURCE
  const results = await summarizeFiles(store, files, cache, stats)
  await cache.save()
  let sessions: SessionSummary[] = []
  const problems: Problem[] = [...leftovers, ...unreadable]
  results.forEach((result, i) => {
    if ('session' in result) sessions.push(result.session)
    else if ('problem' in result) problems.push({ path: (files[i] as SessionFile).path, reason: result.problem })
  })
  // A move that writes a new copy before removing the old one can, interrupted, list a session twice.
  if (adapter.moves === 'relocate-rewrite') {
    const settled = await settleDuplicates(sessions, { dataDir: options.dataDir, repair: options.repair === true, now })
    sessions = settled.kept
    problems.push(...settled.problems)
  }
  return { sessions, problems, files }
}

/**
 * What killed operations left in the store, put right when repairing. A repairing listing whose
 * last look found every folder clean skips the look while no folder's mtime has changed: a
 * leftover is a file created in a folder, which changes its mtime (the stamps are taken before
 * the look, so a change during it shows up next time).
 */
async function leftoversOf(store: Store, watchDepth: number, options: ListOptions, now: number): Promise<Problem[]> {
  const { index } = options
  const repair = options.repair === true
  if (!index || !repair || options.readOnly) return repairStore(store, watchDepth, { repair, now })
  let clean: Array<[string, number]> | null = null
  try {
    clean = readCleanFolders(index, store)
  } catch {
    // An index that cannot say: look.
  }
  if (clean && (await foldersUnchanged(clean))) return []
  const stamps = await storeFolderStamps(store, watchDepth)
  // Clean means no leftover at all, not only none to report: one whose writer still runs may be
  // left for good if that writer is killed, without its folder changing again.
  const tally = { leftovers: 0 }
  const problems = await repairStore(store, watchDepth, { repair, now }, tally)
  try {
    writeCleanFolders(index, store, problems.length === 0 && tally.leftovers === 0 ? stamps : null)
  } catch {
    // Not recorded: the next listing looks again.
  }
  return problems
}

export interface StoresListing extends Listing {
  stats: ListingStats
  /** Every file the scans found, with the stat data taken before it was read (or found in the cache). */
  files: Map<string, { store: number; file: SessionFile }>
}

/** Summarizes every session of the stores; unreadable files become problems, never failures. */
export async function listStores(stores: readonly Store[], options: ListOptions): Promise<StoresListing> {
  const sessions: SessionSummary[] = []
  const problems: Problem[] = []
  const stats: ListingStats = { parsed: 0, cached: 0 }
  const files = new Map<string, { store: number; file: SessionFile }>()
  for (const [i, store] of stores.entries()) {
    const listing = await listOne(store, options, stats)
    sessions.push(...listing.sessions)
    problems.push(...listing.problems)
    for (const file of listing.files) files.set(file.path, { store: i, file })
  }
  sessions.sort(compareSessions)
  problems.sort((a, b) => a.path.localeCompare(b.path))
  return { sessions, problems, stats, files }
}

/**
 * Reads one listed session in full, as it is on disk now (a sub-agent kept inside its parent's file
 * too). `current`: the summary is known to be of the file as it is (the index checked its stamp).
 */
export async function loadSession(
  summary: SessionSummary,
  all: readonly SessionSummary[] = [],
  { current = false }: { current?: boolean } = {},
): Promise<SessionDetail> {
  const info = await stat(summary.path)
  const file: SessionFile = { path: summary.path, archived: summary.archived, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino }
  const inline = all.some((other) => other.path === summary.path && other.children?.some((child) => child.id === summary.id))
  return formatModule(summary.format).load(
    { format: summary.format, root: summary.store },
    file,
    inline ? { childId: summary.id } : current ? { summary } : undefined,
  )
}
