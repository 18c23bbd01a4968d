import { readFileSync } from 'node:fs'

// Leftovers and journal records name the process that wrote them. A pid alone is not enough:
// after a reboot, or once the system hands the pid to another program, "a process with this pid
// exists" says nothing about the writer. The pid together with the process's start (Linux:
// /proc/<pid>/stat field 22, in clock ticks since boot, with the boot time from /proc/stat) is
// never reused, so it tells the writer apart from any later holder of its pid.

/** A rewrite takes milliseconds: a leftover this old whose writer cannot be told apart is an orphan. */
export const ORPHAN_AGE_MS = 10 * 60_000

let bootTime: string | null | undefined

function readBootTime(): string | null {
  if (bootTime !== undefined) return bootTime
  try {
    bootTime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1] ?? null
  } catch {
    bootTime = null
  }
  return bootTime
}

/** When `pid` started, as `<boot time>_<start ticks>`; null where the system does not say (or no such process). */
export function processStart(pid: number): string | null {
  const boot = readBootTime()
  if (boot === null) return null
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return null
  }
  // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = fields[19]
  return ticks && /^\d+$/.test(ticks) ? `${boot}_${ticks}` : null
}

export const OWN_START: string | null = processStart(process.pid)

function pidExists(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Whether the process that left something is still running: 'gone' when provably not, else
 * 'running'. Without a recorded start (older names, systems without /proc) the leftover's age
 * decides: a writer "alive" long after a rewrite would have finished holds a reused pid.
 */
export function writerState(pid: number, start: string | null, ageMs: number): 'running' | 'gone' {
  if (!pidExists(pid)) return 'gone'
  if (start !== null) {
    const now = processStart(pid)
    if (now !== null) return now === start ? 'running' : 'gone'
  }
  return ageMs > ORPHAN_AGE_MS ? 'gone' : 'running'
}
