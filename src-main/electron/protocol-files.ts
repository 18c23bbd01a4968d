// The app:// handler's file lookup, in plain Node so it is tested without Electron.
import { realpath, stat } from 'node:fs/promises'
import { isInside, resolveAppPath } from './security'

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
