import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/**
 * The repository (or packaged app) root: the nearest folder above `from` that holds
 * resources/samples. Works from the sources (tsx) and from the bundles in out/.
 */
export function appRoot(from: string): string {
  let dir = resolve(from)
  for (;;) {
    if (existsSync(join(dir, 'resources', 'samples'))) return dir
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`resources/samples not found above ${from}`)
    dir = parent
  }
}
