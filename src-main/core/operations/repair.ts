import { open, readdir, stat, unlink } from 'node:fs/promises'
import { join, sep } from 'node:path'
import { adapterFor } from '../adapters/registry'
import type { Problem, SessionSummary, Store } from '../model'
import { ARCHIVE_DIR } from '../scan'
import { TRASH_DIR, restoredPathOf, unarchivedPathOf } from './locations'
import { type LeftoverOptions, exists, recoverLeftovers, renameWithRetry } from './safe-fs'

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
async function dropDoubleLinks(store: Store, folder: string): Promise<void> {
  const adapter = adapterFor(store.format)
  const inTrash = folder.split(sep).includes(TRASH_DIR)
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    const path = join(folder, name)
    const info = await stat(path).catch(() => null)
    if (!info?.isFile() || info.nlink < 2) continue
    let active: string | null = null
    if (inTrash) active = adapter.untrashedPathOf?.(store.root, path) ?? restoredPathOf(store, path)
    else if (adapter.classify(store.root, path)?.archived) active = adapter.unarchivedPathOf?.(store.root, path) ?? unarchivedPathOf(path)
    if (active === null) continue
    const other = await stat(active).catch(() => null)
    if (other && other.ino === info.ino && other.dev === info.dev) await unlink(path).catch(() => undefined)
  }
}

/**
 * Repairs a store's leftovers from killed writers; cheap (folder listings only). Without
 * `repair`, changes nothing and only reports the sessions that leftovers hide.
 */
export async function repairStore(store: Store, watchDepth: number, options: LeftoverOptions): Promise<Problem[]> {
  const problems: Problem[] = []
  // Sessions sit at watchDepth; .trash mirrors the store one level deeper.
  for (const folder of await storeFolders(store.root, watchDepth + 1)) {
    problems.push(...(await recoverLeftovers(folder, options)).problems)
    if (options.repair) await dropDoubleLinks(store, folder)
  }
  if (options.repair && store.format === 'claude') await reuniteCompanions(store.root)
  return problems
}

export interface Duplicate {
  loser: SessionSummary
  winner: SessionSummary
}

/**
 * Sessions of one store listed twice (an ao-rs move killed between writing the new copy and
 * removing the old one): the copy updated last wins, as it holds everything the other does.
 */
export function collapseDuplicates(sessions: readonly SessionSummary[]): { kept: SessionSummary[]; duplicates: Duplicate[] } {
  const byKey = new Map<string, SessionSummary>()
  const duplicates: Duplicate[] = []
  for (const session of sessions) {
    const key = `${session.store}\0${session.archived}\0${session.id}`
    const seen = byKey.get(key)
    if (!seen) {
      byKey.set(key, session)
      continue
    }
    const [winner, loser] = seen.updatedAt >= session.updatedAt ? [seen, session] : [session, seen]
    byKey.set(key, winner)
    duplicates.push({ loser, winner })
  }
  const losers = new Set(duplicates.map((d) => d.loser))
  return { kept: sessions.filter((session) => !losers.has(session)), duplicates }
}

/** A duplicate's winner younger than this may belong to a move still in progress in another process. */
const SETTLE_MS = 5_000

/**
 * Deletes the losing copies once their move has settled. Each ao-rs file is the whole state of
 * its session, so the older copy holds nothing the winner lacks.
 */
export async function retireDuplicates(duplicates: readonly Duplicate[], now: number): Promise<void> {
  for (const { loser, winner } of duplicates) {
    if (now - Date.parse(winner.updatedAt) < SETTLE_MS) continue
    await unlink(loser.path).catch(() => undefined)
  }
}

const AGENT_FILE = /^agent-.+\.jsonl$/

const SESSION_ID = /"sessionId"\s*:\s*"([^"\\]+)"/
/** Claude Code writes sessionId among a line's first keys, before the message: a small head holds it. */
const AGENT_HEAD_BYTES = 4096
const agentSessions = new Map<string, string | null>()

/** The session an old-style agent file belongs to; remembered, as it never changes. */
async function agentFileSessionId(path: string): Promise<string | null> {
  if (agentSessions.has(path)) return agentSessions.get(path) ?? null
  const handle = await open(path, 'r').catch(() => null)
  if (!handle) return null
  try {
    const buffer = Buffer.alloc(AGENT_HEAD_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    const sessionId = SESSION_ID.exec(buffer.subarray(0, bytesRead).toString('utf8'))?.[1] ?? null
    if (bytesRead > 0) agentSessions.set(path, sessionId)
    return sessionId
  } finally {
    await handle.close()
  }
}

/**
 * Claude Code keeps a session's sub-agents beside it (<sid>/ and old-style agent-*.jsonl). A move
 * killed between moving those and moving the session file leaves them in the old folder: bring
 * them back beside their session file, wherever it is now.
 */
export async function reuniteCompanions(root: string): Promise<void> {
  const folders: string[] = []
  for (const project of await readdir(root, { withFileTypes: true }).catch(() => [])) {
    if (!project.isDirectory() || project.name.startsWith('.')) continue
    const dir = join(root, project.name)
    // Claude Code's trash is per project and mirrors it, .archive/ included.
    folders.push(dir, join(dir, ARCHIVE_DIR), join(dir, TRASH_DIR), join(dir, TRASH_DIR, ARCHIVE_DIR))
  }
  const mainFiles = new Map<string, string>()
  for (const folder of folders) {
    for (const name of await readdir(folder).catch(() => [] as string[])) {
      if (name.endsWith('.jsonl') && !AGENT_FILE.test(name)) mainFiles.set(name.slice(0, -'.jsonl'.length), folder)
    }
  }
  for (const folder of folders) {
    for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
      let sessionId: string | null = null
      if (entry.isDirectory() && !entry.name.startsWith('.')) sessionId = entry.name
      else if (entry.isFile() && AGENT_FILE.test(entry.name)) sessionId = await agentFileSessionId(join(folder, entry.name))
      if (!sessionId || mainFiles.get(sessionId) === folder) continue
      const home = mainFiles.get(sessionId)
      if (!home) continue
      const from = join(folder, entry.name)
      const to = join(home, entry.name)
      if (await exists(to)) {
        // A move killed between link and unlink left the same file under both names: drop the stray one.
        const [a, b] = await Promise.all([stat(from).catch(() => null), stat(to).catch(() => null)])
        if (a?.isFile() && b && a.ino === b.ino && a.dev === b.dev) await unlink(from).catch(() => undefined)
        continue
      }
      await renameWithRetry(from, to).catch(() => undefined)
    }
  }
}
