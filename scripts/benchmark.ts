// Measures the core on a generated history of realistic size: listing cold and from the cache,
// loading one large session, and a batch of moves. Each phase runs in a fresh process so its
// memory figures are its own.
//
//   npm run bench                     # 10,000 Oxios, 5,000 Astrid, 5,000 ao-rs and 2,000 Claude Code sessions,
//                                     # plus a 200 MB Claude Code log
//   npm run bench -- --scale 0.1      # a tenth of that, for a quick look
//   npm run bench -- --keep           # leaves the generated stores (then: --phase NAME --dir DIR)
//
// Prints one line per phase: wall time, peak RSS and the heap left after a forced GC; then the
// ratios against the floors measured in the same run: a bare stat of every session file, and a
// bare parallel read + parse of every one (worker threads, one per core). The search index is
// measured too: a cold build (summaries and full text), a warm update with nothing changed, and
// 100 queries drawn from the corpus.

import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { stringify } from 'yaml'
import { listStores, loadSession } from '../src-main/core/listing'
import type { Store } from '../src-shared/model'
import { moveSessions, operationsContext } from '../src-main/core/operations/operations'
import { openIndexDatabase } from '../src-main/core/index-db/index-database'
import { updateIndex } from '../src-main/core/index-db/indexer'
import { searchIndex } from '../src-main/core/search/search'

const { values } = parseArgs({
  options: { scale: { type: 'string' }, phase: { type: 'string' }, dir: { type: 'string' }, keep: { type: 'boolean' } },
})

function stores(dir: string): Store[] {
  return [
    { format: 'oxios', root: join(dir, 'oxios', 'sessions') },
    { format: 'astrid', root: join(dir, 'astrid', 'sessions') },
    { format: 'ao', root: join(dir, 'ao', 'sessions') },
    { format: 'claude', root: join(dir, 'claude', 'projects') },
  ]
}

/** A Claude Code log of `turns` prompts, each with tool calls and their results. */
function claudeSession(id: string, turns: number, outputBytes: number): string {
  const lines: string[] = []
  const base = Date.parse('2026-10-01T00:00:00Z')
  const envelope = {
    sessionId: id,
    cwd: `/home/dev/project-${id.charCodeAt(0) % 20}`,
    version: '2.1.7',
    userType: 'external',
    isSidechain: false,
  }
  let parent: string | null = null
  for (let t = 0; t < turns; t++) {
    const at = (ms: number) => new Date(base + t * 60_000 + ms).toISOString()
    const push = (value: Record<string, unknown>) => {
      lines.push(JSON.stringify({ ...envelope, ...value }))
      parent = value.uuid as string
    }
    push({
      type: 'user',
      uuid: `${id}-u${t}`,
      parentUuid: parent,
      timestamp: at(0),
      message: { role: 'user', content: `Turn ${t}: fix the failing test in module ${t % 9}` },
    })
    for (let s = 0; s < 3; s++) {
      push({
        type: 'assistant',
        uuid: `${id}-a${t}-${s}`,
        parentUuid: parent,
        timestamp: at(1000 + s * 2000),
        message: {
          id: `msg_${t}_${s}`,
          role: 'assistant',
          model: 'claude-sonnet-4-5-20250929',
          content: [{ type: 'tool_use', id: `toolu_${t}_${s}`, name: ['Read', 'Bash', 'Edit'][s], input: { file_path: `src/m${s}.ts` } }],
          usage: { input_tokens: 12, output_tokens: 40, cache_read_input_tokens: 9000, cache_creation_input_tokens: 300 },
        },
      })
      push({
        type: 'user',
        uuid: `${id}-r${t}-${s}`,
        parentUuid: parent,
        timestamp: at(1500 + s * 2000),
        message: {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: `toolu_${t}_${s}`, content: 'o'.repeat(outputBytes), is_error: s === 1 && t % 5 === 0 },
          ],
        },
      })
    }
  }
  return `${lines.join('\n')}\n`
}

const OLD = new Date('2026-09-01T00:00:00Z')

