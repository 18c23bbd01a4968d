import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { isKnownFormat } from '../core/formats/registry'
import type { Store } from '../../src-shared/model'

// The stores the user added with "Open folder…", kept in the data folder between runs.

const FILE = 'stores.json'

export async function loadRememberedStores(dataDir: string): Promise<Store[]> {
  try {
    const parsed = JSON.parse(await readFile(join(dataDir, FILE), 'utf8')) as { stores?: unknown }
    if (!Array.isArray(parsed.stores)) return []
    return parsed.stores.filter(
      (store): store is Store =>
        typeof store === 'object' && store !== null && isKnownFormat((store as Store).format) && typeof (store as Store).root === 'string',
    )
  } catch {
    // Missing or damaged: the app still starts, on the default stores.
    return []
  }
}

export async function saveRememberedStores(dataDir: string, stores: readonly Store[]): Promise<void> {
  await mkdir(dataDir, { recursive: true })
  const path = join(dataDir, FILE)
  const temp = `${path}.${process.pid}.tmp`
  await writeFile(temp, `${JSON.stringify({ stores: stores.map(({ format, root }) => ({ format, root })) }, null, 2)}\n`)
  await rename(temp, path)
}

const same = (a: Store, b: Store) => a.format === b.format && a.root === b.root

/** Remembers a store the user added, for the next runs. */
export async function rememberStore(dataDir: string, store: Store): Promise<void> {
  const remembered = await loadRememberedStores(dataDir)
  if (!remembered.some((other) => same(other, store))) await saveRememberedStores(dataDir, [...remembered, store])
}

/** Forgets a store the user removed. */
export async function forgetStore(dataDir: string, store: Store): Promise<void> {
  await saveRememberedStores(
    dataDir,
    (await loadRememberedStores(dataDir)).filter((other) => !same(other, store)),
  )
}
