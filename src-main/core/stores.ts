import { constants } from 'node:fs'
import { access, readdir, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import type { Sniff, FormatModule } from './formats/format'
import { FORMAT_LIST } from './formats/registry'
import type { Store } from '../../src-shared/model'
import { TRASH_DIR } from './operations/locations'
import { isTempFile } from './scan'

/** A directory given by the user that cannot serve as a store; the message is for the user. */
export class StoreError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StoreError'
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

async function hasVisibleEntries(dir: string): Promise<boolean> {
  const names = await readdir(dir)
  return names.some((name) => !name.startsWith('.') && !isTempFile(name))
}

/**
 * Sniffs a folder for a format, its trash included: a store whose last session went to the trash
 * is still that store (to list, restore from and empty). Formats that keep their trash inside each
 * project (scanTrash) look there in their own sniff; the others mirror the store under .trash/.
 */
async function sniffStore(adapter: FormatModule, root: string): Promise<Sniff> {
  const own = await adapter.sniff(root)
  if (own === 'yes' || adapter.scanTrash) return own
  const trash = join(root, TRASH_DIR)
  if (!(await isDirectory(trash))) return own
  const inTrash = await adapter.sniff(trash)
  return inTrash === 'yes' ? 'yes' : own
}

/** What a folder should hold, naming every format the registry lists. */
function expected(): string {
  const each = FORMAT_LIST.map((module) => `${module.label} (${module.layoutExample})`)
  return `expected a sessions folder of ${each.slice(0, -1).join(', ')} or ${each.at(-1)}, or the agent home that holds one`
}

/**
 * The stores a directory argument stands for. It may be a sessions folder itself or an agent
 * home that holds one (each format's `homeExample`). An empty folder yields no store
 * unless its path names the agent; anything else that holds no sessions is a StoreError.
 */
export async function resolveStoreDir(dir: string): Promise<Store[]> {
  const root = resolve(dir)
  let info
  try {
    info = await stat(root)
  } catch {
    throw new StoreError(`${dir}: no such directory`)
  }
  if (!info.isDirectory()) throw new StoreError(`${dir}: not a directory`)
  try {
    await access(root, constants.R_OK | constants.X_OK)
  } catch {
    throw new StoreError(`${dir}: permission denied (the folder cannot be read)`)
  }

  // Agent homes first: ~/.ao-rs also holds cost-ledger/*.yaml, which must not pass for a store.
  const emptyCandidates: Store[] = []
  for (const adapter of FORMAT_LIST) {
    for (const layout of adapter.homeLayouts) {
      const candidate = join(root, layout)
      if (!(await isDirectory(candidate))) continue
      const sniff = await sniffStore(adapter, candidate)
      if (sniff === 'yes') return [{ format: adapter.format, root: candidate }]
      if (sniff === 'empty' && adapter.pathHint.test(candidate)) emptyCandidates.push({ format: adapter.format, root: candidate })
    }
  }
  for (const adapter of FORMAT_LIST) {
    const sniff = await sniffStore(adapter, root)
    if (sniff === 'yes') return [{ format: adapter.format, root }]
    // A store with nothing in it yet, whose path names its agent (an empty ~/.codex).
    if (sniff === 'empty' && adapter.pathHint.test(root) && adapter.homeLayouts.length === 0) {
      emptyCandidates.push({ format: adapter.format, root })
    }
  }
  for (const adapter of FORMAT_LIST) {
    if (adapter.innerFolders?.includes(basename(root)) && (await sniffStore(adapter, dirname(root))) === 'yes') {
      return [{ format: adapter.format, root: dirname(root) }]
    }
  }
  if (emptyCandidates[0]) return [emptyCandidates[0]]
  if (!(await hasVisibleEntries(root))) {
    const hinted = FORMAT_LIST.find((adapter) => adapter.pathHint.test(root))
    return hinted ? [{ format: hinted.format, root }] : []
  }
  throw new StoreError(`${dir} does not look like a session store: ${expected()}`)
}

/** Every well-known store that exists on this machine. */
export async function defaultStores(home: string, env: NodeJS.ProcessEnv): Promise<Store[]> {
  const stores: Store[] = []
  for (const adapter of FORMAT_LIST) {
    for (const root of adapter.defaultRoots(home, env)) {
      if (await isDirectory(root)) stores.push({ format: adapter.format, root })
    }
  }
  return stores
}

/** Where defaultStores looks, for messages that tell the user. */
export function defaultStoreLocations(home: string, env: NodeJS.ProcessEnv): string[] {
  return FORMAT_LIST.flatMap((adapter) => adapter.defaultRoots(home, env))
}

/** Resolves every directory argument, or the defaults when there are none; duplicates collapse. */
export async function resolveStores(dirs: string[], home: string, env: NodeJS.ProcessEnv): Promise<Store[]> {
  const stores = dirs.length === 0 ? await defaultStores(home, env) : (await Promise.all(dirs.map(resolveStoreDir))).flat()
  const seen = new Set<string>()
  return stores.filter((store) => {
    const key = `${store.format}:${store.root}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
