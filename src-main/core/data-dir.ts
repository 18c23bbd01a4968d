import { join } from 'node:path'

/** Overrides the data folder (journal, index cache, remembered stores); tests and scripts set it. */
export const DATA_DIR_ENV = 'SESSIONSCOPE_DATA_DIR'

export const APP_NAME = 'SessionScope'

/**
 * The app's data folder: the same folder Electron's app.getPath('userData') gives the desktop
 * app, so the CLI and the app share one journal and one cache.
 */
export function appDataDir(env: NodeJS.ProcessEnv, home: string, platform: NodeJS.Platform = process.platform): string {
  const override = env[DATA_DIR_ENV]
  if (override) return override
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME)
}
