import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { SessionFile } from './formats/format'
import type { SessionSummary, Store } from '../../src-shared/model'

// A per-store cache of session summaries, keyed by path, size, mtime and inode, so a second start
// re-parses only the files that changed. It is a cache, never a source of truth: anything
// unreadable or of another version is thrown away and rebuilt.

/** Bump when summaries change shape or meaning, so old caches are rebuilt rather than trusted. */
export const CACHE_VERSION = 6

// session and problem both null: a file that holds no session (NotASession), remembered as such.
type Entry = [size: number, mtimeMs: number, archived: boolean, session: SessionSummary | null, problem: string | null, ino: number | null]

interface CacheFile {
  version: number
  format: string
  root: string
  entries: Record<string, Entry>
}

export type Cached = { session: SessionSummary } | { problem: string } | { ignored: true }

export class SummaryCache {
  private readonly next = new Map<string, Entry>()
  private changed = false

  private constructor(
    private readonly store: Store | null,
    private readonly file: string | null,
    private readonly previous: Map<string, Entry>,
    /** True when a cache existed but was unusable (corrupt, another version, another store). */
    readonly rebuilt: boolean,
  ) {}

  static disabled(): SummaryCache {
    return new SummaryCache(null, null, new Map(), false)
  }

  static async open(cacheDir: string, store: Store): Promise<SummaryCache> {
    const key = createHash('sha1').update(`${store.format}\0${store.root}`).digest('hex').slice(0, 16)
    const file = join(cacheDir, `${store.format}-${key}.json`)
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch {
      return new SummaryCache(store, file, new Map(), false)
    }
    try {
      const parsed = JSON.parse(text) as CacheFile
      if (parsed.version !== CACHE_VERSION || parsed.format !== store.format || parsed.root !== store.root) {
        throw new Error('stale')
      }
      return new SummaryCache(store, file, new Map(Object.entries(parsed.entries)), false)
    } catch {
      return new SummaryCache(store, file, new Map(), true)
    }
  }

  /** The cached result for a file whose size, mtime and (where known) inode are unchanged. */
  get(file: SessionFile): Cached | undefined {
    const entry = this.previous.get(file.path)
    if (!entry || entry[0] !== file.size || entry[1] !== file.mtimeMs || entry[2] !== file.archived) return undefined
    if (file.ino !== undefined && entry[5] !== null && entry[5] !== file.ino) return undefined
    this.next.set(file.path, entry)
    if (entry[3]) return { session: entry[3] }
    return entry[4] === null ? { ignored: true } : { problem: entry[4] }
  }

  put(file: SessionFile, result: Cached): void {
    const entry: Entry = [
      file.size,
      file.mtimeMs,
      file.archived,
      'session' in result ? result.session : null,
      'problem' in result ? result.problem : null,
      file.ino ?? null,
    ]
    this.next.set(file.path, entry)
    this.changed = true
  }

  /** Writes what this listing saw (dropping files that are gone), atomically, when anything changed. */
  async save(): Promise<void> {
    if (!this.file || !this.store) return
    if (!this.changed && this.next.size === this.previous.size && !this.rebuilt) return
    const { format, root } = this.store
    const content: CacheFile = { version: CACHE_VERSION, format, root, entries: Object.fromEntries(this.next) }
    const dir = join(this.file, '..')
    await mkdir(dir, { recursive: true })
    const temp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    try {
      await writeFile(temp, JSON.stringify(content))
      await rename(temp, this.file)
    } catch {
      // A cache that cannot be written only costs the next start some parsing.
      await unlink(temp).catch(() => undefined)
    }
  }
}
