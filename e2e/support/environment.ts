// Where the end-to-end tests find their browsers: the system's Chromium first (Playwright's own
// download is not possible on every machine), then Playwright's; and whether an Electron binary is
// there to run the same specs against the desktop app.

import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const SAMPLES_DIR = join(REPO_ROOT, 'resources', 'samples')
export const RENDERER_INDEX = join(REPO_ROOT, 'out', 'renderer', 'index.html')
export const ELECTRON_MAIN = join(REPO_ROOT, 'out', 'main', 'index.js')
export const SCREENSHOTS_DIR = join(REPO_ROOT, 'e2e', 'screenshots')

export const SYSTEM_CHROMIUM = '/usr/bin/chromium'

export const NO_CHROMIUM_MESSAGE =
  "No Chromium found: install Debian's chromium (apt-get install -y chromium) or run npx playwright install chromium"

/** Flags for a browser on a small, shared CI machine: nothing in the background, no GPU, no sandbox (containers). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
]

export type ChromiumChoice = { kind: 'system' | 'playwright'; path: string } | { kind: 'none'; path: null }

export function findChromium(): ChromiumChoice {
  if (existsSync(SYSTEM_CHROMIUM)) return { kind: 'system', path: SYSTEM_CHROMIUM }
  let own: string | null
  try {
    own = chromium.executablePath()
  } catch {
    own = null
  }
  if (own && existsSync(own)) return { kind: 'playwright', path: own }
  return { kind: 'none', path: null }
}

export type ElectronChoice = { available: true; path: string } | { available: false; reason: string }

function electronBinaryIn(dist: string): string {
  if (process.platform === 'win32') return join(dist, 'electron.exe')
  if (process.platform === 'darwin') return join(dist, 'Electron.app', 'Contents', 'MacOS', 'Electron')
  return join(dist, 'electron')
}

/**
 * ELECTRON_OVERRIDE_DIST_PATH, else the binary the electron package downloaded, if it did. This
 * reads the package's path.txt itself: require('electron') would start a download when the binary
 * is missing, which must never happen during a test run.
 */
export function findElectron(): ElectronChoice {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) {
    const path = electronBinaryIn(override)
    if (existsSync(path)) return { available: true, path }
    return { available: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${path} does not exist` }
  }
  let packageDir: string
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return { available: false, reason: 'the electron package is not installed (npm install)' }
  }
  const pathFile = join(packageDir, 'path.txt')
  const hint = 'set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron, or download it with: node node_modules/electron/install.js'
  if (!existsSync(pathFile)) return { available: false, reason: `the Electron binary has not been downloaded (no ${pathFile}); ${hint}` }
  const path = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  if (!existsSync(path)) return { available: false, reason: `the Electron binary ${path} is missing; ${hint}` }
  return { available: true, path }
}

/** The reason the Electron project is skipped, or null when it can run. */
export function electronSkipReason(): string | null {
  const electron = findElectron()
  return electron.available ? null : `Electron project skipped: ${electron.reason}`
}
