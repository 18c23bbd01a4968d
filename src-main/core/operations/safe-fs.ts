import { createHash, randomBytes } from 'node:crypto'
import { link, lstat, mkdir, open, readFile, readdir, rename, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Problem } from '../../../src-shared/model'
import { type FileStamp, sameStamp, stampOf } from '../own-writes'
import { failpoint } from './failpoint'
import { ORPHAN_AGE_MS, OWN_START, writerState } from './process-identity'

// Crash-safe file primitives. Every session file the app writes goes through here.
//
// The app shares its files with agents that rewrite them at any moment (atomically, by renaming a
// temp file over the session). A plain "check, then rename over" leaves a window in which an
// agent's new version can land and be silently replaced. Instead, a rewrite takes the current
// version out of the way with one rename, checks that it is the version it read, and publishes
// the new content with link(), which refuses to replace anything. So an agent's write that lands
// at any instant survives: either the check sees it, or link() does.
//
// Leftovers of a process killed mid-way are hidden files whose names carry the writer's pid and
// start time; recoverLeftovers() puts a taken-away original back once its writer is provably gone.

/** The file changed between reading it and replacing it; start again from the fresh file. */
export class ChangedOnDisk extends Error {
  constructor(readonly path: string) {
    super(`${path} changed on disk while it was being rewritten`)
    this.name = 'ChangedOnDisk'
  }
}

/** The operation would replace something that is already there. */
export class DestinationExists extends Error {
  constructor(readonly path: string) {
    super(`${path} already exists`)
    this.name = 'DestinationExists'
  }
}

export interface ReadVersion {
  bytes: Buffer
  stamp: FileStamp
  hash: string
}

export function hashBytes(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Reads a file with the stamp and hash that later prove it unchanged. */
export async function readVersion(path: string): Promise<ReadVersion> {
  // Stat before and after: a write that lands during the read shows as a stamp change.
  for (let attempt = 0; ; attempt++) {
    const before = stampOf(await stat(path))
    const bytes = await readFile(path)
    const after = stampOf(await stat(path))
    if (sameStamp(before, after) || attempt >= 5) return { bytes, stamp: after, hash: hashBytes(bytes) }
  }
}

// .<name>.ss-<kind>-<pid>[-<start>]-<random>[.tmp]; names written before the start was recorded lack it.
const LEFTOVER = /^\.(.+)\.ss-(bak|new)-(\d+)(?:-(\d+_\d+))?-[0-9a-f]+(\.tmp)?$/

function leftoverName(target: string, kind: 'bak' | 'new'): string {
  const suffix = `${process.pid}${OWN_START === null ? '' : `-${OWN_START}`}-${randomBytes(6).toString('hex')}`
  return join(dirname(target), `.${basename(target)}.ss-${kind}-${suffix}${kind === 'new' ? '.tmp' : ''}`)
}

/** Is this file name one of our own temp or backup files? */
export function isLeftoverName(name: string): boolean {
  return LEFTOVER.test(name)
}

const RETRYABLE_RENAME = new Set(['EPERM', 'EACCES', 'EBUSY'])

/** rename(), retried briefly where Windows refuses while another process has the file open. */
export async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to)
      return
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? ''
      if (process.platform !== 'win32' || !RETRYABLE_RENAME.has(code) || attempt >= 10) throw error
      await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)))
    }
  }
}

/** Flushes a folder's entry list so a rename in it survives a power cut (a no-op where unsupported). */
export async function fsyncDir(dir: string): Promise<void> {
  let handle
  try {
    handle = await open(dir, 'r')
    await handle.sync()
  } catch {
    // Windows cannot open folders for sync; its renames are journaled by NTFS.
  } finally {
    await handle?.close()
  }
}

/**
 * Writes bytes to a new hidden temp file beside `target`, flushed to disk; returns its path. With
 * `mtimeMs`, the file carries that modification time: the app's edits (a project field, a folder)
 * keep the time the agent last wrote the session, so they never make it look live or young. The
 * new file is always a new inode, which is what tells its version from the old one.
 */
async function writeTemp(target: string, bytes: Buffer | string, mode?: number, mtimeMs?: number): Promise<string> {
  const temp = leftoverName(target, 'new')
  const handle = await open(temp, 'wx', mode ?? 0o644)
  try {
    await handle.writeFile(bytes)
    if (mtimeMs !== undefined) await handle.utimes(new Date(), new Date(mtimeMs))
    await handle.sync()
  } catch (error) {
    await handle.close()
    await unlink(temp).catch(() => undefined)
    throw error
  }
  await handle.close()
  return temp
}

async function unlinkQuietly(path: string): Promise<void> {
  await unlink(path).catch(() => undefined)
}

