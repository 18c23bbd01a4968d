// A focused look at the cold tree alone: the parse floor and a cold `list` of the same generated
// Claude Code corpus, each run a few times in turn (floor, list, floor, list, …) so both see the
// same load, with their medians and ratio.
//   tsx scripts/bench/cold.ts [--sessions N] [--runs N] [--corpus DIR (kept and reused)] [--base ROOT]
// --base ROOT: another checkout (its node_modules in place) whose cold `list` runs in the same
// rounds, for a before/after side by side.

import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { BENCH_DIR, type Measured, child, cleanupResults, cli } from './run'
import { emptyCorpus, grow } from './corpus'

const { values } = parseArgs({
  options: { sessions: { type: 'string' }, runs: { type: 'string' }, corpus: { type: 'string' }, base: { type: 'string' } },
})
const sessions = Number(values.sessions ?? '1000')
const runs = Number(values.runs ?? '3')
const scratch = mkdtempSync(join(tmpdir(), 'sessionscope-cold-'))
const home = values.corpus ?? join(scratch, 'claude')
const corpus = emptyCorpus(home)
if (!existsSync(corpus.projects) || (await readdir(corpus.projects)).length === 0) await grow(corpus, sessions, 1)

const middle = (list: Measured[]) => [...list].sort((a, b) => a.ms - b.ms)[Math.floor(list.length / 2)] as Measured
try {
  const floors: Measured[] = []
  const lists: Measured[] = []
  const bases: Measured[] = []
  const base = values.base
  for (let i = 0; i < runs; i++) {
    floors.push(await child('floor-child.ts', ['parse', corpus.projects]))
    lists.push(await cli(['list', corpus.projects, '--json'], join(scratch, `data-${i}`)))
    if (base !== undefined) {
      const script = relative(BENCH_DIR, join(base, 'scripts', 'bench', 'cli-child.ts'))
      bases.push(await child(script, ['list', corpus.projects, '--json'], { SESSIONSCOPE_DATA_DIR: join(scratch, `base-${i}`) }))
    }
  }
  const floor = middle(floors)
  const each = (list: Measured[]) => list.map((run) => Math.round(run.ms)).join(', ')
  console.log(`floor ms: ${each(floors)} (median ${Math.round(floor.ms)})`)
  for (const [name, list] of [
    ['list', lists],
    ['base', bases],
  ] as const) {
    if (list.length === 0) continue
    const mid = middle(list)
    console.log(
      `${name} ms: ${each(list)} (median ${Math.round(mid.ms)}; wall ${list.map((run) => Math.round(run.wall)).join(', ')}), ${(mid.ms / floor.ms).toFixed(2)}× the floor`,
    )
  }
} finally {
  cleanupResults()
  rmSync(scratch, { recursive: true, force: true })
}
