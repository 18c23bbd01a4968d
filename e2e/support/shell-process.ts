// Runs the browser shell as the user would: a real child process, on a free port, with its own
// home and data folder, given exactly the store folders of the test.

import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from './environment'

export interface BrowserShellProcess {
  /** The address the shell printed, token included. */
  url: string
  origin: string
  port: number
  token: string
  pid: number
  /** Everything the process wrote so far, for failure messages. */
  output(): string
  /** SIGTERM, then SIGKILL if it has not exited after a grace period. */
  stop(): Promise<void>
}

const URL_LINE = /(http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))/

/** The environment of an app under test: its own home, config and data folders, nothing from the machine's stores. */
export function isolatedEnv(home: string, dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    SESSIONSCOPE_DATA_DIR: dataDir,
  }
  delete env.ASTRID_HOME
  delete env.ELECTRON_RENDERER_URL
  return env
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => child.once('exit', () => done()))
}

export async function startBrowserShell(options: {
  dirs: string[]
  home: string
  dataDir: string
  startTimeoutMs?: number
}): Promise<BrowserShellProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/browser-shell/main.ts', ...options.dirs, '--port', '0'], {
    cwd: REPO_ROOT,
    env: isolatedEnv(options.home, options.dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const output = () => `--- stdout ---\n${stdout}--- stderr ---\n${stderr}`

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const grace = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exited(child)
    clearTimeout(grace)
  }

  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timeoutMs = options.startTimeoutMs ?? 30_000
    const timer = setTimeout(() => finish(new Error(`the browser shell printed no URL within ${timeoutMs} ms\n${output()}`)), timeoutMs)
    const onData = () => {
      const found = URL_LINE.exec(stdout)
      if (found) finish(null, found)
    }
    const onExit = (code: number | null, signal: string | null) =>
      finish(new Error(`the browser shell exited (code ${code}, signal ${signal}) before printing its URL\n${output()}`))
    function finish(error: Error | null, found?: RegExpExecArray) {
      clearTimeout(timer)
      child.stdout.off('data', onData)
      child.off('exit', onExit)
      if (error) reject(error)
      else resolve(found as RegExpExecArray)
    }
    child.stdout.on('data', onData)
    child.once('exit', onExit)
  }).catch(async (error: unknown) => {
    await stop()
    throw error
  })

  const url = match[1] as string
  const port = Number(match[2])
  return {
    url,
    origin: `http://127.0.0.1:${port}`,
    port,
    token: match[3] as string,
    pid: child.pid as number,
    output,
    stop,
  }
}
