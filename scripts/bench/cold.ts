// A focused look at the cold tree alone: the parse floor and a cold `list` of the same generated
// Claude Code corpus, each run a few times in turn (floor, list, floor, list, …) so both see the
// same load, with their medians and ratio.
//   tsx scripts/bench/cold.ts [--sessions N] [--runs N] [--corpus DIR (kept and reused)]

import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { type Measured, child, cleanupResults, cli } from './run'
import { emptyCorpus, grow } from './corpus'

const { values } = parseArgs({ options: { sessions: { type: 'string' }, runs: { type: 'string' }, corpus: { type: 'string' } } })
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
  for (let i = 0; i < runs; i++) {
    floors.push(await child('floor-child.ts', ['parse', corpus.projects]))
    lists.push(await cli(['list', corpus.projects, '--json'], join(scratch, `data-${i}`)))
  }
  const floor = middle(floors)
  const list = middle(lists)
  const each = (list: Measured[]) => list.map((run) => Math.round(run.ms)).join(', ')
  console.log(`floor ms: ${each(floors)} (median ${Math.round(floor.ms)})`)
  console.log(`list  ms: ${each(lists)} (median ${Math.round(list.ms)}; wall ${lists.map((run) => Math.round(run.wall)).join(', ')})`)
  console.log(`ratio list/floor: ${(list.ms / floor.ms).toFixed(2)}×`)
} finally {
  cleanupResults()
  rmSync(scratch, { recursive: true, force: true })
}