function oxiosSession(i: number, turns: number, stepsPerTurn: number): string {
  const start = Date.parse('2026-10-01T00:00:00Z') + i * 60_000
  const at = (ms: number) => new Date(start + ms).toISOString()
  const steps = []
  const users = []
  const responses = []
  for (let t = 0; t < turns; t++) {
    users.push({ content: `Turn ${t}: please look at module ${i % 97} and fix the failing test`, timestamp: at(t * 60_000) })
    const first = steps.length
    for (let s = 0; s < stepsPerTurn; s++) {
      steps.push({
        tool_name: ['read_file', 'shell', 'grep', 'write_file'][s % 4],
        tool_args: { path: `src/module_${s}.rs`, command: 'cargo test -p core' },
        output_summary: 'test result: ok. 42 passed; 0 failed; 0 ignored; finished in 1.23s '.repeat(4),
        duration_ms: 40 + ((i * 7 + s * 13) % 5000),
        is_error: (i + s) % 17 === 0,
        tool_call_id: `call_${t}_${s}`,
        timestamp: at(t * 60_000 + 1000 + s * 700),
      })
    }
    responses.push({
      content: `Done with turn ${t}. The fix changes the rounding in the invoice module.`,
      session_id: null,
      phase_reached: null,
      evaluation_passed: null,
      timestamp: at(t * 60_000 + 50_000),
      trajectory_range: { start: first, end: steps.length },
    })
  }
  return JSON.stringify(
    {
      id: randomUUID(),
      user_id: 'bench',
      user_messages: users,
      agent_responses: responses,
      trajectory_steps: steps,
      project_id: `project-${i % 40}`,
      created_at: at(0),
      updated_at: at(turns * 60_000),
      metadata: {},
    },
    null,
    2,
  )
}

function astridSession(i: number): string {
  const messages: unknown[] = [{ role: 'system', content: 'You are Astrid.' }]
  for (let t = 0; t < 6; t++) {
    messages.push({ role: 'user', content: `Question ${t} about service ${i % 31}` })
    messages.push({ role: 'assistant', content: [{ id: `c${t}`, name: 'filesystem:read_file', arguments: { path: `/srv/${t}.toml` } }] })
    messages.push({ role: 'tool', content: { call_id: `c${t}`, content: 'port = 8080\n'.repeat(20), is_error: t === 5 } })
    messages.push({ role: 'assistant', content: `Answer ${t}: the port is 8080.` })
  }
  return JSON.stringify(
    {
      id: randomUUID(),
      user_id: '0123456789abcdef',
      messages,
      system_prompt: 'You are Astrid.',
      created_at: new Date(Date.parse('2026-10-01T00:00:00Z') + i * 60_000).toISOString(),
      token_count: 1000,
      metadata: { title: null, tags: [], turn_count: 6, tool_call_count: 6, approval_count: 0, custom: {} },
      allowances: [],
      budget_snapshot: null,
      escape_state: null,
      workspace_path: `/home/dev/service-${i % 31}`,
      model: 'claude-sonnet-4-20250514',
      git_state: null,
    },
    null,
    2,
  )
}

function aoSession(i: number): string {
  return stringify({
    id: randomUUID(),
    project_id: `project-${i % 25}`,
    status: ['working', 'pr_open', 'merged', 'killed'][i % 4],
    agent: 'claude-code',
    branch: `ao-${i}`,
    task: `Fix issue #${i}\n\nDetails of the task for worker ${i}.`,
    workspace_path: `/home/dev/worktrees/${i}`,
    runtime_handle: null,
    runtime: 'tmux',
    activity: null,
    created_at: Date.parse('2026-10-01T00:00:00Z') + i * 60_000,
    cost: { input_tokens: 1000 + i, output_tokens: 200, cache_read_tokens: 5000, cache_creation_tokens: 100, cost_usd: 0.12 },
  })
}

async function generate(dir: string, scale: number): Promise<void> {
  const [oxios, astrid, ao] = stores(dir) as [Store, Store, Store]
  await mkdir(oxios.root, { recursive: true })
  await mkdir(astrid.root, { recursive: true })
  const write = async (path: string, text: string) => {
    await writeFile(path, text)
    await utimes(path, OLD, OLD)
  }
  for (let i = 0; i < Math.round(10_000 * scale); i++) await write(join(oxios.root, `${randomUUID()}.json`), oxiosSession(i, 4, 5))
  // One long session: 400 turns of 12 steps.
  await write(join(oxios.root, 'big-session.json'), oxiosSession(0, 400, 12).replace(/"id": "[^"]+"/, '"id": "big-session"'))
  for (let i = 0; i < Math.round(5_000 * scale); i++) await write(join(astrid.root, `${randomUUID()}.json`), astridSession(i))
  for (let i = 0; i < Math.round(5_000 * scale); i++) {
    const folder = join(ao.root, `project-${i % 25}`)
    await mkdir(folder, { recursive: true })
    await write(join(folder, `${randomUUID()}.yaml`), aoSession(i))
  }
  const claude = stores(dir)[3] as Store
  for (let i = 0; i < Math.round(2_000 * scale); i++) {
    const folder = join(claude.root, `-home-dev-project-${i % 20}`)
    await mkdir(folder, { recursive: true })
    const id = randomUUID()
    await write(join(folder, `${id}.jsonl`), claudeSession(id, 8, 1500))
  }
  // One long-running session: 3,000 turns, about 200 MB.
  await mkdir(join(claude.root, '-home-dev-big'), { recursive: true })
  await write(join(claude.root, '-home-dev-big', 'big-claude.jsonl'), claudeSession('big-claude', 3000, 22_000))
}

/** Runs `work` while sampling RSS; reports wall time, peak RSS and the heap after GC. */
async function measure(name: string, work: () => Promise<string>, key = name): Promise<void> {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
  const started = performance.now()
  const detail = await work()
  const ms = performance.now() - started
  clearInterval(timer)
  peak = Math.max(peak, process.memoryUsage().rss)
  global.gc?.()
  const heap = process.memoryUsage().heapUsed
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
  console.log(
    `${name.padEnd(28)} ${`${ms.toFixed(0)} ms`.padStart(9)}   peak RSS ${mb(peak).padStart(7)}   heap after GC ${mb(heap).padStart(7)}   ${detail}`,
  )
  console.log(`${RESULT} ${JSON.stringify({ key, ms, peak })}`)
}

/** Marks the line a phase prints for the parent, which gathers the figures into the ratios. */
const RESULT = '##bench'

/** Every session file of the generated stores, found without the app's code. */
async function sessionFiles(dir: string): Promise<string[]> {
  const files: string[] = []
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) await walk(path)
      else if (/\.(json|jsonl|yaml)$/.test(entry.name)) files.push(path)
    }
  }
  for (const store of stores(dir)) await walk(store.root)
  return files
}

