// ccusage (https://github.com/ccusage/ccusage) on the same corpus, for comparison: `ccusage
// session --json --offline`, with CLAUDE_CONFIG_DIR naming the corpus's Claude home (it reads
// $CLAUDE_CONFIG_DIR/projects). Found in CCUSAGE_BIN, node_modules/.bin or on PATH; never
// installed by the bench.

import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { external, REPO } from './run'
import { mb, ms } from './table'

const WANTED = '20.0.24'

function findCcusage(): string | null {
  const candidates = [
    process.env.CCUSAGE_BIN,
    join(REPO, 'node_modules', '.bin', 'ccusage'),
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'ccusage')),
  ]
  return candidates.find((path): path is string => !!path && existsSync(path)) ?? null
}

export async function ccusagePhase(claudeHome: string): Promise<{ wall: number | null; text: string }> {
  const bin = findCcusage()
  if (!bin) return { wall: null, text: `ccusage: not installed (npm i -g ccusage@${WANTED} to compare)` }
  let version = 'ccusage ?'
  try {
    version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    // Reported as '?'.
  }
  const env = { CLAUDE_CONFIG_DIR: claudeHome }
  const run = await external(bin, ['session', '--json', '--offline'], env)
  if (run.code !== 0) return { wall: null, text: `${version} failed (exit ${run.code})` }
  return {
    wall: run.wall,
    text: `${version}: ${ms(run.wall)} wall (process), ${mb(run.peak)}, ${(run.stdoutBytes / 1024).toFixed(0)} KB of JSON`,
  }
}
