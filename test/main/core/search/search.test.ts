import { appendFile, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppService, type AppServiceOptions } from '../../../../src-main/app/app-service'
import { openIndexDatabase } from '../../../../src-main/core/index-db/index-database'
import { updateIndex, updateIndexPaths } from '../../../../src-main/core/index-db/indexer'
import { readSummaries } from '../../../../src-main/core/index-db/index-store'
import { FORMAT_LIST } from '../../../../src-main/core/formats/registry'
import { listStores, loadSession } from '../../../../src-main/core/listing'
import type { SearchResult } from '../../../../src-main/core/search/search'
import type { SessionSummary, Store } from '../../../../src-shared/model'
import { makeTempDir, removeDir } from '../../../support/fixtures'
import { SAMPLES_DIR, copySampleStores } from '../../../support/sample-stores'

// The search over the index, on copies of the sample sessions of every format, through the real
// service (index.sqlite in a temp data folder), as the CLI and the app run it.

const FORMATS = FORMAT_LIST.map((module) => module.format)
const MARKS = ['[', ']'] as const

let dir: string
let stores: Store[]
let services: AppService[]
let notices: string[]

beforeEach(async () => {
  dir = await makeTempDir('search')
  const roots = await copySampleStores(join(dir, 'copies'), FORMATS)
  stores = roots.map((root, i) => ({ format: FORMATS[i] as string, root }))
  services = []
  notices = []
})
afterEach(async () => {
  for (const service of services) await service.close()
  await removeDir(dir)
})

async function service(overrides: Partial<AppServiceOptions> = {}): Promise<AppService> {
  const started = await AppService.start({
    dataDir: join(dir, 'data'),
    home: join(dir, 'home'),
    env: {},
    dirs: [],
    stores,
    samplesDir: SAMPLES_DIR,
    shell: 'cli',
    watch: false,
    lazyIndex: true,
    onNotice: (message) => notices.push(message),
    ...overrides,
  })
  services.push(started)
  return started
}

async function found(app: AppService, query: string, limit = 500): Promise<SearchResult> {
  const outcome = await app.searchTexts(query, { limit, marks: MARKS })
  if (!outcome.ok) throw new Error(`"${query}" was refused: ${outcome.reason}`)
  return outcome.value
}

async function sessionsOf(format: string): Promise<SessionSummary[]> {
  return (await listStores([stores.find((s) => s.format === format) as Store], { archived: true })).sessions
}

