import type { SessionDetail, SessionSummary, Store, StoreFormat } from '../model'

/** A file found in a store that may hold a session; stat data lets later layers cache by (path, size, mtime). */
export interface SessionFile {
  path: string
  archived: boolean
  size: number
  mtimeMs: number
}

export interface ScanOptions {
  /** Also look inside the store's .archive/ folders. */
  archived: boolean
}

/** What sniffing a directory says about one format. */
export type Sniff = 'yes' | 'no' | 'empty'

/**
 * One per on-disk format. Adapters only read; a file they cannot read is reported by throwing
 * UnreadableSession, which the listing turns into a Problem.
 */
export interface StoreAdapter {
  format: StoreFormat
  /** Paths, relative to an agent's home folder, where this format's sessions folder sits. */
  homeLayouts: readonly string[]
  /** The sessions folders this format uses by default on this machine, whether or not they exist. */
  defaultRoots(home: string, env: NodeJS.ProcessEnv): string[]
  /** A path that names this agent (".astrid", ".oxios", ".ao-rs"), used when a folder is empty. */
  pathHint: RegExp
  /** Does this existing directory look like a sessions folder of this format? Reads file heads only. */
  sniff(root: string): Promise<Sniff>
  /** How many folder levels below the root hold session files (what a watcher must cover). */
  watchDepth: number
  /**
   * Whether a path below the root is a session file of this store, and if so whether archived;
   * null for temp files, other categories and stray files. Pure: looks at the path only.
   */
  classify(root: string, path: string): { archived: boolean } | null
  /** The candidate session files of a store, stat-only. */
  scan(root: string, options: ScanOptions): Promise<SessionFile[]>
  summarize(store: Store, file: SessionFile): Promise<SessionSummary>
  load(store: Store, file: SessionFile): Promise<SessionDetail>
}
