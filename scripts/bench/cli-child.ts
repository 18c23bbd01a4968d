// Runs one `sessionscope` command through the CLI's own entry (runCli, what src-main/cli/main.ts
// calls) and reports the time around it. BENCH_STDOUT=pass streams the command's output (watch);
// otherwise it is counted and dropped, and BENCH_STDOUT_FILE keeps it.

import { writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { runCli } from '../../src-main/cli/run'
import { report } from './child'

const pass = process.env.BENCH_STDOUT === 'pass'
const keep = process.env.BENCH_STDOUT_FILE
const chunks: string[] = []
let bytes = 0
let readyMs: number | null = null
const started = performance.now()
const code = await runCli(process.argv.slice(2), {
  stdout: (text) => {
    bytes += text.length
    if (readyMs === null && text.includes('"type":"ready"')) readyMs = performance.now() - started
    if (pass) process.stdout.write(text)
    else if (keep) chunks.push(text)
  },
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  home: homedir(),
  stderrIsTerminal: false,
})
const ms = performance.now() - started
if (keep) writeFileSync(keep, chunks.join(''))
report({ ms, startup: started, code, stdoutBytes: bytes, readyMs })
process.exitCode = code
