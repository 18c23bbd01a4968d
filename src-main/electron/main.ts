import { homedir } from 'node:os'
import { join } from 'node:path'
import { BrowserWindow, type IpcMainInvokeEvent, app, dialog, ipcMain, shell } from 'electron'
import { AppService } from '../app/app-service'
import { appRoot } from '../app/paths'
import { appDataDir } from '../app/shell-api'
import { type ClientRequests, EVENT_NAMES, REQUEST_NAMES, channelOf } from '../../src-shared/contract'
import { dispatch } from '../ipc/dispatch'
import { devServerUrl } from './build-mode'
import { installWebContentsGuards } from './guards'
import { handleAppScheme, registerAppScheme } from './protocol'
import { externalUrl, isAppUrl } from './security'
import { createMainWindow } from './window'

app.setName('SessionScope')
// Electron derives userData from the package name ("sessionscope") in development and ignores
// SESSIONSCOPE_DATA_DIR; the CLI and the browser shell use appDataDir. One data folder for all,
// set before the ready event so Chromium's own files go there too.
app.setPath('userData', appDataDir(process.env, homedir()))
// Both before the app is ready and before any window: a scheme is privileged only if registered
// that early, and a web contents created before the guard would go unguarded.
registerAppScheme()
installWebContentsGuards()

let mainWindow: BrowserWindow | null = null

/** Requests count only from our own window's top frame, showing our own page (Electron Fiddle's check). */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  return (
    mainWindow !== null &&
    BrowserWindow.fromWebContents(event.sender) === mainWindow &&
    frame !== null &&
    frame === event.sender.mainFrame &&
    isAppUrl(frame.url, devServerUrl())
  )
}

/** Store folders given after `--` (npm start -- DIR ...). */
function storeArguments(): string[] {
  const args = process.argv.slice(app.isPackaged ? 1 : 2)
  return args.filter((arg) => !arg.startsWith('-') && !arg.endsWith('.js') && arg !== '.')
}

async function start(): Promise<void> {
  const root = app.isPackaged ? process.resourcesPath : appRoot(__dirname)
  const service = await AppService.start({
    dataDir: app.getPath('userData'),
    home: app.getPath('home'),
    env: process.env,
    dirs: storeArguments(),
    samplesDir: join(root, 'resources', 'samples'),
    shell: 'electron',
    hooks: {
      async pickFolder() {
        const options = { title: 'Open a sessions folder', properties: ['openDirectory' as const] }
        const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options)
        return result.canceled ? null : (result.filePaths[0] ?? null)
      },
      trashItem: (path) => shell.trashItem(path),
      reveal: (path) => shell.showItemInFolder(path),
    },
  })
  // The renderer has shown the user the full URL and had it confirmed; main still lets only http,
  // https and mailto out, whatever a compromised page might send.
  const links: Pick<ClientRequests, 'openExternal'> = {
    async openExternal(url) {
      const safe = externalUrl(url)
      if (safe === null) return { ok: false, reason: 'only http, https and mailto links open outside the app' }
      await shell.openExternal(safe)
      return { ok: true, value: null }
    },
  }
  for (const name of REQUEST_NAMES) {
    ipcMain.handle(channelOf(name), (event, ...args: unknown[]) => {
      if (!isTrustedSender(event)) return { ok: false, error: 'request from an untrusted sender' }
      return name === 'openExternal' ? dispatch(links, name, args) : dispatch(service, name, args)
    })
  }
  handleAppScheme(join(__dirname, '../renderer'))
  for (const name of EVENT_NAMES) {
    service.on(name, (payload) => mainWindow?.webContents.send(channelOf(name), payload))
  }
  mainWindow = createMainWindow()
  mainWindow.on('closed', () => (mainWindow = null))
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) {
      mainWindow = createMainWindow()
      mainWindow.on('closed', () => (mainWindow = null))
    }
  })
  app.on('will-quit', () => void service.close())
}

app.whenReady().then(start, (error: unknown) => {
  dialog.showErrorBox('SessionScope could not start', error instanceof Error ? error.message : String(error))
  app.exit(1)
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
