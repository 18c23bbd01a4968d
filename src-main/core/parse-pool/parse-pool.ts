import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { mapLimit } from '../concurrency'
import { type ParseAnswer, type ParseJob, runParseJob } from './parse-job'
import { workerBundle } from './worker-bundle'

// Reading many files at once (a cold listing, the full-text pass) on worker threads, one per
// core: parsing is CPU work, and one thread does it no faster however many reads are in flight.
// Small batches, and any process where the worker cannot start (its file not found, a runtime
// without worker threads), read on the calling thread instead: the same code, so the same answers.

/** Fewer files than this are read on the calling thread: a worker's start costs more than they do. */
export const MIN_JOBS_FOR_POOL = 24
/**
 * Jobs sent to each worker ahead of its answers (it reads 4 at a time, parse-worker.ts): while the
 * calling thread is busy for a while (the full-text pass writes a batch of files in one
 * transaction) it sends no job, and a worker holding only the ones it reads would sit idle.
 */
const PER_WORKER = 32
/** Files read at once on the calling thread. */
const IN_PROCESS = 8
const START_TIMEOUT_MS = 30_000

interface Slot {
  worker: Worker
  pending: Map<number, (answer: ParseAnswer | null) => void>
  dead: boolean
}

/** The URL of tsx's ES-module API (its register()), found from the worker's source; null without tsx. */
function tsxLoaderApi(source: string): string | null {
  try {
    // The "import" build of tsx/esm/api (its CommonJS build cannot register the hooks in a worker).
    const required = createRequire(source).resolve('tsx/esm/api')
    const esm = required.replace(/\.cjs$/, '.mjs')
    return pathToFileURL(existsSync(esm) ? esm : required).href
  } catch {
    return null
  }
}

interface WorkerEntry {
  /** A file to run, or (eval) the code of a bootstrap that loads it. */
  code: string
  eval: boolean
}

/**
 * Where the worker's code is: beside the Electron main bundle (.js), else bundled from the
 * source tsx runs (.ts) (worker-bundle.ts), else that source itself through tsx's loader.
 */
async function workerEntry(): Promise<WorkerEntry | null> {
  // The Electron main process is a CommonJS bundle, with __dirname; tsx runs ES modules.
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url))
  const built = join(here, 'parse-worker.js')
  if (existsSync(built)) return { code: built, eval: false }
  const source = join(here, 'parse-worker.ts')
  if (!existsSync(source)) return null
  const bundle = await workerBundle(source)
  if (bundle !== null) return { code: bundle, eval: false }
  // TypeScript sources (the CLI, the browser shell and the tests run on tsx): a worker does not
  // inherit tsx's loader (Node 20 applies --import hooks after a worker's entry is resolved), so
  // a bootstrap registers it first, then loads the worker.
  const api = tsxLoaderApi(source)
  if (api === null) return null
  const load = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(source).href)}) })`
  return { code: load, eval: true }
}

class ParsePool {
  private slots: Promise<Slot[] | null> | null = null
  private nextId = 0
  private busy = 0

  constructor(private readonly size: number) {}

  /** The started workers, or null when they cannot start here. */
  start(): Promise<Slot[] | null> {
    this.slots ??= this.startWorkers()
    return this.slots
  }

  private async startWorkers(): Promise<Slot[] | null> {
    const entry = await workerEntry()
    if (!entry) return null
    const started = await Promise.all(Array.from({ length: this.size }, () => startWorker(entry)))
    const slots = started.filter((slot): slot is Slot => slot !== null)
    if (slots.length === 0) return null
    for (const slot of slots) slot.worker.unref()
    return slots
  }

  /** Reads every job, `onAnswer` told each as it comes; a worker that dies has its jobs read here. Resolves to how many the workers read. */
  async runAll(
    slots: Slot[],
    jobs: readonly ParseJob[],
    onAnswer: (index: number, answer: ParseAnswer) => void | Promise<void>,
  ): Promise<number> {
    let byWorkers = 0
    // A worker holds the process open only while it has work: idle, it never keeps a command from exiting.
    if (this.busy++ === 0) for (const slot of slots) slot.worker.ref()
    try {
      let next = 0
      const lane = async (slot: Slot) => {
        while (next < jobs.length) {
          const index = next++
          const job = jobs[index] as ParseJob
          const answer = slot.dead ? null : await this.send(slot, job)
          if (answer) byWorkers++
          await onAnswer(index, answer ?? (await runParseJob(job)))
        }
      }
      await Promise.all(slots.flatMap((slot) => Array.from({ length: PER_WORKER }, () => lane(slot))))
      return byWorkers
    } finally {
      if (--this.busy === 0) for (const slot of slots) slot.worker.unref()
    }
  }

  private send(slot: Slot, job: ParseJob): Promise<ParseAnswer | null> {
    const id = this.nextId++
    return new Promise((resolve) => {
      slot.pending.set(id, resolve)
      try {
        slot.worker.postMessage({ id, job })
      } catch {
        slot.pending.delete(id)
        resolve(null)
      }
    })
  }

  async close(): Promise<void> {
    const slots = await this.slots
    this.slots = null
    await Promise.all((slots ?? []).map((slot) => slot.worker.terminate()))
  }
}

function startWorker(entry: WorkerEntry): Promise<Slot | null> {
  return new Promise((resolve) => {
    let worker: Worker
    try {
      worker = new Worker(entry.code, { eval: entry.eval })
    } catch {
      resolve(null)
      return
    }
    const slot: Slot = { worker, pending: new Map(), dead: false }
    const timer = setTimeout(() => fail(), START_TIMEOUT_MS)
    const fail = () => {
      clearTimeout(timer)
      slot.dead = true
      // Jobs it had are read on the calling thread (null: no answer from the worker).
      for (const done of slot.pending.values()) done(null)
      slot.pending.clear()
      void worker.terminate()
      resolve(null)
    }
    worker.on('message', (message: { ready?: boolean; id?: number; answer?: ParseAnswer }) => {
      if (message.ready) {
        clearTimeout(timer)
        resolve(slot)
        return
      }
      if (message.id === undefined || !message.answer) return
      slot.pending.get(message.id)?.(message.answer)
      slot.pending.delete(message.id)
    })
    worker.on('error', fail)
    worker.on('exit', fail)
  })
}

let shared: ParsePool | null = null

/**
 * Reads the jobs, in the shared pool when there are enough of them and it can start, else on this
 * thread; `onAnswer` is told each answer as it comes, with its job's index. Resolves to how many
 * jobs the workers read.
 */
export async function parseAll(
  jobs: readonly ParseJob[],
  onAnswer: (index: number, answer: ParseAnswer) => void | Promise<void>,
): Promise<number> {
  if (jobs.length >= MIN_JOBS_FOR_POOL) {
    shared ??= new ParsePool(Math.max(1, Math.min(availableParallelism(), 4)))
    const slots = await shared.start()
    if (slots) return shared.runAll(slots, jobs, onAnswer)
  }
  const indexes = jobs.map((_, i) => i)
  await mapLimit(indexes, IN_PROCESS, async (i) => onAnswer(i, await runParseJob(jobs[i] as ParseJob)))
  return 0
}

/** Stops the shared pool's workers (tests; a process that exits needs nothing: idle workers hold nothing open). */
export async function closeParsePool(): Promise<void> {
  const pool = shared
  shared = null
  await pool?.close()
}
