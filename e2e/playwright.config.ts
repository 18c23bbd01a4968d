// End-to-end tests: the real renderer on the real core and real temporary stores, through the
// browser shell in Chromium and, when an Electron binary is there, through the desktop app.
// npm run test:e2e [-- --project browser-shell] [-- -g "prune"]

import { join } from 'node:path'
import { defineConfig } from '@playwright/test'
import type { Options } from './fixtures'
import { CHROMIUM_ARGS, REPO_ROOT, findChromium } from './support/environment'

const chromium = findChromium()
const CI = Boolean(process.env.CI)

export default defineConfig<Options>({
  testDir: 'specs',
  outputDir: join(REPO_ROOT, 'test-results', 'e2e'),
  globalSetup: './global-setup.ts',
  // Two cores: one app and one browser at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    viewport: { width: 1280, height: 860 },
    actionTimeout: 15_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(chromium.path ? { executablePath: chromium.path } : {}),
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: 'browser-shell', use: { browserName: 'chromium', shellKind: 'browser' } },
    { name: 'electron', use: { browserName: 'chromium', shellKind: 'electron' } },
  ],
})
