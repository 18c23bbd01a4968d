// Runs once before the specs: builds the app (unless E2E_SKIP_BUILD=1), makes sure a Chromium is
// there, says why the Electron project is skipped (or starts Xvfb for it on a headless Linux).

import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ELECTRON_MAIN, NO_CHROMIUM_MESSAGE, RENDERER_INDEX, REPO_ROOT, electronSkipReason, findChromium } from './support/environment'

function build(): void {
  if (process.env.E2E_SKIP_BUILD === '1') {
    if (!existsSync(RENDERER_INDEX)) throw new Error(`E2E_SKIP_BUILD=1 but ${RENDERER_INDEX} does not exist: run npm run build first`)
    return
  }
  const started = Date.now()
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  })
  if (result.status !== 0) {
    throw new Error(`electron-vite build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`)
  }
  if (!existsSync(RENDERER_INDEX) || !existsSync(ELECTRON_MAIN))
    throw new Error(`electron-vite build left no ${RENDERER_INDEX} or ${ELECTRON_MAIN}`)
  console.log(`[e2e] built the app in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

/** Starts Xvfb on a free display (it reports the number on a pipe) and points DISPLAY at it for the workers. */
async function startXvfb(): Promise<ChildProcess> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1600x1000x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  })
  const display = await new Promise<string>((resolve, reject) => {
    let text = ''
    const timer = setTimeout(() => reject(new Error('Xvfb did not report a display within 10 s')), 10_000)
    xvfb.once('error', (error) => {
      clearTimeout(timer)
      reject(new Error(`cannot start Xvfb (${error.message}); install it (apt-get install -y xvfb) or set DISPLAY`))
    })
    xvfb.stdio[3]?.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      if (text.includes('\n')) {
        clearTimeout(timer)
        resolve(text.trim())
      }
    })
  })
  process.env.DISPLAY = `:${display}`
  console.log(`[e2e] started Xvfb on DISPLAY=:${display} for the Electron project`)
  return xvfb
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const chromium = findChromium()
  if (chromium.kind === 'none') throw new Error(NO_CHROMIUM_MESSAGE)
  console.log(`[e2e] browser-shell project uses ${chromium.kind === 'system' ? "the system's" : "Playwright's"} Chromium: ${chromium.path}`)

  build()

  let xvfb: ChildProcess | null = null
  const skip = electronSkipReason()
  if (skip) console.log(`[e2e] ${skip}`)
  else if (process.platform === 'linux' && !process.env.DISPLAY) xvfb = await startXvfb()

  return async () => {
    if (xvfb && xvfb.exitCode === null) {
      xvfb.kill('SIGTERM')
      await new Promise((done) => xvfb?.once('exit', done))
    }
  }
}
