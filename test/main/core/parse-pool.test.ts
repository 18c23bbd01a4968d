import { appendFile, readFile, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FORMAT_LIST, formatModule } from '../../../src-main/core/formats/registry'
import type { SessionFile } from '../../../src-main/core/formats/format'
import { type ParseAnswer, type ParseJob, runParseJob } from '../../../src-main/core/parse-pool/parse-job'
import { MIN_JOBS_FOR_POOL, closeParsePool, parseAll } from '../../../src-main/core/parse-pool/parse-pool'
import type { Store } from '../../../src-shared/model'
import { ClaudeLog, writeClaudeSession } from '../../support/claude-fixtures'
import { makeTempDir, removeDir } from '../../support/fixtures'
import { copySampleStores } from '../../support/sample-stores'
import { repoPath } from '../../support/repo'
import { bundleWorker } from '../../../src-main/core/parse-pool/worker-bundle'

// The parse pool reads files on worker threads; what it answers must be exactly what the calling
// thread's read of the same file answers, for every format, summaries and texts alike.

let dir: string
let stores: Store[]

beforeAll(async () => {
  dir = await makeTempDir('parse-pool')
  const formats = FORMAT_LIST.map((module) => module.format)
  const roots = await copySampleStores(join(dir, 'copies'), formats)
  stores = roots.map((root, i) => ({ format: formats[i] as Store['format'], root }))
})
afterAll(async () => {
  await closeParsePool()
  await removeDir(dir)
})

async function answersOf(jobs: readonly ParseJob[]): Promise<{ answers: ParseAnswer[]; byWorkers: number }> {
  const answers = new Array<ParseAnswer>(jobs.length)
  const byWorkers = await parseAll(jobs, (i, answer) => {
    answers[i] = answer
  })
  return { answers, byWorkers }
}