/** Runs `fn` over `items`, `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++] as T)
    }),
  )
}

// The parse floor's worker: reads each file it is given and parses it as its kind is parsed
// (JSONL line by line, JSON whole, YAML whole), and nothing more.
const PARSE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const { readFileSync } = require('node:fs')
const { parse } = require(workerData.yaml)
let values = 0
for (const path of workerData.files) {
  const text = readFileSync(path, 'utf8')
  if (path.endsWith('.jsonl')) { for (const line of text.split('\\n')) if (line) { JSON.parse(line); values++ } }
  else if (path.endsWith('.yaml')) { parse(text); values++ }
  else { JSON.parse(text); values++ }
}
parentPort.postMessage(values)
`

async function parseFloor(files: readonly string[]): Promise<number> {
  const cores = availableParallelism()
  const slices = Array.from({ length: cores }, (_, i) => files.filter((_, j) => j % cores === i))
  const yaml = createRequire(import.meta.url).resolve('yaml')
  const counts = await Promise.all(
    slices.map(
      (slice) =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker(PARSE_WORKER, { eval: true, workerData: { files: slice, yaml } })
          worker.once('message', resolve)
          worker.once('error', reject)
        }),
    ),
  )
  return counts.reduce((a, b) => a + b, 0)
}

/** Words the generated sessions hold, for queries drawn from the corpus. */
const QUERIES = [
  'module',
  'failing test',
  'rounding',
  'invoice',
  'port',
  '"failing test"',
  'modu*',
  'cargo',
  'service',
  'fix -rounding',
  'tool:Bash',
  'is:error test',
  'port agent:astrid',
  'module project:project-7',
  'answer in:reply',
  'src in:tool',
  'turn after:2026-10-02',
  'passed in:output',
  'question',
  'details',
]

