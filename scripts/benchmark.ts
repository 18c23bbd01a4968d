// Measures the product on a generated Claude Code history of realistic size (issue 10), each
// phase in a fresh child process and through the product's public paths: the CLI's own entry
// (`list`, `show`, `search`, `watch`, with its data folder in SESSIONSCOPE_DATA_DIR) or, for the
// query latencies, the AppService in-process. Prints one table of every figure and ratio, with the
// floors measured in the same run, and deletes what it made.
//
//   npm run bench                     # 10,000 sessions (~1 GB), then 30,000, then a 50,000-file tree to watch
//   npm run bench -- --scale 0.02     # a fiftieth of that, for a quick look
//   npm run bench -- --keep           # leaves the generated corpus and data folders
//
// The corpus replicates the real Claude Code sessions in ../shared/samples/claude-code (fresh
// ids, timestamps spread over six months, a hundred projects): scripts/bench/corpus.ts.

import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { ccusagePhase } from './bench/ccusage'
import { aloneStore, emptyCorpus, fillTo, grow, samplesPresent, sampleTexts, seeded, SAMPLES_DIR, type Written } from './bench/corpus'
import { drawQueries } from './bench/queries'
import { child, cleanupResults, cli, median } from './bench/run'
import { otherFormatsPhase } from './bench/other-phase'
import { cliFigure, infoRow, limitRow, mb, ms, printTable, ratioRow, size, type Row } from './bench/table'
import { watchPhase } from './bench/watch'

const { values } = parseArgs({ options: { scale: { type: 'string' }, keep: { type: 'boolean' }, 'claude-only': { type: 'boolean' } } })

const log = (text: string) => console.log(text)
const secs = (started: number) => `${((performance.now() - started) / 1000).toFixed(1)} s`

async function indexBytes(dataDir: string): Promise<number> {
  let bytes = 0
  for (const name of await readdir(dataDir)) if (name.startsWith('index.sqlite')) bytes += (await stat(join(dataDir, name))).size
  return bytes
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number)
}

