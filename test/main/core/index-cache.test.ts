import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listStores } from '../../../src-main/core/listing'
import type { Store } from '../../../src-shared/model'
import { makeTempDir, oxiosDocument, removeDir, setMtime, writeFileDeep, writeOxios } from '../../support/fixtures'

let dir: string
let store: Store
let cacheDir: string

beforeEach(async () => {
  dir = await makeTempDir('cache')
  store = { format: 'oxios', root: join(dir, 'sessions') }
  cacheDir = join(dir, 'data', 'index-cache')
  for (let i = 0; i < 5; i++) await writeOxios(store.root, oxiosDocument({ id: `s${i}`, projectId: 'p' }))
  await writeFileDeep(join(store.root, 'broken.json'), '{"id": ')
})
afterEach(() => removeDir(dir))

const list = () => listStores([store], { archived: false, cacheDir })

describe('summary cache', () => {
  it('re-parses only files whose size or mtime changed, and forgets removed ones', async () => {
    const first = await list()
    expect(first.stats).toEqual({ parsed: 6, cached: 0 })
    const second = await list()
    expect(second.stats).toEqual({ parsed: 0, cached: 6 })
    expect(second.sessions).toEqual(first.sessions)
    expect(second.problems).toEqual(first.problems)

    const path = join(store.root, 's2.json')
    const doc = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
    await writeFile(path, JSON.stringify({ ...doc, project_id: 'changed' }, null, 2))
    await setMtime(join(store.root, 's3.json'), '2026-01-01T00:00:00Z')
    const third = await list()
    expect(third.stats).toEqual({ parsed: 2, cached: 4 })
    expect(third.sessions.find((s) => s.id === 's2')?.project).toBe('changed')

    const { rm } = await import('node:fs/promises')
    await rm(join(store.root, 's4.json'))
    const fourth = await list()
    expect(fourth.sessions.map((s) => s.id).sort()).toEqual(['s0', 's1', 's2', 's3'])
    const [file] = await readdir(cacheDir)
    const cached = JSON.parse(await readFile(join(cacheDir, file as string), 'utf8')) as { entries: Record<string, unknown> }
    expect(Object.keys(cached.entries).some((p) => p.endsWith('s4.json'))).toBe(false)
  })

  it('rebuilds a corrupt or outdated cache instead of trusting it', async () => {
    const truth = await list()
    const [file] = await readdir(cacheDir)
    const cachePath = join(cacheDir, file as string)
    await writeFile(cachePath, '{"version": 3, "entr')
    const afterCorrupt = await list()
    expect(afterCorrupt.stats).toEqual({ parsed: 6, cached: 0 })
    expect(afterCorrupt.sessions).toEqual(truth.sessions)

    const valid = JSON.parse(await readFile(cachePath, 'utf8')) as { version: number; entries: Record<string, unknown[]> }
    // A cache from another version, claiming a different title: never used.
    for (const entry of Object.values(valid.entries)) {
      const summary = entry[3] as { title: string } | null
      if (summary) summary.title = 'poisoned'
    }
    await writeFile(cachePath, JSON.stringify({ ...valid, version: valid.version - 1 }))
    const afterOutdated = await list()
    expect(afterOutdated.stats.parsed).toBe(6)
    expect(afterOutdated.sessions.some((s) => s.title === 'poisoned')).toBe(false)
  })
})
