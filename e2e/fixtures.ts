// The specs' fixtures (test.extend): fresh copies of the sample stores per test, the app running on
// them (the browser shell as a real child process, or the Electron app), and a page showing it.

import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ElectronApplication, type Page, _electron, test as base, expect } from '@playwright/test'
import { AppPage } from './pages/app-page'
import { DEFAULT_SAMPLE_HOMES, type SampleHome, type StorePaths, copySampleStores } from './support/disk'
import { ELECTRON_MAIN, REPO_ROOT, electronSkipReason, findElectron } from './support/environment'
import { isolatedEnv, startBrowserShell } from './support/shell-process'

export type ShellKind = 'browser' | 'electron'

export interface RunningApp {
  kind: ShellKind
  /** Browser shell only: the printed address (token included), its origin, port and token. */
  url: string | null
  origin: string | null
  port: number | null
  token: string | null
  home: string
  dataDir: string
  /** Electron only. */
  electron: ElectronApplication | null
  output(): string
  stop(): Promise<void>
}

export interface Options {
  /** Which shell the project drives; set per project in playwright.config.ts. */
  shellKind: ShellKind
  /** Which sample stores the app is given (test.use({ sampleHomes: [...] })); by default Oxios, Astrid and ao-rs. */
  sampleHomes: readonly SampleHome[]
}

interface Fixtures {
  /** Makes a temporary folder that is removed after the test. */
  makeTempDir: (label: string) => Promise<string>
  /** A fresh copy of resources/samples for this test. */
  stores: StorePaths
  app: RunningApp
  ui: AppPage
  /** Skips the Electron project, with the reason, when there is no Electron binary. */
  electronGate: void
}

/** How long the first snapshot may take on a slow machine: a cold tsx start plus the first listing. */
const READY_TIMEOUT_MS = 45_000

export const test = base.extend<Fixtures & Options>({
  shellKind: ['browser', { option: true }],
  sampleHomes: [DEFAULT_SAMPLE_HOMES, { option: true }],

  electronGate: [
    async ({ shellKind }, use, testInfo) => {
      if (shellKind === 'electron') {
        const reason = electronSkipReason()
        testInfo.skip(reason !== null, reason ?? '')
      }
      await use()
    },
    { auto: true },
  ],

  // Playwright requires a destructuring pattern for a fixture's dependencies, even when there are none.
  // eslint-disable-next-line no-empty-pattern
  makeTempDir: async ({}, use) => {
    const made: string[] = []
    await use(async (label) => {
      const dir = await mkdtemp(join(tmpdir(), `sessionscope-e2e-${label}-`))
      made.push(dir)
      return dir
    })
    for (const dir of made) await rm(dir, { recursive: true, force: true, maxRetries: 5 }).catch(() => undefined)
  },

  stores: async ({ makeTempDir, sampleHomes }, use) => {
    await use(await copySampleStores(await makeTempDir('stores'), sampleHomes))
  },

  app: async ({ shellKind, stores, makeTempDir }, use, testInfo) => {
    const home = await makeTempDir('home')
    const dataDir = join(await makeTempDir('data'), 'SessionScope')
    await mkdir(dataDir, { recursive: true })
    let app: RunningApp
    if (shellKind === 'browser') {
      const shell = await startBrowserShell({ dirs: stores.dirs, home, dataDir })
      app = {
        kind: 'browser',
        url: shell.url,
        origin: shell.origin,
        port: shell.port,
        token: shell.token,
        home,
        dataDir,
        electron: null,
        output: shell.output,
        stop: shell.stop,
      }
    } else {
      const electron = findElectron()
      if (!electron.available) throw new Error(electron.reason)
      let output = ''
      const launched = await _electron.launch({
        executablePath: electron.path,
        args: [ELECTRON_MAIN, ...stores.dirs, '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
        cwd: REPO_ROOT,
        env: isolatedEnv(home, dataDir) as Record<string, string>,
        timeout: READY_TIMEOUT_MS,
      })
      launched.process().stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
      launched.process().stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
      app = {
        kind: 'electron',
        url: null,
        origin: null,
        port: null,
        token: null,
        home,
        dataDir,
        electron: launched,
        output: () => output,
        stop: () => launched.close(),
      }
    }
    try {
      await use(app)
    } finally {
      if (testInfo.status !== testInfo.expectedStatus)
        await testInfo.attach('app output', { body: app.output(), contentType: 'text/plain' })
      await app.stop()
    }
  },

  // The browser project drives the shell's page in Playwright's own context (so traces and failure
  // screenshots work); the Electron project drives the app's first window.
  page: async ({ app, context }, use, testInfo) => {
    let page: Page
    if (app.electron) {
      page = await app.electron.firstWindow()
    } else {
      page = await context.newPage()
      await page.goto(app.url as string)
    }
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.stack ?? error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    await expect(page.locator('html[data-app-ready="true"]'), 'the renderer never set data-app-ready="true" on <html>').toBeAttached({
      timeout: READY_TIMEOUT_MS,
    })
    await use(page)
    if (errors.length > 0) await testInfo.attach('page errors', { body: errors.join('\n\n'), contentType: 'text/plain' })
  },

  ui: async ({ page }, use) => {
    await use(new AppPage(page))
  },
})

export { expect }
