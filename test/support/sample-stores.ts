// Copies of the shipped sample stores (resources/samples) for tests that run the app on them, made
// and dated as a first run makes them (src-main/app/samples.ts), so that no session counts as live.
import { openSampleStores } from '../../src-main/app/samples'
import type { StoreFormat } from '../../src-shared/model'
import { repoPath } from './repo'

export const SAMPLES_DIR = repoPath('resources', 'samples')

/** Copies every sample store into `dir`; returns the folders of the stores of `formats`, in that order. */
export async function copySampleStores(dir: string, formats: readonly StoreFormat[]): Promise<string[]> {
  const { stores } = await openSampleStores(SAMPLES_DIR, dir)
  return formats.map((format) => {
    const store = stores.find((candidate) => candidate.format === format)
    if (!store) throw new Error(`there is no ${format} sample store`)
    return store.root
  })
}
