import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { bundleChildScript } from './child-script'
import { repoPath } from './repo'

// Runs the real CLI as a plain `node` child (bundled, so no TypeScript loader shares its memory)
// and reports its peak resident memory, as the kernel counts it, and how long it ran.

export interface MeasuredRun {
  code: number
  stdout: string
  stderr: string
  peakRssBytes: number
  ms: number
}

const PEAK_MARK = 'SESSIONSCOPE_TEST_PEAK_RSS_KB='

/** Bundles the CLI into `dir`; returns the script to hand to runMeasured. */
export async function bundleCli(dir: string): Promise<string> {
  const outfile = await bundleChildScript('cli', dir, repoPath('src-main', 'cli', 'main.ts'))
  // The high-water mark of this program's own memory, read as it exits: /proc's VmHWM, not
  // getrusage's maxRSS, which on Linux keeps the peak of the forked parent image that exec replaced.
  const preload = `
    process.on('exit', () => {
      const fs = require('node:fs')
      let kb = process.resourceUsage().maxRSS
      try { kb = Number(/VmHWM:\\s*(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]) } catch {}
      fs.writeSync(2, '\\n${PEAK_MARK}' + kb + '\\n')
    })
  `
  await writeFile(join(dir, 'peak-rss.cjs'), preload)
  return outfile
}

export function runMeasured(script: string, args: string[], env: Record<string, string>): Promise<MeasuredRun> {
  const started = performance.now()
  const preload = join(resolve(script, '..'), 'peak-rss.cjs')
  return new Promise((done) => {
    const options = { env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 }
    execFile(process.execPath, ['--require', preload, script, ...args], options, (error, stdout, stderr) => {
      const ms = performance.now() - started
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      const mark = stderr.lastIndexOf(PEAK_MARK)
      const peakRssBytes = mark < 0 ? Number.NaN : Number.parseInt(stderr.slice(mark + PEAK_MARK.length), 10) * 1024
      done({ code, stdout, stderr: mark < 0 ? stderr : stderr.slice(0, mark).trimEnd(), peakRssBytes, ms })
    })
  })
}