async function phase(name: string, dir: string): Promise<void> {
  // The index database is the listing's summary cache.
  const cache = () => ({ index: openIndexDatabase(join(dir, 'data')) })
  switch (name) {
    case 'list-cold':
    case 'list-warm':
      return measure(
        name === 'list-cold' ? 'list (cold, no cache)' : 'list (warm, from cache)',
        async () => {
          const listing = await listStores(stores(dir), { archived: true, ...cache() })
          return `${listing.sessions.length} sessions, parsed ${listing.stats.parsed}, cached ${listing.stats.cached}`
        },
        name,
      )
    case 'show-big':
      return measure('show (400 turns, 4800 steps)', async () => {
        const listing = await listStores(stores(dir).slice(0, 1), { archived: false, ...cache() })
        const big = listing.sessions.find((s) => s.id === 'big-session')
        if (!big) throw new Error('big session missing')
        const detail = await loadSession(big)
        return `${detail.turns.length} turns, ${(big.bytes / 1024 / 1024).toFixed(1)} MB file (listing included)`
      })
    case 'claude-big':
      return measure('list a 200 MB Claude log', async () => {
        const listing = await listStores(stores(dir).slice(3), { archived: false })
        const big = listing.sessions.find((s) => s.id === 'big-claude')
        return `${listing.sessions.length} Claude sessions; the big one: ${big?.turns} turns, ${big?.steps} steps, ${((big?.bytes ?? 0) / 1024 / 1024).toFixed(0)} MB`
      })
    case 'floor-stat':
      return measure(
        'floor: stat every file',
        async () => {
          const files = await sessionFiles(dir)
          await inParallel(files, 64, async (path) => void (await stat(path)))
          return `${files.length} files`
        },
        'floor-stat',
      )
    case 'floor-parse':
      return measure(
        `floor: read + parse (${availableParallelism()} threads)`,
        async () => {
          const files = await sessionFiles(dir)
          return `${files.length} files, ${await parseFloor(files)} JSON/YAML values`
        },
        'floor-parse',
      )
    case 'index-cold':
    case 'index-warm':
      return measure(
        name === 'index-cold' ? 'search index (cold build)' : 'search index (warm, no change)',
        async () => {
          const index = openIndexDatabase(join(dir, 'index-data'))
          try {
            const update = await updateIndex(index, stores(dir))
            const size = (await stat(index.path)).size
            return `${update.indexed} read, ${update.unchanged} unchanged, ${update.problems} problems; index ${(size / 1024 / 1024).toFixed(0)} MB`
          } finally {
            index.close()
          }
        },
        name,
      )
    case 'search':
      return measure(
        'search: 100 queries',
        async () => {
          const index = openIndexDatabase(join(dir, 'index-data'))
          const times: number[] = []
          let hits = 0
          try {
            for (let i = 0; i < 100; i++) {
              const query = QUERIES[i % QUERIES.length] as string
              const started = performance.now()
              const outcome = searchIndex(index, query, { stores: stores(dir), limit: 50 })
              times.push(performance.now() - started)
              if (!outcome.ok) throw new Error(`${query}: ${outcome.error}`)
              hits += outcome.value.total
            }
          } finally {
            index.close()
          }
          times.sort((a, b) => a - b)
          const at = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] as number).toFixed(1)
          console.log(`${RESULT} ${JSON.stringify({ key: 'search-p95', ms: Number(at(0.95)), peak: 0 })}`)
          return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms; ${hits} hits in all`
        },
        'search',
      )
    case 'move-100':
      return measure('move 100 Oxios sessions', async () => {
        const listing = await listStores(stores(dir).slice(0, 1), { archived: false, ...cache() })
        const batch = listing.sessions.filter((s) => s.id !== 'big-session').slice(0, 100)
        const result = await moveSessions(operationsContext(join(dir, 'data')), batch, { kind: 'project', name: 'bench-target' })
        return `${result.done.length} moved (listing included)`
      })
  }
}

async function main(): Promise<void> {
  if (values.phase && values.dir) return phase(values.phase, values.dir)
  const scale = Number(values.scale ?? '1')
  const dir = await mkdtemp(join(tmpdir(), 'sessionscope-bench-'))
  try {
    const started = performance.now()
    await generate(dir, scale)
    console.log(`generated ${Math.round(22_000 * scale) + 2} sessions in ${((performance.now() - started) / 1000).toFixed(1)} s (${dir})`)
    const figures = new Map<string, { ms: number; peak: number }>()
    const phases = [
      'floor-stat',
      'floor-parse',
      'list-cold',
      'list-warm',
      'index-cold',
      'index-warm',
      'search',
      'show-big',
      'claude-big',
      'move-100',
    ]
    for (const name of phases) {
      const out = execFileSync(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--phase', name, '--dir', dir],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        },
      )
      for (const line of out.split('\n')) {
        if (line.startsWith(RESULT)) {
          const { key, ms, peak } = JSON.parse(line.slice(RESULT.length)) as { key: string; ms: number; peak: number }
          figures.set(key, { ms, peak })
        } else if (line) console.log(line)
      }
    }
    const ratio = (a: string, b: string) => {
      const x = figures.get(a)?.ms
      const y = figures.get(b)?.ms
      return x && y ? `${(x / y).toFixed(2)}×` : 'n/a'
    }
    console.log('\nratios (same run):')
    console.log(`  list cold / parse floor           ${ratio('list-cold', 'floor-parse')}`)
    console.log(`  list warm / stat floor            ${ratio('list-warm', 'floor-stat')}`)
    console.log(`  search index cold / parse floor   ${ratio('index-cold', 'floor-parse')}`)
    console.log(`  search index warm / stat floor    ${ratio('index-warm', 'floor-stat')}`)
    console.log(`  search p95                        ${figures.get('search-p95')?.ms ?? 'n/a'} ms (target: under 50 ms)`)
  } finally {
    // --keep leaves the corpus for a closer look at one phase (--phase NAME --dir DIR).
    if (values.keep) console.log(`kept ${dir}`)
    else await rm(dir, { recursive: true, force: true })
  }
}

void main()
