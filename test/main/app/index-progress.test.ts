import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ClaudeLog, writeClaudeSession } from '../../support/claude-fixtures'
import { makeTempDir, removeDir } from '../../support/fixtures'
import { waitFor } from '../../support/wait-for'
import type { IndexProgressView } from '../../../src-shared/contract'
import { AppService, type AppServiceOptions } from '../../../src-main/app/app-service'
import { type IndexProgressCounts, IndexProgressReporter, shouldSendProgress, warmsUpSearch } from '../../../src-main/app/index-progress'
import { SAMPLES_DIR } from '../../support/sample-stores'

describe('shouldSendProgress', () => {
  it('sends the first report, then one per interval, and the last always', () => {
    expect(shouldSendProgress(null, 1_000, 100, false)).toBe(true)
    expect(shouldSendProgress(1_000, 1_050, 100, false)).toBe(false)
    expect(shouldSendProgress(1_000, 1_099, 100, false)).toBe(false)
    expect(shouldSendProgress(1_000, 1_100, 100, false)).toBe(true)
    expect(shouldSendProgress(1_000, 1_001, 100, true)).toBe(true)
  })
})

describe('IndexProgressReporter', () => {
  const counts = (done: number, files = 4, bytesEach = 1_000): IndexProgressCounts => ({
    files,
    done,
    bytes: files * bytesEach,
    doneBytes: done * bytesEach,
  })

  function reporter() {
    let now = 10_000
    const sent: IndexProgressView[] = []
    const seen: IndexProgressCounts[] = []
    const it = new IndexProgressReporter(
      (view) => sent.push(view),
      (c) => seen.push(c),
      () => now,
      100,
    )
    return { it, sent, seen, tick: (ms: number) => (now += ms) }
  }

  it('sends at most one report per interval, always the run’s last, then finished, with the run’s start and elapsed time', () => {
    const { it: r, sent, seen, tick } = reporter()
    r.begin()
    tick(50)
    r.progress(counts(1))
    tick(30)
    r.progress(counts(2)) // 30 ms after the last sent one: dropped
    expect(r.current()).toMatchObject({ done: 1 })
    tick(80)
    r.progress(counts(3))
    tick(10)
    r.progress(counts(4)) // the last: sent though only 10 ms later
    tick(5)
    r.end()
    expect(sent.map((view) => [view.done, view.finished, view.elapsedMs])).toEqual([
      [1, false, 50],
      [3, false, 160],
      [4, false, 170],
      [4, true, 175],
    ])
    for (const view of sent) expect(view).toMatchObject({ phase: 'texts', files: 4, bytes: 4_000, startedAt: 10_000 })
    expect(sent[1]?.doneBytes).toBe(3_000)
    // The CLI's callback gets every report, as the indexer gave it.
    expect(seen).toEqual([counts(1), counts(2), counts(3), counts(4)])
    expect(r.current()).toBeNull()
  })

  it('sends nothing for a run with nothing to read, or one whose first report is its last', () => {
    const { it: r, sent, seen } = reporter()
    r.begin()
    r.end()
    r.begin()
    r.progress(counts(3, 3))
    r.end()
    expect(sent).toEqual([])
    expect(seen).toEqual([counts(3, 3)])
  })

  it('ends a run that failed half-way with finished, at the counts it reached', () => {
    const { it: r, sent, tick } = reporter()
    r.begin()
    r.progress(counts(1))
    tick(200)
    r.end()
    expect(sent.map((view) => [view.done, view.finished])).toEqual([
      [1, false],
      [1, true],
    ])
    // A new run starts afresh.
    r.begin()
    r.progress(counts(2))
    expect(sent.at(-1)).toMatchObject({ done: 2, startedAt: 10_200, elapsedMs: 0, finished: false })
  })
})

describe('warmsUpSearch', () => {
  it('is the long-lived app’s service only', () => {
    expect(warmsUpSearch({ shell: 'electron' })).toBe(true)
    expect(warmsUpSearch({ shell: 'browser', watch: true })).toBe(true)
    expect(warmsUpSearch({ shell: 'browser', watch: false })).toBe(false)
    expect(warmsUpSearch({ shell: 'browser', lazyIndex: true })).toBe(false)
    expect(warmsUpSearch({ shell: 'browser', readOnly: true })).toBe(false)
    // `sessionscope watch` watches, but has no bar to show and needs no search.
    expect(warmsUpSearch({ shell: 'cli', watch: true })).toBe(false)
  })
})

