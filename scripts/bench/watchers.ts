// Compares the watcher engines on a Claude-shaped tree of 50k files (the bench's corpus,
// scripts/bench/corpus.ts): for each, the time until changes are reported, the process's RSS
// then and at its peak, and the latency from an append to the event naming the file.
//   npx tsx scripts/bench/watchers.ts [--files 50000] [--appends 40] [--dir KEEP] [--only a,b]
// --dir keeps the tree between runs (built once); a warm run is the second over the same tree.

import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { appendFile, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { emptyCorpus, fillTo, seeded, type Corpus } from './corpus'
import { BENCH_DIR, REPO } from './run'

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? (process.argv[at + 1] as string) : fallback
}
const files = Number(arg('files', '50000'))
const appends = Number(arg('appends', '40'))
const kept = arg('dir', '')
const engines: Record<string, { backend: string; env?: NodeJS.ProcessEnv }> = {
  none: { backend: 'none' },
  chokidar: { backend: 'store', env: { BENCH_WATCHER_ENGINE: 'chokidar' } },
  folders: { backend: 'store', env: { BENCH_WATCHER_ENGINE: 'folders' } },
  'fs-watch (raw)': { backend: 'fs-watch' },
  'parcel (raw)': { backend: 'parcel' },
}
const only = arg('only', '').split(',').filter(Boolean)
const chosen = Object.keys(engines).filter((name) => only.length === 0 || only.includes(name.split(' ')[0] as string))

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number)
}

async function tree(): Promise<Corpus> {
  const home = kept || mkdtempSync(join(tmpdir(), 'sessionscope-watchers-'))
  const listFile = join(home, 'corpus.json')
  if (kept && existsSync(listFile)) return JSON.parse(await readFile(listFile, 'utf8')) as Corpus
  const corpus = emptyCorpus(home)
  await fillTo(corpus, files, 3)
  await writeFile(listFile, JSON.stringify(corpus))
  return corpus
}

interface Figures {
  ready: number
  rss: number
  peak: number
  latencies: number[]
  missed: number
}

async function measure(name: string, corpus: Corpus, rng: () => number): Promise<Figures> {
  const { backend, env } = engines[name] as (typeof engines)[string]
  const proc = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(BENCH_DIR, 'watcher-child.ts'), backend, corpus.projects], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  const pending = new Map<string, number>()
  const latencies: number[] = []
  let ready: { ms: number; rss: number } | null = null
  let onReady = () => {}
  const readySeen = new Promise<void>((resolve) => (onReady = resolve))
  createInterface({ input: proc.stdout }).on('line', (line) => {
    const now = performance.now()
    const event = JSON.parse(line) as { type: string; path?: string; ms?: number; rss?: number }
    if (event.type === 'ready') {
      ready = { ms: event.ms as number, rss: event.rss as number }
      onReady()
    } else if (event.path !== undefined && pending.has(event.path)) {
      latencies.push(now - (pending.get(event.path) as number))
      pending.delete(event.path)
    }
  })
  await Promise.race([readySeen, exited])
  if (!ready) throw new Error(`${name} ended before it was ready`)
  await sleep(1000)
  for (let n = 0; n < appends; n++) {
    const session = corpus.sessions[Math.floor(rng() * corpus.sessions.length)] as Corpus['sessions'][number]
    pending.set(session.path, performance.now())
    await appendFile(session.path, `${JSON.stringify({ type: 'user', sessionId: session.id, n })}\n`)
    await sleep(100)
  }
  for (let waited = 0; pending.size > 0 && waited < 5000; waited += 50) await sleep(50)
  const status = await readFile(`/proc/${proc.pid}/status`, 'utf8').catch(() => '')
  const peak = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) * 1024
  proc.kill('SIGTERM')
  await exited
  const { ms, rss } = ready as { ms: number; rss: number }
  return { ready: ms, rss, peak, latencies, missed: pending.size }
}

const corpus = await tree()
console.log(`tree: ${corpus.files} files in ${corpus.projects}`)
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`
const rows: string[] = [
  '| watcher | ready | RSS at ready | peak RSS | append→event p50 | p95 | missed |',
  '| --- | --- | --- | --- | --- | --- | --- |',
]
for (const name of chosen) {
  // The first run warms the page cache for the tree; the second is the one reported.
  await measure(name, corpus, seeded(9))
  const f = await measure(name, corpus, seeded(4))
  rows.push(
    `| ${name} | ${(f.ready / 1000).toFixed(2)} s | ${mb(f.rss)} | ${mb(f.peak)} | ${percentile(f.latencies, 0.5).toFixed(0)} ms | ${percentile(f.latencies, 0.95).toFixed(0)} ms | ${f.missed}/${appends} |`,
  )
  console.log(rows.at(-1))
}
console.log(rows.join('\n'))
if (!kept) rmSync(corpus.home, { recursive: true, force: true })