describe('the parse pool', () => {
  it('answers every sample of every format on its worker threads exactly as this thread reads it', async () => {
    const jobs: ParseJob[] = []
    for (const store of stores) {
      for (const file of await formatModule(store.format).scan(store.root, { archived: true })) {
        jobs.push({ kind: 'summary', store, file }, { kind: 'texts', store, file })
      }
    }
    expect(jobs.length).toBeGreaterThanOrEqual(MIN_JOBS_FOR_POOL)
    const { answers, byWorkers } = await answersOf(jobs)
    expect(byWorkers).toBe(jobs.length)
    for (const [i, job] of jobs.entries()) {
      // The note is what this thread's caches hold of the file, which the samples' copying left
      // stale here: a note may be missing, never different.
      const { note: hereNote, ...here } = await runParseJob(job)
      const { note: thereNote, ...there } = answers[i] as ParseAnswer
      expect(there, `${job.kind} of ${job.file.path}`).toEqual(here)
      if (hereNote !== null) expect(thereNote).toBe(hereNote)
    }
    expect(answers.filter((answer) => answer.kind === 'session').length).toBeGreaterThan(jobs.length / 2)
  })

  it('keeps each answer with its job when a worker holds many more jobs than it reads at once, the calling thread busy between answers', async () => {
    const files: ParseJob[] = []
    for (const store of stores) {
      for (const file of await formatModule(store.format).scan(store.root, { archived: true })) files.push({ kind: 'texts', store, file })
    }
    // Several hundred jobs: each worker's queue fills past what it reads at once, and waits.
    const jobs = Array.from({ length: Math.ceil(400 / files.length) }, () => files).flat()
    const answers = new Array<ParseAnswer>(jobs.length)
    let seen = 0
    const byWorkers = await parseAll(jobs, (i, answer) => {
      expect(answers[i]).toBeUndefined()
      answers[i] = answer
      // As a batch's write does: the thread holds on, sending no job and taking no answer.
      if (++seen % 50 === 0) for (const until = Date.now() + 30; Date.now() < until;);
    })
    expect(byWorkers).toBe(jobs.length)
    const here = await Promise.all(files.map((job) => runParseJob(job)))
    for (const [i, job] of jobs.entries()) expect(answers[i], `${job.file.path}`).toEqual(here[i % files.length])
  })

  it('goes on from a saved fold on a worker: a grown log read there gives what a read from the start gives', async () => {
    const root = join(dir, 'claude', 'projects')
    const log = new ClaudeLog({ sessionId: '55555555-0000-4000-8000-000000000001', cwd: '/home/dev/shop' })
    for (let i = 0; i < 300; i++) log.prompt(`step ${i}: ${'words '.repeat(700)}`).response({ text: `ok ${i}` })
    const path = await writeClaudeSession(root, '-home-dev-shop', log)
    const store: Store = { format: 'claude', root }
    const fileNow = async (): Promise<SessionFile> => {
      const info = await stat(path)
      return { path, archived: false, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino }
    }
    // Enough jobs for the pool: the log among copies of the samples' summaries.
    const padding = (await formatModule('oxios').scan(stores[0]?.root ?? '', { archived: true })).map((file): ParseJob => ({
      kind: 'summary',
      store: stores[0] as Store,
      file,
    }))
    const filler = Array.from({ length: MIN_JOBS_FOR_POOL }, (_, i) => padding[i % padding.length] as ParseJob)
    const first = await answersOf([{ kind: 'summary', store, file: await fileNow() }, ...filler])
    const fold = first.answers[0]?.kind === 'session' ? first.answers[0].fold : null
    expect(fold?.offset).toBe((await fileNow()).size)

    const more = new ClaudeLog({ sessionId: log.sessionId, cwd: '/home/dev/shop', start: '2026-04-01T00:00:00.000Z' })
    more.prompt('one more').response({ text: 'done' })
    await appendFile(path, more.toString())
    const grown = await fileNow()
    const second = await answersOf([{ kind: 'summary', store, file: grown, fold }, ...filler])
    expect(second.byWorkers).toBeGreaterThan(0)
    const resumed = second.answers[0]
    expect(resumed?.kind === 'session' && resumed.session.turns).toBe(301)
    expect(resumed?.kind === 'session' && resumed.fold?.offset).toBe(grown.size)
    expect(resumed).toMatchObject({ kind: 'session', session: await formatModule('claude').summarize(store, grown) })
  })
})

describe('the bundled worker', () => {
  it('is built from the sources it lists, and built again when one of them changed', async () => {
    const source = repoPath('src-main', 'core', 'parse-pool', 'parse-worker.ts')
    const file = await bundleWorker(source)
    expect(file).not.toBeNull()
    const manifestPath = join(dirname(file as string), 'parse-worker.json')
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { inputs: Array<{ path: string; size: number; mtimeMs: number }> }
    const fold = manifest.inputs.find((input) => input.path === repoPath('src-main', 'core', 'formats', 'claude', 'fold.ts'))
    expect(fold?.size).toBe((await stat(repoPath('src-main', 'core', 'formats', 'claude', 'fold.ts'))).size)
    expect(manifest.inputs.some((input) => input.path === source)).toBe(true)
    const built = (await stat(file as string)).mtimeMs
    // Up to date: the same file, not written again.
    expect(await bundleWorker(source)).toBe(file)
    expect((await stat(file as string)).mtimeMs).toBe(built)
    // A source that no longer matches its listing (as after an edit): built again.
    const stale = {
      ...manifest,
      inputs: manifest.inputs.map((input) => (input === fold ? { ...input, mtimeMs: input.mtimeMs - 1000 } : input)),
    }
    await writeFile(manifestPath, JSON.stringify({ ...stale, file }))
    await new Promise((done) => setTimeout(done, 20))
    expect(await bundleWorker(source)).toBe(file)
    expect((await stat(file as string)).mtimeMs).toBeGreaterThan(built)
    const rebuilt = JSON.parse(await readFile(manifestPath, 'utf8')) as typeof manifest
    expect(rebuilt.inputs.find((input) => input.path === fold?.path)?.mtimeMs).toBe(fold?.mtimeMs)
  })
})