describe('the service builds the search index at start', () => {
  let dir: string
  let services: AppService[]
  beforeEach(async () => {
    dir = await makeTempDir('index-progress')
    services = []
  })
  afterEach(async () => {
    for (const service of services) await service.close()
    await removeDir(dir)
  })

  /** A Claude Code store of `count` sessions, each with a word of its own. */
  async function claudeStore(count: number): Promise<string> {
    const root = join(dir, 'claude', 'projects')
    for (let i = 0; i < count; i++) {
      const log = new ClaudeLog({ cwd: `/work/project-${i % 5}` })
      log.prompt(`Session number ${i}: look into marker${i} and ${'the build log '.repeat(200)}`)
      log.response({ text: `Looked into marker${i}.` })
      await writeClaudeSession(root, `-work-project-${i % 5}`, log)
    }
    return root
  }

  async function start(
    root: string,
    overrides: Partial<AppServiceOptions> = {},
  ): Promise<{ service: AppService; views: IndexProgressView[] }> {
    const views: IndexProgressView[] = []
    const options: AppServiceOptions = {
      dataDir: join(dir, 'data'),
      home: join(dir, 'home'),
      env: {},
      dirs: [root],
      samplesDir: SAMPLES_DIR,
      shell: 'browser',
      reconcileIntervalMs: 0,
      onNotice: () => {},
      ...overrides,
    }
    // Listening from the very start needs the listener before start() returns: the first reports
    // may come before the test could subscribe, so they are also collected through getIndexProgress.
    const service = await AppService.start(options)
    services.push(service)
    service.on('indexProgress', (view) => views.push(view))
    const current = await service.getIndexProgress()
    if (current) views.unshift(current)
    return { service, views }
  }

  it('reports the build in the background until finished, and search is then ready without reading again', async () => {
    const root = await claudeStore(450)
    const counts: IndexProgressCounts[] = []
    const { service, views } = await start(root, { onIndexProgress: (c) => counts.push(c) })
    await waitFor('the build’s finished report', () => views.some((view) => view.finished), 60_000)
    const last = views.at(-1) as IndexProgressView
    expect(last).toMatchObject({ phase: 'texts', files: 450, done: 450, finished: true })
    expect(last.doneBytes).toBe(last.bytes)
    expect(views.every((view) => view.startedAt === last.startedAt)).toBe(true)
    for (let i = 1; i < views.length; i++)
      expect((views[i] as IndexProgressView).done).toBeGreaterThanOrEqual((views[i - 1] as IndexProgressView).done)
    expect(await service.getIndexProgress()).toBeNull()
    // The option the CLI uses still gets the indexer's counts.
    expect(counts.at(-1)).toMatchObject({ files: 450, done: 450 })

    const reports = counts.length
    const outcome = await service.search('marker321', 10)
    expect(outcome.ok && outcome.value.total).toBeGreaterThan(0)
    expect(counts.length).toBe(reports)
  })

  it('a search while the build runs waits for it, and finds what the last files say', async () => {
    const root = await claudeStore(450)
    const { service } = await start(root)
    for (const word of ['marker0', 'marker449', 'marker225']) {
      const found = await service.search(word, 10)
      expect(found.ok && found.value.total, word).toBeGreaterThan(0)
    }
    expect(await service.getIndexProgress()).toBeNull()
  })

  it('a close while the build runs neither throws nor reports an error', async () => {
    const root = await claudeStore(450)
    const errors: Error[] = []
    const { service, views } = await start(root, { onIndexError: (error) => errors.push(error) })
    await waitFor('the first report', () => views.length > 0, 60_000)
    await service.close()
    services = []
    expect(errors).toEqual([])
  })

  it('a one-shot service builds nothing until a search', async () => {
    const root = await claudeStore(3)
    const counts: IndexProgressCounts[] = []
    const { service } = await start(root, { shell: 'cli', watch: false, lazyIndex: true, onIndexProgress: (c) => counts.push(c) })
    expect(await service.getIndexProgress()).toBeNull()
    expect(counts).toEqual([])
    const outcome = await service.search('marker1', 10)
    expect(outcome.ok).toBe(true)
    expect(counts.at(-1)).toMatchObject({ files: 3, done: 3 })
  })
})