function isCode(error: unknown, ...codes: string[]): boolean {
  return codes.includes((error as NodeJS.ErrnoException).code ?? '')
}

/** Publishes `temp` at `target` only if nothing is there; falls back to rename where links are unsupported. */
async function publishNoClobber(temp: string, target: string): Promise<void> {
  try {
    await link(temp, target)
    await unlinkQuietly(temp)
  } catch (error) {
    if (isCode(error, 'EEXIST')) throw new DestinationExists(target)
    if (!isCode(error, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV')) throw error
    // A file system without hard links: check, then rename (a narrower guarantee, but no loss of ours).
    if (await exists(target)) throw new DestinationExists(target)
    await renameWithRetry(temp, target)
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path)
    return true
  } catch {
    return false
  }
}

/**
 * Replaces `target` with `bytes` if, and only if, it is still the version that was read, keeping
 * that version's mtime. Throws ChangedOnDisk otherwise, having left the newer file in place.
 * Returns the new stamp.
 */
export async function replaceIfUnchanged(target: string, read: ReadVersion, bytes: Buffer | string): Promise<FileStamp> {
  const mode = (await stat(target).catch(() => null))?.mode
  const temp = await writeTemp(target, bytes, mode === undefined ? undefined : mode & 0o777, read.stamp.mtimeMs)
  failpoint('rewrite:temp-written')
  try {
    // Cheap early check: most changes are caught here without taking the file away.
    const current = await readVersion(target).catch(() => null)
    if (!current || current.hash !== read.hash) throw new ChangedOnDisk(target)
    const backup = leftoverName(target, 'bak')
    try {
      await renameWithRetry(target, backup)
    } catch (error) {
      if (isCode(error, 'ENOENT')) throw new ChangedOnDisk(target)
      throw error
    }
    // The inode we took away must be the one we hashed a moment ago; a rename by an agent in
    // between would show as another inode.
    failpoint('rewrite:original-taken')
    const taken = stampOf(await stat(backup))
    if (!sameStamp(taken, current.stamp)) {
      await restoreBackup(backup, target)
      throw new ChangedOnDisk(target)
    }
    try {
      await publishNoClobber(temp, target)
    } catch (error) {
      if (error instanceof DestinationExists) {
        // An agent wrote a new version while ours was in flight: it is newer than ours and wins.
        await unlinkQuietly(backup)
        throw new ChangedOnDisk(target)
      }
      await restoreBackup(backup, target)
      throw error
    }
    failpoint('rewrite:published')
    await unlinkQuietly(backup)
    await fsyncDir(dirname(target))
    return stampOf(await stat(target))
  } finally {
    await unlinkQuietly(temp)
  }
}

/** Puts a taken-away original back unless something newer has appeared at its place. */
async function restoreBackup(backup: string, target: string): Promise<void> {
  try {
    await link(backup, target)
  } catch (error) {
    if (!isCode(error, 'EEXIST')) {
      if (!(await exists(target))) await renameWithRetry(backup, target)
      return
    }
  }
  await unlinkQuietly(backup)
}

/** Creates `target` with `bytes` (and mtime `mtimeMs`, if given), durably, refusing to replace an existing file. */
export async function createExclusive(target: string, bytes: Buffer | string, mode?: number, mtimeMs?: number): Promise<FileStamp> {
  await mkdir(dirname(target), { recursive: true })
  const temp = await writeTemp(target, bytes, mode, mtimeMs)
  failpoint('create:temp-written')
  try {
    await publishNoClobber(temp, target)
  } finally {
    await unlinkQuietly(temp)
  }
  await fsyncDir(dirname(target))
  return stampOf(await stat(target))
}

/**
 * Takes `path` away if it is still the version that was read, and deletes it; throws
 * ChangedOnDisk, leaving the file in place, otherwise.
 */
export async function removeIfUnchanged(path: string, read: ReadVersion): Promise<void> {
  const backup = leftoverName(path, 'bak')
  try {
    await renameWithRetry(path, backup)
  } catch (error) {
    if (isCode(error, 'ENOENT')) throw new ChangedOnDisk(path)
    throw error
  }
  failpoint('remove:original-taken')
  const taken = await readVersion(backup)
  if (taken.hash !== read.hash) {
    await restoreBackup(backup, path)
    throw new ChangedOnDisk(path)
  }
  await unlink(backup)
  await fsyncDir(dirname(path))
}

/**
 * Moves a file byte for byte into one of the app's own folders (.archive/, .trash/), which no
 * agent writes to: one atomic rename, after making sure nothing is there yet.
 */
export async function moveIntoOwnFolder(from: string, to: string): Promise<FileStamp> {
  await mkdir(dirname(to), { recursive: true })
  if (await exists(to)) throw new DestinationExists(to)
  await renameWithRetry(from, to)
  failpoint('move-own:renamed')
  await fsyncDir(dirname(to))
  await fsyncDir(dirname(from))
  return stampOf(await stat(to))
}

/**
 * Moves a file byte for byte back where an agent keeps its sessions (unarchive, restore, undo),
 * never replacing a file an agent may have created there meanwhile: link() refuses to. A crash
 * between link and unlink leaves one file under two names, which repairs resolve by dropping
 * the name outside the agent's folder.
 */
export async function moveIntoAgentFolder(from: string, to: string): Promise<FileStamp> {
  await mkdir(dirname(to), { recursive: true })
  try {
    await link(from, to)
  } catch (error) {
    if (isCode(error, 'EEXIST')) throw new DestinationExists(to)
    if (!isCode(error, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV')) throw error
    return moveIntoOwnFolder(from, to)
  }
  failpoint('move-in:linked')
  await unlink(from)
  await fsyncDir(dirname(to))
  await fsyncDir(dirname(from))
  return stampOf(await stat(to))
}

export interface LeftoverOptions {
  /** Put right what can be; without it, only report what a repair would find. */
  repair: boolean
  now: number
}

async function orphanedAt(path: string, pid: number, start: string | null, now: number): Promise<'running' | 'gone' | 'orphan' | null> {
  const info = await lstat(path).catch(() => null)
  if (!info?.isFile()) return null
  // A rename sets ctime: it dates when the leftover was made, whatever the session's own mtime.
  const age = now - info.ctimeMs
  const state = writerState(pid, start, age)
  // Its writer runs on but long ago stopped caring about it (a failed put-back): say so, touch nothing.
  return state === 'running' && age > ORPHAN_AGE_MS ? 'orphan' : state
}

/**
 * The file at a backup's place supersedes the backup when it was put there after the backup was
 * taken away (link and rename set ctime), or is the backup itself under a second name.
 */
async function supersedes(target: string, backup: string): Promise<boolean> {
  const [placed, taken] = await Promise.all([lstat(target).catch(() => null), lstat(backup).catch(() => null)])
  if (!placed || !taken) return false
  return (placed.ino === taken.ino && placed.dev === taken.dev) || placed.ctimeMs >= taken.ctimeMs
}

function backupProblem(target: string, backup: string, detail: string): Problem {
  return { path: target, reason: `a backup left by an interrupted rewrite: ${backup}; ${detail}` }
}

/**
 * Repairs what a killed writer left in `dir`: a taken-away original whose place is empty goes
 * back, one superseded by the file at its place and temp files are deleted. A writer counts as
 * killed only when provably gone (see writerState). A backup that cannot be put back, or that
 * may be newer than the file at its place, is kept and reported, never left unseen.
 */
export async function recoverLeftovers(
  dir: string,
  options: LeftoverOptions,
): Promise<{ restored: string[]; problems: Problem[]; seen: number }> {
  const restored: string[] = []
  const problems: Problem[] = []
  let seen = 0
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return { restored, problems, seen }
  }
  for (const name of names) {
    const match = LEFTOVER.exec(name)
    if (!match) continue
    seen++
    const path = join(dir, name)
    const target = join(dir, match[1] as string)
    const state = await orphanedAt(path, Number(match[3]), match[4] ?? null, options.now)
    if (state === null || state === 'running') continue
    if (match[2] === 'new') {
      // A temp file is never the only copy of anything: publishing links it, then unlinks it.
      if (options.repair && state === 'gone') await unlinkQuietly(path)
      continue
    }
    const targetExists = await exists(target)
    if (state === 'orphan') {
      if (!targetExists) problems.push(backupProblem(target, path, 'the session file is missing'))
      else if (!(await supersedes(target, path))) problems.push(backupProblem(target, path, 'it may be newer than this file'))
      continue
    }
    if (targetExists) {
      if (!(await supersedes(target, path))) problems.push(backupProblem(target, path, 'it may be newer than this file; both are kept'))
      else if (options.repair) await unlinkQuietly(path)
      continue
    }
    if (!options.repair) {
      problems.push(backupProblem(target, path, 'the session file is missing until a repairing listing puts it back'))
      continue
    }
    try {
      await renameWithRetry(path, target)
      restored.push(target)
    } catch (error) {
      problems.push(backupProblem(target, path, `it could not be put back (${(error as Error).message})`))
    }
  }
  if (restored.length > 0) await fsyncDir(dir)
  return { restored, problems, seen }
}
