// npm start [-- DIR ...]: builds the app and starts it in Electron. Where the Electron binary cannot
// be fetched (it is downloaded on first run, and an offline machine cannot), says so and starts the
// browser shell instead, which prints its address.

import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'

const root = join(import.meta.dirname ?? process.cwd(), '..')
const args = process.argv.slice(2)

function run(command: string, commandArgs: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' })
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

function electronBinary(): string | null {
  // require('electron') fetches the binary on first use; in a child, so a failure is only a message.
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 10 * 60_000,
  })
  return probe.status === 0 && probe.stdout ? probe.stdout : null
}

async function main(): Promise<void> {
  const built = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  )
  if (built.status !== 0) process.exit(built.status ?? 1)
  const electron = electronBinary()
  if (electron) process.exit(await run(electron, [join(root, 'out', 'main', 'index.js'), ...args]))
  process.stderr.write(
    'SessionScope: the Electron binary could not be fetched (this machine seems to be offline), so the browser shell starts instead.\n' +
      'Open the address below in a browser; press Ctrl-C to stop.\n',
  )
  process.exit(await run(process.execPath, ['--import', 'tsx', join(root, 'src-main', 'browser-shell', 'main.ts'), ...args]))
}

void main()
