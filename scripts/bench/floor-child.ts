// The floors, measured without the app's code: a bare stat of every session file, and a bare
// parallel read + parse of every one (worker threads, one per core): JSONL line by line, JSON and
// YAML whole, and nothing more.
//   floor-child.ts stat|parse DIR...

import { readdir, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { report } from './child'

async function sessionFiles(dirs: readonly string[]): Promise<string[]> {
  const files: string[] = []
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) await walk(path)
      else if (/\.(jsonl|json|yaml)$/.test(entry.name)) files.push(path)
    }
  }
  for (const dir of dirs) await walk(dir)
  return files
}

async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++] as T)
    }),
  )
}

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

async function parseAll(files: readonly string[]): Promise<number> {
  const cores = availableParallelism()
  const yaml = createRequire(import.meta.url).resolve('yaml')
  const slices = Array.from({ length: cores }, (_, i) => files.filter((_, j) => j % cores === i))
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

const [kind, ...dirs] = process.argv.slice(2) as [string, ...string[]]
const started = performance.now()
const files = await sessionFiles(dirs)
if (kind === 'stat') {
  await inParallel(files, 64, async (path) => void (await stat(path)))
  report({ ms: performance.now() - started, files: files.length })
} else {
  const lines = await parseAll(files)
  report({ ms: performance.now() - started, files: files.length, values: lines, threads: availableParallelism() })
}