async function main(): Promise<void> {
  if (!samplesPresent()) throw new Error(`no Claude Code samples in ${SAMPLES_DIR} (set SESSIONSCOPE_SAMPLES to the samples folder)`)
  const scale = Number(values.scale ?? '1')
  if (!(scale > 0)) throw new Error(`--scale takes a positive number, not ${values.scale}`)
  const count = (n: number) => Math.max(10, Math.round(n * scale))
  const root = await mkdtemp(join(tmpdir(), 'sessionscope-bench-'))
  const rows: Row[] = []
  try {
    const corpus = emptyCorpus(join(root, 'claude'))
    let started = performance.now()
    await grow(corpus, count(10_000), 1)
    const n10 = corpus.sessions.length
    const bytes10 = corpus.bytes
    log(`generated ${n10} Claude Code sessions, ${corpus.files} files, ${mb(bytes10)} in ${secs(started)} (${root})`)

    // What a child costs before it does anything: tsx and the CLI's modules loaded, `help` printed.
    const data10 = join(root, 'data-10k')
    const baseline = (await median(3, () => cli(['help'], data10), 'wall')).wall
    log(`startup baseline (node --import tsx, the CLI loaded, help): ${ms(baseline)}`)

    const stat10 = await median(3, () => child('floor-child.ts', ['stat', corpus.projects]))
    const parse10 = await median(3, () => child('floor-child.ts', ['parse', corpus.projects]))
    log(
      `floors: stat ${ms(stat10.ms)}, read + parse ${ms(parse10.ms)} (${String(parse10.values)} lines, ${String(parse10.threads)} threads)`,
    )

    // Cold: the tree from nothing, then the full-text index after it.
    const listFile = join(root, 'list.json')
    const listCold = await cli(['list', corpus.projects, '--json'], data10, { BENCH_STDOUT_FILE: listFile })
    const listed = JSON.parse(readFileSync(listFile, 'utf8')) as { sessions: unknown[]; problems: unknown[] }
    await rm(listFile)
    log(`list cold: ${cliFigure(listCold)}; ${listed.sessions.length} sessions, ${listed.problems.length} problems`)
    const index = await cli(['search', 'session', corpus.projects, '--json', '--limit', '1'], data10)
    const onDisk = await indexBytes(data10)
    log(`index (first search): ${cliFigure(index)}; index.sqlite ${mb(onDisk)}`)
    const ccusage = await ccusagePhase(corpus.home)
    log(ccusage.text)
    rows.push(
      infoRow('floors', `stat ${ms(stat10.ms)}; read + parse ${ms(parse10.ms)}`, `${n10} sessions, ${corpus.files} files, ${mb(bytes10)}`),
      ratioRow(
        'cold: list (tree)',
        cliFigure(listCold, `${listed.sessions.length} rows (sessions and sub-agents)`),
        listCold.ms,
        `parse ${ms(parse10.ms)}`,
        parse10.ms,
        1.2,
      ),
      ratioRow('cold: full-text index', cliFigure(index), index.ms, `parse ${ms(parse10.ms)}`, parse10.ms, 2.5),
      ccusage.wall === null
        ? infoRow('cold: ccusage session', ccusage.text)
        : infoRow(
            'cold: ccusage session',
            ccusage.text,
            `parse ${ms(parse10.ms)}`,
            `${(ccusage.wall / parse10.ms).toFixed(2)}× (list cold: ${(listCold.ms / ccusage.wall).toFixed(2)}× ccusage)`,
          ),
      { ...ratioRow('disk: index size', mb(onDisk), onDisk, `corpus ${mb(bytes10)}`, bytes10, 0.5), target: '≤ 0.5× corpus' },
    )

    // Warm start with nothing changed.
    const warm10 = await median(3, () => cli(['list', corpus.projects, '--json'], data10))
    log(`list warm (10k): ${cliFigure(warm10)}`)
    rows.push(ratioRow('warm: list, 10k', cliFigure(warm10), warm10.ms, `stat ${ms(stat10.ms)}`, stat10.ms, 1.5))

    // Search: the index is built; the queries go through the service, one at a time.
    const queries = drawQueries(sampleTexts(), 120)
    const queriesFile = join(root, 'queries.json')
    await writeFile(queriesFile, JSON.stringify(queries))
    const search = await child('search-child.ts', [corpus.projects, queriesFile], { SESSIONSCOPE_DATA_DIR: data10 })
    const failed = search.failed as string[]
    if (failed.length > 0) log(`queries refused: ${failed.slice(0, 5).join('; ')}${failed.length > 5 ? ' …' : ''}`)
    log(
      `search: service start + index check ${ms(search.ms)}; ${String(search.queries)} queries p50 ${ms(search.p50 as number)}, p95 ${ms(search.p95 as number)}, max ${ms(search.max as number)}; ${String(search.hits)} hits`,
    )
    const byKind = (search.byKind ?? {}) as Record<string, { n: number; p50: number; p95: number }>
    log(
      `  by kind: ${Object.entries(byKind)
        .map(([kind, k]) => `${kind} (${k.n}) p50 ${ms(k.p50)} p95 ${ms(k.p95)}`)
        .join('; ')}`,
    )
    const slowest = search.slowest as { query: string; ms: number; total: number }[]
    log(`  slowest: ${slowest.map((s) => `${s.query} (${ms(s.ms)}, ${s.total} hits)`).join('; ')}`)
    rows.push(
      limitRow(
        'search: 10k, AppService',
        `p95 ${ms(search.p95 as number)} (p50 ${ms(search.p50 as number)}, max ${ms(search.max as number)}) over ${String(search.queries)} queries`,
        search.p95 as number,
        50,
        '< 50 ms',
      ),
    )

    // show: one session inside the 10k store, and the same session alone in a store of its own.
    const shown = (corpus.sessions.find((s) => s.template.endsWith('session-9eda1058.jsonl')) ?? corpus.sessions[0]) as Written
    const alone = await aloneStore(join(root, 'alone'), corpus, shown)
    const dataAlone = join(root, 'data-alone')
    await cli(['list', alone, '--json'], dataAlone)
    const show10 = await median(3, () => cli(['show', corpus.projects, shown.id, '--json'], data10))
    const showAlone = await median(3, () => cli(['show', alone, shown.id, '--json'], dataAlone))
    log(`show ${shown.id.slice(0, 8)} (${size(shown.bytes)}): in the 10k store ${cliFigure(show10)}; alone ${cliFigure(showAlone)}`)
    rows.push(ratioRow('show: in 10k vs alone', cliFigure(show10), show10.ms, `alone ${ms(showAlone.ms)}`, showAlone.ms, 1.5))

    // Warm at 30k: the 10k sessions and 20k more (listed once, cold for the new ones), then again.
    started = performance.now()
    await grow(corpus, count(20_000), 2)
    const n30 = corpus.sessions.length
    log(`grew to ${n30} sessions, ${corpus.files} files, ${mb(corpus.bytes)} in ${secs(started)}`)
    const stat30 = await median(3, () => child('floor-child.ts', ['stat', corpus.projects]))
    const fill30 = await cli(['list', corpus.projects, '--json'], data10)
    log(`list 30k (20k new): ${cliFigure(fill30)}`)
    const warm30 = await median(3, () => cli(['list', corpus.projects, '--json'], data10))
    log(`list warm (30k): ${cliFigure(warm30)}; stat floor ${ms(stat30.ms)}`)
    rows.push(
      {
        ...ratioRow('warm: list, 30k', cliFigure(warm30), warm30.ms, `list 10k ${ms(warm10.ms)}`, warm10.ms, 3.3),
        target: '≤ 3.3× (linear)',
      },
      infoRow('warm: list, 30k vs stat', `stat 30k ${ms(stat30.ms)}`, '', `${(warm30.ms / stat30.ms).toFixed(2)}× stat`),
      limitRow('warm: list, 30k peak RSS', mb(warm30.peak), warm30.peak, 200 * 1024 * 1024, '< 200 MB'),
    )

    // Watch: the tree filled to 50k files with the smallest real session, listed once (warm), watched.
    started = performance.now()
    await fillTo(corpus, count(50_000), 3)
    log(`filled to ${corpus.files} files (${corpus.sessions.length} sessions) in ${secs(started)}`)
    await cli(['list', corpus.projects, '--json'], data10)
    const watch = await watchPhase(corpus, data10, 50, seeded(4))
    const p50 = percentile(watch.latencies, 0.5)
    const p95 = percentile(watch.latencies, 0.95)
    log(
      `watch: ready ${ms(watch.readyInside)} in child (wall−startup ${ms(watch.readyWall - watch.startup)}), ${mb(watch.peak)}; append → event p50 ${ms(p50)}, p95 ${ms(p95)}, ${watch.missed} missed`,
    )
    rows.push(
      limitRow(
        'watch: ready, warm',
        `${ms(watch.readyInside)} (wall−startup ${ms(watch.readyWall - watch.startup)}), ${corpus.files} files`,
        watch.readyInside,
        5000,
        '< 5 s',
      ),
      limitRow('watch: peak RSS', mb(watch.peak), watch.peak, 200 * 1024 * 1024, '< 200 MB'),
      limitRow(
        'watch: append → event',
        `p95 ${ms(p95)} (p50 ${ms(p50)}), ${watch.latencies.length} of ${watch.latencies.length + watch.missed} seen`,
        watch.missed > 0 ? Number.POSITIVE_INFINITY : p95,
        200,
        '< 200 ms',
      ),
    )

    if (!values['claude-only']) rows.push(...(await otherFormatsPhase(root, scale, log)))

    const load = loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')
    log(
      `\nSessionScope bench, scale ${scale} (${n10} → ${n30} sessions, ${corpus.files} files watched), ${availableParallelism()} cores, load average ${load} at the end.`,
    )
    log(
      `Times are inside the child process around the command (modules loaded); wall−startup is the process wall time less that process's own startup (a child that only prints help takes ${ms(baseline)}). Ratios use the inside times.\n`,
    )
    printTable(rows)
  } finally {
    cleanupResults()
    if (values.keep) log(`kept ${root}`)
    else await rm(root, { recursive: true, force: true })
  }
}

await mkdir(tmpdir(), { recursive: true })
await main()
