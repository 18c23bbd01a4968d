import { cp, readdir, stat, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { FORMAT_LIST, formatModule } from '../core/formats/registry'
import type { Store } from '../../src-shared/model'
import { resolveStoreDir } from '../core/stores'

// First run with no store on the machine: the app opens a copy of the shipped samples, made in
// the data folder so the installation itself is never written to.

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}

/**
 * Gives copied sample files believable modification times (git and copies do not keep them), taken
 * from the sessions themselves, so they neither sort as brand new nor count as live.
 */
async function settleTimes(store: Store): Promise<void> {
  const adapter = formatModule(store.format)
  for (const file of await adapter.scan(store.root, { archived: true })) {
    try {
      const session = await adapter.summarize(store, file)
      const base = adapter.sampleTime?.(session) ?? Date.parse(session.createdAt) + 3_600_000
      const when = new Date(Math.min(base, Date.now() - 3_600_000))
      await utimes(file.path, when, when)
    } catch {
      // A sample that cannot be read keeps its time; the listing reports it.
    }
  }
}

export async function openSampleStores(samplesDir: string, dataDir: string): Promise<{ folder: string; stores: Store[] }> {
  const folder = join(dataDir, 'samples')
  const fresh = !(await exists(folder)) || (await readdir(folder)).length === 0
  if (fresh) await cp(samplesDir, folder, { recursive: true })
  const stores: Store[] = []
  for (const home of FORMAT_LIST.flatMap((module) => (module.sampleHome ? [module.sampleHome] : []))) {
    const found = await resolveStoreDir(join(folder, ...home.split('/'))).catch(() => [] as Store[])
    for (const store of found) {
      if (fresh) await settleTimes(store)
      stores.push(store)
    }
  }
  return { folder, stores }
}
