import { join } from 'node:path'
import { BrowserWindow } from 'electron'
import { DEVELOPMENT_BUILD, devServerUrl } from './build-mode'
import { APP_ENTRY_URL } from './security'

/**
 * The one place windows are made, so every window gets the same locked-down defaults. Navigation,
 * new windows, webviews and permissions are refused for every web contents in guards.ts.
 */
export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'SessionScope',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // A production build has no DevTools: they would run any script in the page, preload API included.
      devTools: DEVELOPMENT_BUILD,
    },
  })
  window.once('ready-to-show', () => window.show())
  void window.loadURL(devServerUrl() ?? APP_ENTRY_URL)
  return window
}
