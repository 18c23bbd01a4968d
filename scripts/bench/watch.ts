// The watch phase: `sessionscope watch DIR --json` on the whole tree, timed to its ready line;
// then a line appended to one session file every 100 ms, each timed to the first batch event
// that names that file.

import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { appendFile, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { ChildResult } from './child'
import type { Corpus } from './corpus'
import { BENCH_DIR, REPO } from './run'

export interface WatchFigures {
  /** Spawn to the ready line, as the parent saw it. */
  readyWall: number
  /** Start of the command to its ready line, inside the child. */
  readyInside: number
  /** The child's own startup (until the command began). */
  startup: number
  peak: number
  latencies: number[]
  missed: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function appendedLine(sessionId: string, cwd: string, n: number): string {
  return `${JSON.stringify({
    parentUuid: null,
    isSidechain: false,
    userType: 'external',
    cwd,
    sessionId,
    version: '2.1.7',
    type: 'user',
    message: { role: 'user', content: `bench append ${n}: one more question about the watcher` },
    uuid: randomUUID(),
    timestamp: new Date().toISOString(),
  })}\n`
}

export async function watchPhase(corpus: Corpus, dataDir: string, appends: number, seed: () => number): Promise<WatchFigures> {
  const resultFile = join(dataDir, '..', `watch-result-${process.pid}.json`)
  const started = performance.now()
  const proc = spawn(process.execPath, ['--import', 'tsx', join(BENCH_DIR, 'cli-child.ts'), 'watch', corpus.projects, '--json'], {
    cwd: REPO,
    env: { ...process.env, SESSIONSCOPE_DATA_DIR: dataDir, BENCH_STDOUT: 'pass', BENCH_RESULT: resultFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  proc.stderr.setEncoding('utf8')
  proc.stderr.on('data', (text: string) => (stderr += text))
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  const pending = new Map<string, number>()
  const latencies: number[] = []
  let readyWall = -1
  let onReady = () => {}
  const ready = new Promise<void>((resolve) => (onReady = resolve))
  createInterface({ input: proc.stdout }).on('line', (line) => {
    const now = performance.now()
    let event: { type?: string; path?: string }
    try {
      event = JSON.parse(line) as typeof event
    } catch {
      return
    }
    if (event.type === 'ready') {
      readyWall = now - started
      onReady()
    } else if (event.path !== undefined && pending.has(event.path)) {
      latencies.push(now - (pending.get(event.path) as number))
      pending.delete(event.path)
    }
  })
  await Promise.race([ready, exited])
  if (readyWall < 0) throw new Error(`watch ended before it was ready:\n${stderr}`)
  // Let the watchers settle before the first append.
  await sleep(1000)
  const mains = corpus.sessions
  const chosen = new Set<number>()
  while (chosen.size < Math.min(appends, mains.length)) chosen.add(Math.floor(seed() * mains.length))
  let n = 0
  for (const index of chosen) {
    const session = mains[index] as Corpus['sessions'][number]
    pending.set(session.path, performance.now())
    await appendFile(session.path, appendedLine(session.id, session.cwd, n++))
    await sleep(100)
  }
  // Events later than this count as missed (the reconciliation scan, every 30 s, would find them anyway).
  for (let waited = 0; pending.size > 0 && waited < 30_000; waited += 100) await sleep(100)
  proc.kill('SIGTERM')
  await exited
  const result = JSON.parse(await readFile(resultFile, 'utf8').catch(() => '{}')) as Partial<ChildResult> & {
    readyMs?: number
    startup?: number
  }
  return {
    readyWall,
    readyInside: result.readyMs ?? Number.NaN,
    startup: result.startup ?? Number.NaN,
    peak: result.peak ?? Number.NaN,
    latencies,
    missed: pending.size,
  }
}
