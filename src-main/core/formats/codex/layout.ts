import { stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { filesIn, isTempFile, segmentsBelow, subdirectories } from '../../scan'
import type { SessionFile, Sniff } from '../format'

// Where Codex keeps rollouts. The store root is the Codex home ($CODEX_HOME, else ~/.codex):
//   <root>/sessions/YYYY/MM/DD/rollout-YYYY-MM-DDThh-mm-ss-<uuid>.jsonl[.zst]   (local dates)
//   <root>/archived_sessions/rollout-….jsonl[.zst]                              (flat, archived)
// Everything else there (session_index.jsonl, history.jsonl, state_*.sqlite, config) is not a
// session. When a plain .jsonl and a .jsonl.zst of the same name sit together, the plain one wins.

export const SESSIONS_DIR = 'sessions'
export const ARCHIVED_DIR = 'archived_sessions'

const ROLLOUT_NAME = /^rollout-(\d{4})-(\d{2})-(\d{2})T[^\\/]*\.jsonl(\.zst)?$/
const YEAR = /^\d{4}$/
const TWO_DIGITS = /^\d{2}$/

export const isRolloutName = (name: string): boolean => ROLLOUT_NAME.test(name)

export const isCompressed = (path: string): boolean => path.endsWith('.zst')

/** The session uuid a rollout's name ends with, or null. */
export function uuidFromName(path: string): string | null {
  const match = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl(\.zst)?$/i.exec(basename(path))
  return match ? (match[1] as string).toLowerCase() : null
}

/** The local date folder (YYYY, MM, DD) a rollout's name gives, or null. */
export function dateFromName(path: string): [string, string, string] | null {
  const match = ROLLOUT_NAME.exec(basename(path))
  return match ? [match[1] as string, match[2] as string, match[3] as string] : null
}

const visible = (name: string) => !name.startsWith('.') && !isTempFile(name) && isRolloutName(name)

export function classifyCodex(root: string, path: string): { archived: boolean } | null {
  const parts = segmentsBelow(root, path)
  if (!parts) return null
  const name = parts[parts.length - 1] as string
  if (!visible(name)) return null
  if (parts.length === 2 && parts[0] === ARCHIVED_DIR) return { archived: true }
  if (
    parts.length === 5 &&
    parts[0] === SESSIONS_DIR &&
    YEAR.test(parts[1] as string) &&
    TWO_DIGITS.test(parts[2] as string) &&
    TWO_DIGITS.test(parts[3] as string)
  ) {
    return { archived: false }
  }
  return null
}

/** Drops a .jsonl.zst whose plain .jsonl sits beside it (Codex reads the plain one). */
export function plainWins(files: SessionFile[]): SessionFile[] {
  const plain = new Set(files.filter((file) => !isCompressed(file.path)).map((file) => file.path))
  return files.filter((file) => !isCompressed(file.path) || !plain.has(file.path.slice(0, -'.zst'.length)))
}

async function datedFolders(dir: string, pattern: RegExp, limit?: number): Promise<string[]> {
  const found = (await subdirectories(dir)).filter((path) => pattern.test(basename(path)))
  // Newest first, so that a bounded look finds recent sessions.
  found.sort((a, b) => b.localeCompare(a))
  return limit === undefined ? found : found.slice(0, limit)
}

/** The day folders under sessions/, newest first; `limit` bounds each level. */
async function dayFolders(sessionsDir: string, limit?: number): Promise<string[]> {
  const days: string[] = []
  for (const year of await datedFolders(sessionsDir, YEAR, limit)) {
    for (const month of await datedFolders(year, TWO_DIGITS, limit)) {
      days.push(...(await datedFolders(month, TWO_DIGITS, limit)))
    }
  }
  return days
}

export async function scanCodex(root: string, includeArchived: boolean): Promise<SessionFile[]> {
  const files: SessionFile[] = []
  for (const day of await dayFolders(join(root, SESSIONS_DIR))) {
    files.push(...plainWins(await filesIn(day, visible, false)))
  }
  if (includeArchived) files.push(...plainWins(await filesIn(join(root, ARCHIVED_DIR), visible, true)))
  return files
}

/** How many folders per level sniffing looks into. */
const SNIFF_LIMIT = 3

async function hasRollouts(root: string): Promise<boolean> {
  for (const day of await dayFolders(join(root, SESSIONS_DIR), SNIFF_LIMIT)) {
    if ((await filesIn(day, visible, false)).length > 0) return true
  }
  return (await filesIn(join(root, ARCHIVED_DIR), visible, true)).length > 0
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

/**
 * 'yes' for a Codex home holding rollouts in sessions/YYYY/MM/DD/ or archived_sessions/, 'empty'
 * for one whose sessions/ folder holds none, 'no' otherwise. A `sessions` folder given by
 * itself is 'no' here: discovery maps it to its parent, the Codex home, which is the store root.
 */
export async function sniffCodex(root: string): Promise<Sniff> {
  if (await hasRollouts(root)) return 'yes'
  if (await isDirectory(join(root, SESSIONS_DIR))) return 'empty'
  return 'no'
}

export function archivedPathOfCodex(root: string, path: string): string {
  return join(root, ARCHIVED_DIR, basename(path))
}

export function unarchivedPathOfCodex(root: string, path: string): string {
  const date = dateFromName(path)
  if (!date) throw new Error(`${basename(path)} is not named like a Codex rollout (rollout-YYYY-MM-DDThh-mm-ss-<uuid>.jsonl)`)
  return join(root, SESSIONS_DIR, ...date, basename(path))
}
