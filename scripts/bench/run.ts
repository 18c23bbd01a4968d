// Spawns the measured children: each phase in a fresh `node --import tsx` process, timed from
// outside (process wall time) and from inside (what the child reports around its work).

import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ChildResult } from './child'

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url))
export const REPO = join(BENCH_DIR, '..', '..')

export interface Measured extends ChildResult {
  /** Wall time of the whole process, spawn to exit. */
  wall: number
  stderr: string
}

const scratch = mkdtempSync(join(tmpdir(), 'sessionscope-bench-results-'))
let serial = 0

export function cleanupResults(): void {
  rmSync(scratch, { recursive: true, force: true })
}

/** Runs `script` (a file of scripts/bench) in a fresh child; env adds to the bench's own. */
export function child(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Measured> {
  const result = join(scratch, `${++serial}.json`)
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const proc = spawn(process.execPath, ['--import', 'tsx', join(BENCH_DIR, script), ...args], {
      cwd: REPO,
      env: { ...process.env, ...env, BENCH_RESULT: result },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    proc.stderr.setEncoding('utf8')
    proc.stderr.on('data', (text: string) => (stderr += text))
    proc.once('error', reject)
    proc.once('exit', (code, signal) => {
      const wall = performance.now() - started
      let parsed: ChildResult
      try {
        parsed = JSON.parse(readFileSync(result, 'utf8')) as ChildResult
      } catch {
        reject(new Error(`${script} ${args.join(' ')} ended (${signal ?? code}) without a result:\n${stderr}`))
        return
      }
      resolve({ ...parsed, wall, stderr })
    })
  })
}

/** `sessionscope ARGS` through the CLI, with its data folder. */
export function cli(args: string[], dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<Measured> {
  return child('cli-child.ts', args, { SESSIONSCOPE_DATA_DIR: dataDir, ...env })
}

/** The median run of `times` runs of `run` (by inside time, or by wall time). */
export async function median(times: number, run: () => Promise<Measured>, by: 'ms' | 'wall' = 'ms'): Promise<Measured> {
  const runs: Measured[] = []
  for (let i = 0; i < times; i++) runs.push(await run())
  runs.sort((a, b) => a[by] - b[by])
  return runs[Math.floor(runs.length / 2)] as Measured
}

/** Runs an outside program (ccusage) and reports its wall time and peak RSS (from /proc while it runs). */
export function external(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ wall: number; peak: number; stdoutBytes: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const proc = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdoutBytes = 0
    let peak = 0
    const sample = () => {
      try {
        const kb = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))?.[1]
        if (kb) peak = Math.max(peak, Number(kb) * 1024)
      } catch {
        // Gone, or not Linux.
      }
    }
    const timer = setInterval(sample, 20)
    proc.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length
      sample()
    })
    proc.stderr.resume()
    proc.once('error', (error) => {
      clearInterval(timer)
      reject(error)
    })
    proc.once('exit', (code) => {
      clearInterval(timer)
      resolve({ wall: performance.now() - started, peak, stdoutBytes, code })
    })
  })
}
