import { appendFile, mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RawFsEvent } from '../../../../src-main/core/watch/coalesce'
import { FolderWatches } from '../../../../src-main/core/watch/folder-watches'
import { isWatchedFolder, StoreWatcher, type WatchEngine } from '../../../../src-main/core/watch/store-watcher'
import { makeTempDir, removeDir } from '../../../support/fixtures'
import { waitFor } from '../../../support/wait-for'

// The store watcher on real folders, with each engine: what a Claude Code store (watchDepth 5)
// does while the app runs reaches onEvent as add/change/unlink, and folders as they come and go.

let dir: string
let root: string
let watcher: StoreWatcher | FolderWatches | null
beforeEach(async () => {
  dir = await makeTempDir('folder-watches')
  root = join(dir, 'projects')
  await mkdir(join(root, '-home-dev-app'), { recursive: true })
  watcher = null
})
afterEach(async () => {
  await watcher?.close()
  await removeDir(dir)
})

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e'
const OTHER = '7c9e6679-7425-40de-944b-e07fc1f90ae7'
const LINE = '{"type":"user"}\n'

async function watching(engine: WatchEngine, archived = false) {
  const events: RawFsEvent[] = []
  const folders: string[] = []
  const errors: Error[] = []
  const store = new StoreWatcher(
    { format: 'claude', root },
    {
      archived,
      engine,
      onEvent: (event) => events.push(event),
      onFolder: (path) => folders.push(path),
      onError: (error) => errors.push(error),
    },
  )
  watcher = store
  await store.start()
  const has = (kind: RawFsEvent['kind'], path: string) => events.some((event) => event.kind === kind && event.path === path)
  const seen = (kind: RawFsEvent['kind'], path: string) => waitFor(`${kind} ${path}`, () => has(kind, path))
  // For a folder announced before chokidar's own watch on it is set: the write is made again
  // every half second until it is seen.
  const seenAfterWrites = async (kind: RawFsEvent['kind'], path: string, write: () => Promise<void>) => {
    let last = 0
    await waitFor(`${kind} ${path} after writes`, async () => {
      if (has(kind, path)) return true
      if (Date.now() - last > 500) {
        last = Date.now()
        await write()
      }
      return false
    })
  }
  return { events, folders, errors, seen, seenAfterWrites }
}

describe.each<WatchEngine>(['folders', 'chokidar'])('StoreWatcher with %s', (engine) => {
  it('reports a session created, appended to, renamed and deleted', async () => {
    const { seen, errors } = await watching(engine)
    const path = join(root, '-home-dev-app', `${ID}.jsonl`)
    const moved = join(root, '-home-dev-app', `${OTHER}.jsonl`)
    await writeFile(path, LINE)
    await seen('add', path)
    await appendFile(path, LINE)
    await seen('change', path)
    await rename(path, moved)
    await seen('unlink', path)
    await seen('add', moved)
    await rm(moved)
    await seen('unlink', moved)
    expect(errors).toEqual([])
  })

  it('watches a project folder made after the start, and the sub-agent folders inside it', async () => {
    const { seen, folders } = await watching(engine)
    const project = join(root, '-home-dev-new')
    const subagents = join(project, ID, 'subagents')
    await mkdir(subagents, { recursive: true })
    await waitFor('the new project folder', () => folders.includes(project))
    await waitFor('its sub-agent folder', () => folders.includes(subagents))
    // Written once the folders are announced: the watch on them is what reports these.
    const session = join(project, `${ID}.jsonl`)
    const agent = join(subagents, 'agent-a485154.jsonl')
    await writeFile(session, LINE)
    await writeFile(agent, LINE)
    await seen('add', session)
    await seen('add', agent)
    await appendFile(agent, LINE)
    await seen('change', agent)
  })

  it('tells of a folder removed after the start, and watches one made again under its name', async () => {
    const { seenAfterWrites, folders } = await watching(engine)
    const project = join(root, '-home-dev-app')
    await rm(project, { recursive: true })
    await waitFor('the removed folder', () => folders.includes(project))
    await mkdir(project)
    await waitFor('the folder made again', () => folders.filter((path) => path === project).length >= 2)
    const path = join(project, `${ID}.jsonl`)
    await seenAfterWrites('add', path, () => writeFile(path, LINE))
  })

  it('follows a project folder renamed after the start', async () => {
    const before = join(root, '-home-dev-app')
    const after = join(root, '-home-dev-renamed')
    await writeFile(join(before, `${ID}.jsonl`), LINE)
    const { seenAfterWrites, folders } = await watching(engine)
    await rename(before, after)
    await waitFor('the old name gone', () => folders.includes(before))
    await waitFor('the new name', () => folders.includes(after))
    const path = join(after, `${ID}.jsonl`)
    await seenAfterWrites('change', path, () => appendFile(path, LINE))
  })

  it('leaves archived sessions unreported unless asked for', async () => {
    const archive = join(root, '-home-dev-app', '.archive')
    await mkdir(archive)
    const { events, seen } = await watching(engine)
    const archived = join(archive, `${ID}.jsonl`)
    const active = join(root, '-home-dev-app', `${OTHER}.jsonl`)
    await writeFile(archived, LINE)
    await writeFile(active, LINE)
    await seen('add', active)
    expect(events.map((event) => event.path)).not.toContain(archived)
  })

  it('survives a symbolic link loop in the store', async () => {
    await symlink(root, join(root, '-home-dev-app', 'loop'))
    const { seen, errors } = await watching(engine)
    const path = join(root, '-home-dev-app', `${ID}.jsonl`)
    await writeFile(path, LINE)
    await seen('add', path)
    expect(errors).toEqual([])
  })
})

describe('FolderWatches', () => {
  it('watches only the folders the depth allows, and each folder once however it is reached', async () => {
    // ao-rs' depth: <project>/<file>, so <project>/<deeper>/ is not watched.
    const project = join(root, '-home-dev-app')
    await mkdir(join(project, 'deeper', 'deepest'), { recursive: true })
    await mkdir(join(root, '.hidden'))
    await symlink(project, join(root, 'alias'))
    const names: string[] = []
    const folders = new FolderWatches(root, {
      watched: (path) => isWatchedFolder(root, path, 1, false),
      onName: (_kind, path) => names.push(path),
      onFolder: () => {},
      onError: (error) => {
        throw error
      },
    })
    watcher = folders
    await folders.start()
    // The root, and -home-dev-app once (alias points at it); not .hidden, not deeper/.
    expect(folders.size).toBe(2)
    await writeFile(join(project, 'deeper', 'deep.yaml'), 'x')
    await writeFile(join(project, 'deeper', 'deepest', 'deeper-still.yaml'), 'x')
    await writeFile(join(root, '.hidden', 'hidden.yaml'), 'x')
    const shallow = join(project, 'a.yaml')
    await writeFile(shallow, 'x')
    await waitFor('the file at the watched depth', () => names.includes(shallow))
    expect(names.filter((path) => path.includes('deep') || path.includes('hidden'))).toEqual([])
  })

  it('takes a root that is not there for an empty store (the reconciliation finds it once made)', async () => {
    const folders = new FolderWatches(join(dir, 'missing'), {
      watched: () => true,
      onName: () => {},
      onFolder: () => {},
      onError: () => {},
    })
    watcher = folders
    await folders.start()
    expect(folders.size).toBe(0)
  })
})
