import { open, readdir, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { exists, renameWithRetry } from '../../operations/safe-fs'
import { ARCHIVE_DIR, TRASH_DIR } from '../../scan'

// What a Claude Code move killed half-way leaves in its layout, put right by the next listing that may write.

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
