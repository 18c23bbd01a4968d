// Search through the application service in-process, as the CLI and the app call it: one search
// first (which brings the index up to date: the first time it builds it), then each query of the
// file given, timed one by one.
//   search-child.ts DIR QUERIES.json     (the data folder: SESSIONSCOPE_DATA_DIR)

import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { AppService } from '../../src-main/app/app-service'
import { appDataDir, resolveStores } from '../../src-main/app/shell-api'
import { report } from './child'

const [dir, queriesFile] = process.argv.slice(2) as [string, string]
const queries = JSON.parse(readFileSync(queriesFile, 'utf8')) as string[]
const started = performance.now()
const stores = await resolveStores([dir], homedir(), process.env)
const service = await AppService.start({
  dataDir: appDataDir(process.env, homedir()),
  home: homedir(),
  env: process.env,
  dirs: [],
  stores,
  samplesDir: '',
  shell: 'cli',
  watch: false,
  lazyIndex: true,
  onNotice: (message) => process.stderr.write(`sessionscope: ${message}\n`),
})
const first = await service.searchTexts(queries[0] as string, { limit: 50 })
if (!first.ok) throw new Error(first.reason)
const update = performance.now() - started
const times: number[] = []
const timed: { query: string; ms: number; total: number }[] = []
let hits = 0
const failed: string[] = []
for (const query of queries) {
  const at = performance.now()
  const outcome = await service.searchTexts(query, { limit: 50 })
  times.push(performance.now() - at)
  timed.push({ query, ms: times[times.length - 1] as number, total: outcome.ok ? outcome.value.total : 0 })
  if (outcome.ok) hits += outcome.value.total
  else failed.push(`${query}: ${outcome.reason}`)
}
await service.close()
times.sort((a, b) => a - b)
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] as number
/** A query's kind, as the target names them: its term a word, a phrase or a prefix, with filters or without. */
const kindOf = (query: string) =>
  `${query.startsWith('"') ? 'phrase' : /^\S+\*/.test(query) ? 'prefix' : 'word'}${/\s\S+:/.test(query) ? ' + filter' : ''}`
const byKind: Record<string, { n: number; p50: number; p95: number }> = {}
for (const kind of new Set(timed.map((t) => kindOf(t.query)))) {
  const sorted = timed
    .filter((t) => kindOf(t.query) === kind)
    .map((t) => t.ms)
    .sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number
  byKind[kind] = { n: sorted.length, p50: at(0.5), p95: at(0.95) }
}
const slowest = timed.sort((a, b) => b.ms - a.ms).slice(0, 5)
report({ ms: update, p50: q(0.5), p95: q(0.95), max: q(1), queries: queries.length, hits, failed, slowest, byKind })