describe('search over the index', () => {
  it('finds a word of each format’s first prompt in that session, at turn 1, highlighted', async () => {
    const app = await service()
    expect(notices).toEqual([])
    let searched = 0
    for (const format of FORMATS) {
      const [session] = await sessionsOf(format)
      const detail = await loadSession(session as SessionSummary)
      const prompt = detail.turns.find((turn) => turn.user?.text.trim())
      // ao-rs records no conversation, only its task (the title): it has no prompt to find.
      if (!prompt && detail.turns.length === 0) continue
      searched++
      const word = [...(prompt?.user?.text.matchAll(/[A-Za-z]{6,}/g) ?? [])].map((m) => m[0]).sort((a, b) => b.length - a.length)[0]
      expect(word, `a word in the first prompt of the ${format} sample`).toBeDefined()
      const result = await found(app, `agent:${format} in:prompt "${word}"`)
      const hit = result.hits.find((h) => h.path === session?.path && h.turn === prompt?.index)
      expect(hit, `${format}: "${word}"`).toMatchObject({ format, field: 'prompt', step: null, sessionId: session?.id })
      expect(hit?.snippet.toLowerCase()).toContain(`[${(word as string).toLowerCase()}]`)
      expect(result.hits.every((h) => h.format === format && h.field === 'prompt')).toBe(true)
    }
    expect(searched).toBeGreaterThanOrEqual(FORMATS.length - 1)
    expect(notices.join()).toMatch(/no index/i)
  })

  it('narrows by is:error, tool:, in:, project:, dates and excluded words, each checked against the sessions themselves', async () => {
    const app = await service()
    const failed = await found(app, 'is:error')
    expect(failed.total).toBeGreaterThan(3)
    for (const hit of failed.hits) {
      const session = (await sessionsOf(hit.format)).find((s) => s.path === hit.path) as SessionSummary
      const step = (await loadSession(session)).turns[hit.turn]?.steps[hit.step as number]
      expect(step?.isError, `${hit.path} turn ${hit.turn} step ${hit.step}`).toBe(true)
    }
    const bash = await found(app, 'tool:Bash in:output')
    expect(bash.total).toBeGreaterThan(0)
    expect(bash.hits.every((h) => h.field === 'output')).toBe(true)
    const test = await found(app, 'test')
    const withoutCargo = await found(app, 'test -cargo')
    expect(withoutCargo.total).toBeLessThan(test.total)
    expect(withoutCargo.hits.some((h) => /cargo/i.test(h.snippet))).toBe(false)
    const project = test.hits[0]?.project as string
    const inProject = await found(app, `test project:"${project}"`)
    expect(inProject.total).toBeGreaterThan(0)
    // A project is named by its key or by the last folder of its working directory, in every format.
    for (const hit of inProject.hits) {
      const session = (await sessionsOf(hit.format)).find((s) => s.path === hit.path) as SessionSummary
      expect([session.project, session.projectPath?.split('/').at(-1)]).toContain(project)
    }
    const times = test.hits.map((h) => h.at).sort()
    const middle = times[Math.floor(times.length / 2)] as string
    const after = await found(app, `test after:${middle}`)
    const before = await found(app, `test before:${middle}`)
    expect(after.total + before.total).toBe(test.total)
    expect(after.hits.every((h) => h.at >= middle) && before.hits.every((h) => h.at < middle)).toBe(true)
    const phrase = await found(app, '"cargo test"')
    expect(phrase.hits.every((h) => /cargo\]? \[?test/i.test(h.snippet))).toBe(true)
    const prefix = await found(app, 'prorat*')
    expect(prefix.total).toBeGreaterThan(0)
    expect(await app.searchTexts('retry "unclosed', {})).toEqual({ ok: false, reason: expect.stringMatching(/closing quote/) })
  })

  it('reads on what changed, forgets what went, and leaves unchanged files unread', async () => {
    const app = await service()
    expect((await found(app, 'zanzibarquartz')).total).toBe(0)
    const claude = stores.find((s) => s.format === 'claude') as Store
    const [session] = (await sessionsOf('claude')).filter((s) => s.parentId === null)
    const lines = (await readFile(session?.path as string, 'utf8')).trimEnd().split('\n')
    const last = JSON.parse(lines.at(-1) as string) as Record<string, unknown>
    const prompt = {
      ...last,
      type: 'user',
      uuid: 'added-0000',
      parentUuid: last.uuid,
      timestamp: '2026-11-30T10:00:00.000Z',
      message: { role: 'user', content: 'Please also check zanzibarquartz in the config' },
    }
    await appendFile(session?.path as string, `${JSON.stringify(prompt)}\n`)
    // The one-shot service reads the stores again only when told they changed (the live index does that).
    await app.close()
    const again = await service()
    const hits = (await found(again, 'zanzibarquartz')).hits
    expect(hits.map((h) => [h.path, h.field])).toEqual([[session?.path, 'prompt']])

    const db = openIndexDatabase(join(dir, 'data'))
    try {
      const quiet = await updateIndex(db, stores)
      expect(quiet).toMatchObject({ indexed: 0, removed: 0 })
      expect(quiet.unchanged).toBeGreaterThan(10)
      await rm(session?.path as string)
      expect(await updateIndex(db, [claude])).toMatchObject({ indexed: 0, removed: 1 })
    } finally {
      db.close()
    }
    await again.close()
    expect((await found(await service(), 'zanzibarquartz')).total).toBe(0)
  })

  it('in the app, finds what an agent just wrote: the live index tells it which files to read again', async () => {
    const live = await service({ shell: 'browser', watch: true, lazyIndex: false, reconcileIntervalMs: 0 })
    expect((await found(live, 'quokkaflux')).total).toBe(0)
    const [session] = (await sessionsOf('claude')).filter((s) => s.parentId === null)
    const last = JSON.parse((await readFile(session?.path as string, 'utf8')).trimEnd().split('\n').at(-1) as string) as Record<
      string,
      unknown
    >
    const batch = new Promise<void>((resolve) => {
      const stop = live.on('indexBatch', (b) => {
        if (b.events.some((e) => e.path === session?.path)) {
          stop()
          resolve()
        }
      })
    })
    await appendFile(
      session?.path as string,
      `${JSON.stringify({ ...last, type: 'user', uuid: 'quokka-1', parentUuid: last.uuid, message: { role: 'user', content: 'what does quokkaflux do?' } })}\n`,
    )
    await batch
    expect((await found(live, 'quokkaflux')).hits.map((h) => [h.path, h.field])).toEqual([[session?.path, 'prompt']])
  })

  it("reads again only the paths it is given, forgets the gone ones and leaves other stores' paths alone", async () => {
    await found(await service(), 'test')
    const db = openIndexDatabase(join(dir, 'data'))
    try {
      const [first, second] = (await sessionsOf('claude')).filter((s) => s.parentId === null)
      await appendFile(first?.path as string, '\n')
      await rm(second?.path as string)
      const update = await updateIndexPaths(db, stores, [
        first?.path as string,
        second?.path as string,
        join(dir, 'elsewhere', 'x.jsonl'),
        first?.path as string,
      ])
      expect(update).toEqual({ indexed: 1, unchanged: 0, removed: 1, problems: 0 })
      expect(await updateIndexPaths(db, stores, [first?.path as string])).toEqual({ indexed: 0, unchanged: 1, removed: 0, problems: 0 })
    } finally {
      db.close()
    }
  })

  it('holds the summaries a listing gives, read once with the texts', async () => {
    await found(await service(), 'test')
    const db = openIndexDatabase(join(dir, 'data'))
    try {
      expect(readSummaries(db, stores)).toEqual((await listStores(stores, { archived: true })).sessions)
    } finally {
      db.close()
    }
  })

  it('rebuilds a damaged index and says so; the session files are never written', async () => {
    const app = await service()
    const before = (await found(app, 'test')).total
    await app.close()
    const snapshot = async () => {
      const files: Record<string, string> = {}
      const walk = async (folder: string): Promise<void> => {
        for (const entry of await readdir(folder, { withFileTypes: true })) {
          const path = join(folder, entry.name)
          if (entry.isDirectory()) await walk(path)
          else files[path] = await readFile(path, 'base64')
        }
      }
      await walk(join(dir, 'copies'))
      return files
    }
    const files = await snapshot()
    await writeFile(join(dir, 'data', 'index.sqlite'), 'this is not a database')
    notices = []
    expect((await found(await service(), 'test')).total).toBe(before)
    expect(notices.join()).toMatch(/index/i)
    expect(await snapshot()).toEqual(files)
  })
})
