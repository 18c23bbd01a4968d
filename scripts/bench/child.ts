// What every measured child process reports: its time inside the work, and its peak RSS (VmHWM
// from /proc/self/status; elsewhere the max RSS Node reports). Written as JSON to the file named
// by BENCH_RESULT, so that the child's stdout stays the product's own.

import { readFileSync, writeFileSync } from 'node:fs'

export function peakRss(): number {
  try {
    const kb = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]
    if (kb) return Number(kb) * 1024
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS * 1024
}

export interface ChildResult {
  /** Time inside the child around the work (module loading excluded). */
  ms: number
  peak: number
  [detail: string]: unknown
}

export function report(result: Omit<ChildResult, 'peak'>): void {
  const path = process.env.BENCH_RESULT
  const full = { ...result, peak: peakRss() }
  if (path) writeFileSync(path, JSON.stringify(full))
  else console.log(JSON.stringify(full))
}
