import { open, readdir, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { ARCHIVE_DIR, TRASH_DIR, filesIn, isTempFile, readHead, segmentsBelow, subdirectories } from '../../scan'
import type { SessionFile } from '../format'

// Where Claude Code keeps a session's files below the store root (the `projects` folder):
//   <project>/<sessionId>.jsonl                             the session
//   <project>/agent-<agentId>.jsonl                         an old-style sub-agent (≈ v2.0–2.1.1)
//   <project>/<sessionId>/subagents/agent-<id>.jsonl        a new-style sub-agent (≥ v2.1.2)
// and the same below <project>/.archive/ for archived sessions. Everything here is path-based and
// relative to whatever root it is given, so it works on the store's .trash/ mirror as well.

export const SUBAGENTS_DIR = 'subagents'

const AGENT_FILE = /^agent-(.+)\.jsonl$/

const isVisible = (name: string) => !name.startsWith('.') && !isTempFile(name)
export const isLogName = (name: string) => isVisible(name) && name.endsWith('.jsonl')
export const isAgentName = (name: string) => isVisible(name) && AGENT_FILE.test(name)

export type ClaudeFileKind =
  | { kind: 'main'; sessionId: string; projectDir: string }
  | { kind: 'agent'; agentId: string; layout: 'beside' | 'subagents'; parentFromPath: string | null; projectDir: string }

/** The project folder a session's folder stands for: the folder itself, or the one its .archive/ or .trash/ is in. */
function unarchived(dir: string): string {
  let project = basename(dir) === ARCHIVE_DIR ? dirname(dir) : dir
  if (basename(project) === TRASH_DIR) project = dirname(project)
  return project
}

// Claude Code keeps a project's trash beside its sessions: <project>/.trash/, mirroring the project's layout.

export function trashedPathOf(root: string, path: string): string {
  const [project, ...rest] = segmentsBelow(root, path) ?? []
  if (!project) throw new Error(`${path} is not below ${root}`)
  return join(root, project, TRASH_DIR, ...rest)
}

export function untrashedPathOf(root: string, trashedPath: string): string {
  const [project, trash, ...rest] = segmentsBelow(root, trashedPath) ?? []
  if (!project || trash !== TRASH_DIR) throw new Error(`${trashedPath} is not in a project's trash`)
  return join(root, project, ...rest)
}

export async function trashFolders(root: string): Promise<string[]> {
  const folders: string[] = []
  for (const project of await subdirectories(root)) {
    const trash = join(project, TRASH_DIR)
    if ((await stat(trash).catch(() => null))?.isDirectory()) folders.push(trash)
  }
  return folders
}

export async function scanTrash(root: string): Promise<SessionFile[]> {
  const files: SessionFile[] = []
  for (const trash of await trashFolders(root)) {
    files.push(...(await scanPlace(trash, false)), ...(await scanPlace(join(trash, ARCHIVE_DIR), true)))
  }
  return files
}

/** What a session file is, from its path alone. */
export function fileKind(path: string): ClaudeFileKind {
  const name = basename(path)
  const dir = dirname(path)
  const agent = AGENT_FILE.exec(name)
  if (agent && basename(dir) === SUBAGENTS_DIR) {
    const sessionDir = dirname(dir)
    return {
      kind: 'agent',
      agentId: agent[1] as string,
      layout: 'subagents',
      parentFromPath: basename(sessionDir),
      projectDir: unarchived(dirname(sessionDir)),
    }
  }
  if (agent) return { kind: 'agent', agentId: agent[1] as string, layout: 'beside', parentFromPath: null, projectDir: unarchived(dir) }
  return { kind: 'main', sessionId: name.replace(/\.jsonl$/, ''), projectDir: unarchived(dir) }
}

/** Session files of the store: main and both sub-agent layouts, active or below <project>/.archive/. */
export function classifyClaude(root: string, path: string): { archived: boolean } | null {
  const parts = segmentsBelow(root, path)
  if (!parts || parts.length < 2 || !isVisible(parts[0] as string)) return null
  const name = parts[parts.length - 1] as string
  if (!isLogName(name)) return null
  const archived = parts[1] === ARCHIVE_DIR
  const rest = archived ? parts.slice(2) : parts.slice(1)
  if (rest.length === 1) return { archived }
  if (rest.length === 3 && isVisible(rest[0] as string) && rest[1] === SUBAGENTS_DIR && isAgentName(name)) return { archived }
  return null
}

async function scanPlace(dir: string, archived: boolean): Promise<SessionFile[]> {
  const files = await filesIn(dir, isLogName, archived)
  for (const sessionDir of await subdirectories(dir)) files.push(...(await filesIn(join(sessionDir, SUBAGENTS_DIR), isAgentName, archived)))
  return files
}

export async function scanClaude(root: string, includeArchived: boolean): Promise<SessionFile[]> {
  const files: SessionFile[] = []
  for (const project of await subdirectories(root)) {
    files.push(...(await scanPlace(project, false)))
    if (includeArchived) files.push(...(await scanPlace(join(project, ARCHIVE_DIR), true)))
  }
  return files
}

// Keys only Claude Code's lines have ("sessionId" alone is used by other agents' logs too); a
// snapshot line can fill a whole head before the first conversational line.
const MARKER = /"(parentUuid|isSidechain|leafUuid)"\s*:|"type"\s*:\s*"file-history-snapshot"/

/** Logs whose heads a sniff reads. */
const SNIFF_FILES = 16

export async function sniffClaude(root: string): Promise<'yes' | 'no' | 'empty'> {
  // Log by log, project by project in order, until one has the marker or SNIFF_FILES non-empty
  // ones did not: a store of 10k sessions is not stat'ed whole (nor its first big project
  // folder) to recognise it, which is what `show` of one session pays before anything else.
  let looked = 0
  const projects = (await subdirectories(root)).sort((a, b) => a.localeCompare(b))
  for (const project of projects) {
    // The project's own trash counts too: a store whose last session was trashed is still a store.
    for (const place of [project, join(project, ARCHIVE_DIR), join(project, TRASH_DIR), join(project, TRASH_DIR, ARCHIVE_DIR)]) {
      const names = (await readdir(place).catch(() => [] as string[]))
        .filter((name) => !name.startsWith('.') && isLogName(name) && !isTempFile(name))
        .sort()
      for (const name of names) {
        const path = join(place, name)
        const info = await stat(path).catch(() => null)
        // Empty logs are common (sessions that never got a line) and say nothing either way.
        if (!info?.isFile() || info.size === 0) continue
        looked++
        try {
          if (await firstLinesMatch(path, MARKER, SNIFF_LINES)) return 'yes'
        } catch {
          // Unreadable: try the next one.
        }
        if (looked >= SNIFF_FILES) return 'no'
      }
    }
  }
  return looked === 0 ? 'empty' : 'no'
}

/** Lines of each file searched for the marker: a real log has it on its first line, or its second. */
const SNIFF_LINES = 8
const SNIFF_CHUNK_BYTES = 64 * 1024

/**
 * Whether the marker occurs in the file's first `lines` lines, however long they are (one can be a
 * 60 MB message), read in chunks so that memory stays small. The marker is short ASCII: a window
 * carried over from the previous chunk finds it across a chunk boundary.
 */
async function firstLinesMatch(path: string, marker: RegExp, lines: number): Promise<boolean> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(SNIFF_CHUNK_BYTES)
    let carry = ''
    let position = 0
    let seen = 0
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position)
      if (bytesRead === 0) return false
      position += bytesRead
      const chunk = buffer.toString('latin1', 0, bytesRead)
      if (marker.test(carry + chunk)) return true
      for (let at = chunk.indexOf('\n'); at >= 0; at = chunk.indexOf('\n', at + 1)) if (++seen >= lines) return false
      carry = chunk.slice(-128)
    }
  } finally {
    await handle.close()
  }
}

