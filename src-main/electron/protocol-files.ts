// The app:// handler's file lookup, in plain Node so it is tested without Electron.
import { readFile as readFileCallback, realpath as realpathCallback, stat as statCallback } from 'node:fs'
import { promisify } from 'node:util'
import { isInside, resolveAppPath } from './security'

// The callback forms, promisified where they are used: they are the ones Electron's asar support
// patches for certain, and a packaged app serves its renderer from inside app.asar.
const realpath = promisify(realpathCallback)
const stat = promisify(statCallback)
export const readAppFile = promisify(readFileCallback)

/**
 * The real path of the file an app:// request names, or null. The path is checked as written and
 * again once symbolic links are followed, so a link inside the renderer folder cannot serve a file outside it.
 */
export async function resolveExistingAppFile(root: string, requestUrl: string): Promise<string | null> {
  const path = resolveAppPath(root, requestUrl)
  if (path === null) return null
  try {
    const [realRoot, realPath] = await Promise.all([realpath(root), realpath(path)])
    if (!isInside(realRoot, realPath)) return null
    return (await stat(realPath)).isFile() ? realPath : null
  } catch {
    return null
  }
}
