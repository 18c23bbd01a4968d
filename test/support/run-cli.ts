import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { REPO } from './repo'

// Runs the CLI as a real child process, the way a user or a script does.

export { REPO }
const ENTRY = join(REPO, 'src-main', 'cli', 'main.ts')

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', ENTRY, ...args],
      { cwd: REPO, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        done({ code, stdout, stderr })
      },
    )
  })
}
