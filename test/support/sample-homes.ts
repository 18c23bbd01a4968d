// Copies of the shipped sample stores (resources/samples) for tests that run the app on them, made
// and dated as a first run makes them (src-main/app/samples.ts), so that no session counts as live.
import { join } from 'node:path'
import { openSampleStores } from '../../src-main/app/samples'
import { repoPath } from './repo'

export const SAMPLES_DIR = repoPath('resources', 'samples')

/** Each agent's home below resources/samples/, as the app is given it. */
const HOMES = {
  oxios: join('oxios', 'workspace'),
  astrid: 'astrid',
  ao: 'ao-rs',
  claude: 'claude',
  codex: 'codex',
  gemini: 'gemini',
} as const

export type SampleHome = keyof typeof HOMES

/** Copies every sample home into `dir`; returns the folders of `homes`, in that order. */
export async function copySampleHomes(dir: string, homes: readonly SampleHome[]): Promise<string[]> {
  const { folder } = await openSampleStores(SAMPLES_DIR, dir)
  return homes.map((home) => join(folder, HOMES[home]))
}