const SESSION_ID = /"sessionId"\s*:\s*"([^"\\]+)"/

/** The session an old-style agent file belongs to: the first "sessionId" in its head. */
export async function agentFileSessionId(path: string): Promise<string | null> {
  try {
    return SESSION_ID.exec(await readHead(path, 64 * 1024))?.[1] ?? null
  } catch {
    return null
  }
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false
}

/** For a main session file: its <sessionId>/ folder and the old-style agent files that name it. */
export async function companionsOf(path: string): Promise<string[]> {
  const where = fileKind(path)
  if (where.kind !== 'main') return []
  const dir = dirname(path)
  const out: string[] = []
  const folder = join(dir, where.sessionId)
  if (await isDirectory(folder)) out.push(folder)
  for (const name of (await readdir(dir).catch(() => [] as string[])).sort()) {
    if (!isAgentName(name)) continue
    if ((await agentFileSessionId(join(dir, name))) === where.sessionId) out.push(join(dir, name))
  }
  return out
}

/** Whether a main session has a sub-agent file of this id, in either layout. */
export async function hasAgentFile(path: string, agentId: string): Promise<boolean> {
  const where = fileKind(path)
  if (where.kind !== 'main' || !/^[\w-]+$/.test(agentId)) return false
  const dir = dirname(path)
  const name = `agent-${agentId}.jsonl`
  for (const candidate of [join(dir, where.sessionId, SUBAGENTS_DIR, name), join(dir, name)]) {
    if ((await stat(candidate).catch(() => null))?.isFile()) return true
  }
  return false
}

/** A new-style sub-agent's `description` from its agent-<id>.meta.json, where there is one. */
export async function agentDescription(path: string): Promise<string | null> {
  const metaPath = path.replace(/\.jsonl$/, '.meta.json')
  let handle
  try {
    handle = await open(metaPath, 'r')
  } catch {
    return null
  }
  try {
    const buffer = Buffer.alloc(64 * 1024)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    const meta: unknown = JSON.parse(buffer.subarray(0, bytesRead).toString('utf8'))
    const description = (meta as { description?: unknown } | null)?.description
    return typeof description === 'string' && description.trim() !== '' ? description.trim() : null
  } catch {
    return null
  } finally {
    await handle.close()
  }
}
