import type { ShellKind } from '../../src-shared/contract'
import type { Store } from '../../src-shared/model'

// What a shell gives the application service: where things are, which stores, and what only the
// shell can do.

/** What only the shell can do (Electron's dialog and shell module); absent in the browser shell. */
export interface PlatformHooks {
  pickFolder?: () => Promise<string | null>
  /** Hands a file or folder to the operating system's trash. */
  trashItem?: (path: string) => Promise<void>
  reveal?: (path: string) => void
  openExternal?: (url: string) => Promise<void>
}

export interface AppServiceOptions {
  dataDir: string
  home: string
  env: NodeJS.ProcessEnv
  /** Store folders given on the command line: exactly these are used, and nothing is remembered. */
  dirs: string[]
  /** Stores the shell resolved itself (the CLI): exactly these, no remembered ones, no samples. */
  stores?: Store[]
  /** The shipped sample stores (resources/samples), copied into the data folder on a first run. */
  samplesDir: string
  shell: ShellKind
  hooks?: PlatformHooks
  reconcileIntervalMs?: number
  /** false: no file-system watchers (a one-shot command reads the stores once). Default true. */
  watch?: boolean
  /** false: archived sessions are neither listed nor watched. Default true. */
  archived?: boolean
  /**
   * true: a look that writes nothing: leftovers of killed operations are reported but not put
   * right, and the summary cache is neither read nor written. Default false.
   */
  readOnly?: boolean
  /** What the user should be told that answers no request (the search index was rebuilt, and why). */
  onNotice?: (message: string) => void
  /** How far bringing the search index up to date has got (files and bytes read of those to read). */
  onIndexProgress?: (progress: { files: number; done: number; bytes: number; doneBytes: number }) => void
  /** Failures of the live index that have nobody else to go to. */
  onIndexError?: (error: Error) => void
  /**
   * true: the stores are listed on the first request that needs them, not at start (a command
   * that only empties a trash or undoes never reads the sessions). Default false.
   */
  lazyIndex?: boolean
}

/** The link a shell may hand to the system browser (http and https only), or why not. */
export function webLink(url: string): { url: string } | { refuse: string } {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { refuse: 'not a link' }
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { refuse: 'only http and https links open outside the app' }
  return { url: parsed.toString() }
}
