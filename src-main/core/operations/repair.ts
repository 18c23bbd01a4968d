import { readdir, stat, unlink } from 'node:fs/promises'
import { join, sep } from 'node:path'
import { formatModule } from '../formats/registry'
import type { Problem, SessionSummary, Store } from '../../../src-shared/model'
import { ARCHIVE_DIR } from '../scan'
import { TRASH_DIR, restoredPathOf, unarchivedPathOf } from './locations'
import { journaledRelocations } from './journal'
import { writerState } from './process-identity'
import { type LeftoverOptions, type ReadVersion, readVersion, recoverLeftovers, removeIfUnchanged } from './safe-fs'

// What a process killed mid-operation can leave behind, and how the next listing puts it right.
// Nothing here deletes the only copy of a session.

/** Folders below the root that may hold sessions or our leftovers: projects, .archive, .trash. */
async function storeFolders(root: string, depth: number): Promise<string[]> {
  const folders = [root]
  if (depth === 0) return folders
  let entries
  try {
    entries = await readdir(root, { withFileTypes: true })
  } catch {
    return folders
  }
  for (const entry of entries) {
    if (!entry.isDirectory()) continue
    if (entry.name.startsWith('.') && entry.name !== ARCHIVE_DIR && entry.name !== TRASH_DIR) continue
    folders.push(...(await storeFolders(join(root, entry.name), depth - 1)))
  }
  return folders
}

/**
 * A file in an archive or the trash that is also linked at its active place is an interrupted
 * move back into the agent's folder (unarchive, restore, undo): finish it by dropping the name
 * outside the agent's folder.
 */
async function dropDoubleLinks(store: Store, folder: string): Promise<number> {
  let seen = 0
  const adapter = formatModule(store.format)
  const inTrash = folder.split(sep).includes(TRASH_DIR)
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    const path = join(folder, name)
    // Only a file in the trash or an archive can be the far half of a move back: the active
    // files, nearly all of a store, are not stat'ed.
    let active: string | null = null
    if (inTrash) active = adapter.untrashedPathOf?.(store.root, path) ?? restoredPathOf(store, path)
    else if (adapter.classify(store.root, path)?.archived) active = adapter.unarchivedPathOf?.(store.root, path) ?? unarchivedPathOf(path)
    if (active === null) continue
    const info = await stat(path).catch(() => null)
    if (!info?.isFile() || info.nlink < 2) continue
    seen++
    const other = await stat(active).catch(() => null)
    if (other && other.ino === info.ino && other.dev === info.dev) await unlink(path).catch(() => undefined)
  }
  return seen
}

/** The store's folders that may hold sessions or leftovers, with their mtimes now. */
export async function storeFolderStamps(store: Store, watchDepth: number): Promise<Array<[string, number]>> {
  const folders = await storeFolders(store.root, watchDepth + 1)
  const stamps = await Promise.all(
    folders.map(async (folder) => [folder, (await stat(folder).catch(() => null))?.mtimeMs ?? -1] as [string, number]),
  )
  return stamps
}

/** Whether every folder still has the mtime it had (a file created, renamed or removed in a folder changes its mtime). */
export async function foldersUnchanged(stamps: ReadonlyArray<readonly [string, number]>): Promise<boolean> {
  const now = await Promise.all(stamps.map(async ([folder]) => (await stat(folder).catch(() => null))?.mtimeMs ?? -1))
  return stamps.every(([, mtimeMs], i) => now[i] === mtimeMs)
}

/**
 * Repairs a store's leftovers from killed writers; cheap (folder listings only). Without
 * `repair`, changes nothing and only reports the sessions that leftovers hide.
 */
export async function repairStore(
  store: Store,
  watchDepth: number,
  options: LeftoverOptions,
  tally?: { leftovers: number },
): Promise<Problem[]> {
  const problems: Problem[] = []
  // Sessions sit at watchDepth; .trash mirrors the store one level deeper.
  for (const folder of await storeFolders(store.root, watchDepth + 1)) {
    const recovered = await recoverLeftovers(folder, options)
    problems.push(...recovered.problems)
    let doubled = 0
    if (options.repair) doubled = await dropDoubleLinks(store, folder)
    if (tally) tally.leftovers += recovered.seen + doubled
  }
  if (options.repair) await formatModule(store.format).repairLayout?.(store.root)
  return problems
}

export interface DuplicateOptions {
  /** The data folder, whose journal proves which pairs are our own interrupted moves. */
  dataDir?: string
  /** Delete the stale half of a proven pair once its writer is gone. */
  repair: boolean
  now: number
}

const sameIdMessage = (session: SessionSummary, others: readonly SessionSummary[]) =>
  `another session file has the same id (${session.id}): ${others.map((other) => other.path).join(', ')}`

/**
 * Sessions of one store listed more than once under one id. A pair the journal proves to be the
 * two halves of our own relocation (an ao-rs move or its undo, killed between writing the new
 * copy and removing the old one: the paths it journaled, both files exactly as it read and
 * wrote them) is listed once, and its old half deleted once the writer is provably gone. Any
 * other files sharing an id are different sessions: all are kept and each is reported.
 */
export async function settleDuplicates(
  sessions: readonly SessionSummary[],
  options: DuplicateOptions,
): Promise<{ kept: SessionSummary[]; problems: Problem[] }> {
  const groups = new Map<string, SessionSummary[]>()
  for (const session of sessions) {
    const key = `${session.store}\0${session.archived}\0${session.id}`
    groups.set(key, [...(groups.get(key) ?? []), session])
  }
  const clashes = [...groups.values()].filter((group) => group.length > 1)
  if (clashes.length === 0) return { kept: [...sessions], problems: [] }
  // Newest first: an undo's record outranks the move it reverts, whose files it mirrors.
  const relocations = options.dataDir ? (await journaledRelocations(options.dataDir)).reverse() : []
  const versions = new Map<string, Promise<ReadVersion | null>>()
  const versionOf = (path: string) => {
    if (!versions.has(path))
      versions.set(
        path,
        readVersion(path).catch(() => null),
      )
    return versions.get(path) as Promise<ReadVersion | null>
  }
  const stale = new Set<SessionSummary>()
  const problems: Problem[] = []
  for (const group of clashes) {
    for (const { from, to, proof } of relocations) {
      const old = group.find((session) => session.path === from)
      const moved = group.find((session) => session.path === to)
      if (!old || !moved || stale.has(old) || stale.has(moved)) continue
      const [oldVersion, movedVersion] = await Promise.all([versionOf(from), versionOf(to)])
      if (oldVersion?.hash !== proof.fromHash || movedVersion?.hash !== proof.toHash) continue
      stale.add(old)
      // A writer still running is between its two steps and removes the old copy itself.
      if (options.repair && writerState(proof.pid, proof.start, options.now - Date.parse(proof.at)) === 'gone') {
        await removeIfUnchanged(from, oldVersion).catch(() => undefined)
      }
    }
    const rest = group.filter((session) => !stale.has(session))
    if (rest.length < 2) continue
    for (const session of rest)
      problems.push({
        path: session.path,
        reason: sameIdMessage(
          session,
          rest.filter((other) => other !== session),
        ),
      })
  }
  return { kept: sessions.filter((session) => !stale.has(session)), problems }
}
