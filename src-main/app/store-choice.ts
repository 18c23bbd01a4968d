import type { Store } from '../../src-shared/model'
import { StoreError, defaultStores, resolveStoreDir, resolveStores } from '../core/stores'
import { describeFailure } from '../core/unreadable'
import { loadRememberedStores } from './remembered-stores'
import { openSampleStores } from './samples'

export type OpenStore = Store & { isSample: boolean }

export interface StoreChoice {
  stores: OpenStore[]
  /** Said once in the UI: why these stores are the ones open (the samples on a first run). */
  notice: string | null
}

export interface StoreChoiceOptions {
  dataDir: string
  home: string
  env: NodeJS.ProcessEnv
  /** Store folders given on the command line: exactly these are used, and nothing is remembered. */
  dirs: readonly string[]
  /** Stores the caller resolved itself (the CLI): exactly these, no remembered ones, no samples. */
  stores?: readonly Store[]
  samplesDir: string
}

const own = (stores: readonly Store[]): OpenStore[] => stores.map((store) => ({ ...store, isSample: false }))

/**
 * Which stores the app opens: the ones it was told, else the well-known ones on this machine and
 * those the user added before, else (a first run on a machine without any) a copy of the samples.
 */
export async function chooseStores(options: StoreChoiceOptions): Promise<StoreChoice> {
  const { dirs, home, env, dataDir } = options
  if (options.stores) return { stores: own(options.stores), notice: null }
  if (dirs.length > 0) return { stores: own(await resolveStores([...dirs], home, env)), notice: null }
  const remembered = await loadRememberedStores(dataDir)
  const found = await defaultStores(home, env)
  const all = [...found, ...remembered].filter(
    (store, i, list) => list.findIndex((other) => other.format === store.format && other.root === store.root) === i,
  )
  if (all.length > 0) return { stores: own(all), notice: null }
  const samples = await openSampleStores(options.samplesDir, dataDir)
  return {
    stores: samples.stores.map((store) => ({ ...store, isSample: true })),
    notice: `No session stores were found on this machine, so SessionScope opened a copy of its sample sessions (in ${samples.folder}). Use "Open folder…" to add your own.`,
  }
}

/** The store a folder the user typed or picked holds, or why it holds none. */
export async function storeAt(path: string): Promise<{ store: Store } | { refuse: string }> {
  let found: Store[]
  try {
    found = await resolveStoreDir(path.trim())
  } catch (error) {
    return { refuse: error instanceof StoreError ? error.message : describeFailure(error) }
  }
  const store = found[0]
  return store ? { store } : { refuse: `${path} is empty: there are no sessions to show yet` }
}
