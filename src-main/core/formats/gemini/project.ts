import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { isRecord } from '../../shape'

// Gemini CLI keeps no project path in a session file: the folder a session sits in,
// ~/.gemini/tmp/<project-id>/, stands for the project. <project-id> is a slug registered in
// ~/.gemini/projects.json ({"projects": {"<abs path>": "<slug>"}}) with a .project_root marker
// holding the path, or, in older installs, sha256(<abs path>) — also every file's projectHash.

export interface GeminiProject {
  /** The project's path when known, else the folder name. */
  project: string
  projectPath: string | null
}

interface Registry {
  size: number
  mtimeMs: number
  /** slug → the paths registered for it (more than one only in a stale registry). */
  bySlug: Map<string, string[]>
  /** sha256(path) → path, for legacy hash folders and projectHash. */
  byHash: Map<string, string>
}

const EMPTY_REGISTRY: Registry = { size: -1, mtimeMs: -1, bySlug: new Map(), byHash: new Map() }

const registries = new Map<string, Registry>()
const markers = new Map<string, { size: number; mtimeMs: number; path: string | null }>()

export function projectHashOf(path: string): string {
  return createHash('sha256').update(path).digest('hex')
}

/** projects.json, re-read only when its size or mtime changed; missing or broken means empty. */
async function registryAt(path: string): Promise<Registry> {
  let info
  try {
    info = await stat(path)
  } catch {
    registries.delete(path)
    return EMPTY_REGISTRY
  }
  const cached = registries.get(path)
  if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) return cached
  const registry: Registry = { size: info.size, mtimeMs: info.mtimeMs, bySlug: new Map(), byHash: new Map() }
  try {
    const raw: unknown = JSON.parse(await readFile(path, 'utf8'))
    const projects = isRecord(raw) && isRecord(raw.projects) ? raw.projects : {}
    for (const [projectPath, slug] of Object.entries(projects)) {
      if (typeof slug !== 'string' || slug === '' || projectPath === '') continue
      registry.bySlug.set(slug, [...(registry.bySlug.get(slug) ?? []), projectPath])
      registry.byHash.set(projectHashOf(projectPath), projectPath)
    }
  } catch {
    // Unreadable or half-written registry: resolve without it (Gemini itself starts afresh).
  }
  registries.set(path, registry)
  return registry
}

/** The trimmed text of a project folder's .project_root marker, or null. */
async function markerAt(folder: string): Promise<string | null> {
  const path = join(folder, '.project_root')
  let info
  try {
    info = await stat(path)
  } catch {
    markers.delete(path)
    return null
  }
  const cached = markers.get(path)
  if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) return cached.path
  let text: string | null
  try {
    text = (await readFile(path, 'utf8')).trim() || null
  } catch {
    text = null
  }
  markers.set(path, { size: info.size, mtimeMs: info.mtimeMs, path: text })
  return text
}

const HASH_NAME = /^[0-9a-f]{64}$/

/**
 * The project of a folder below the store root (~/.gemini/tmp): projects.json's reverse map, else
 * the folder's .project_root, else (legacy hash folders, or a session's projectHash) the
 * registered path whose sha256 matches, else the folder name itself.
 */
export async function resolveGeminiProject(root: string, folder: string, projectHash: string | null): Promise<GeminiProject> {
  const registry = await registryAt(join(dirname(root), 'projects.json'))
  const folderPath = join(root, folder)
  const registered = registry.bySlug.get(folder) ?? []
  let path: string | null
  if (registered.length === 1) path = registered[0] as string
  else {
    const marker = await markerAt(folderPath)
    if (registered.length > 1) path = registered.find((candidate) => candidate === marker) ?? [...registered].sort()[0] ?? null
    else path = marker
  }
  if (path === null && HASH_NAME.test(folder)) path = registry.byHash.get(folder) ?? null
  if (path === null && projectHash !== null) path = registry.byHash.get(projectHash) ?? null
  return { project: path ?? folder, projectPath: path }
}
