// The bench's watch phase alone (scripts/bench/watch.ts), on a tree kept by scripts/bench/watchers.ts
// (--dir): listed once to make the index warm and once more warm (the floor), then `sessionscope watch` timed to its ready line
// and each append to its event, --runs times over the same index.
//   npx tsx scripts/bench/watch-only.ts --dir /tmp/tree [--appends 50] [--runs 2]

import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { child, cleanupResults } from './run'
import { seeded, type Corpus } from './corpus'
import { watchPhase } from './watch'

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`)
  return at >= 0 ? (process.argv[at + 1] as string) : fallback
}
const dir = arg('dir', '')
if (!dir) throw new Error('--dir: a tree made by scripts/bench/watchers.ts --dir')
const corpus = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as Corpus
const data = mkdtempSync(join(tmpdir(), 'sessionscope-watch-only-'))
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))] ?? Number.NaN
try {
  const listed = await child('cli-child.ts', ['list', corpus.projects, '--json'], { SESSIONSCOPE_DATA_DIR: data })
  console.log(`list (cold, makes the index): ${(listed.ms / 1000).toFixed(1)} s, ${corpus.files} files`)
  // The floor: the warm listing that `watch` makes after its watchers are set.
  const warm = await child('cli-child.ts', ['list', corpus.projects, '--json'], { SESSIONSCOPE_DATA_DIR: data })
  console.log(`list (warm): ${(warm.ms / 1000).toFixed(2)} s, peak RSS ${(warm.peak / 2 ** 20).toFixed(0)} MB`)
  for (let run = 0; run < Number(arg('runs', '2')); run++) {
    const w = await watchPhase(corpus, data, Number(arg('appends', '50')), seeded(4 + run))
    console.log(
      `watch: ready ${(w.readyInside / 1000).toFixed(2)} s, peak RSS ${(w.peak / 2 ** 20).toFixed(0)} MB, append → event p50 ${percentile(w.latencies, 0.5).toFixed(0)} ms, p95 ${percentile(w.latencies, 0.95).toFixed(0)} ms, ${w.missed} missed`,
    )
  }
} finally {
  rmSync(data, { recursive: true, force: true })
  cleanupResults()
}
