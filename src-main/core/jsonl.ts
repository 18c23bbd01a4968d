import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'
import { type LineReader, type LineResult, LineSplitter } from './jsonl-lines'

// Streaming JSONL for agents' append-only logs (Claude Code, Codex, Gemini): files from a few bytes
// to several gigabytes, appended while the agent runs. Lines are read in bounded chunks and folded
// into a caller's state one at a time, so memory stays bounded whatever the file's size (a whole
// file could not even be one string: V8 strings stop near 512 MB). A bad line is skipped and
// counted, never fatal; a line too long to build is parsed as it streams past, keeping prefixes
// of its strings (jsonl-lines.ts); a last line without its newline is an append in progress and is left for
// the next read. A file that only grew is read from where the last read stopped.

export { MAX_LINE_BYTES, type LineReader, type LineResult } from './jsonl-lines'

const CHUNK_BYTES = 1024 * 1024
/** Bytes at the start of a file, and before where a fold stopped, whose sha1 tells an append from a rewrite. */
export const HEAD_BYTES = 4096

export interface JsonlStats {
  /** Complete lines read, blank ones excluded. */
  lines: number
  /** Lines that were not valid JSON; blank lines count nowhere. */
  badLines: number
  /** Bad lines holding NUL bytes (binary garbage, the zeros a crash leaves); absent when there are none. */
  nulLines?: number
  /** Bytes of the file folded so far (always at a line boundary). */
  offset: number
  /** Whether the file ended with an unfinished line (an append in progress, or a cut-off file). */
  unfinishedTail: boolean
}

/** Folds one parsed line into a state; `line` is the 1-based line number. */
export type LineFolder<S> = (state: S, value: unknown, line: number) => void

export interface FoldResult<S> {
  state: S
  stats: JsonlStats
  /** True when the fold continued from an earlier read instead of starting over. */
  resumed: boolean
}

export interface CacheEntry<S> {
  size: number
  mtimeMs: number
  /** Hash of the file's first headLength bytes when it was read. */
  head: string
  headLength: number
  /**
   * Hash of the bytes just before `offset`: an edit in the middle (a line inserted or removed)
   * shifts them even when the start is unchanged.
   */
  end: string
  offset: number
  /** Counts of the lines before `offset`. */
  counts: LineCounts
  /** A cut-off last line seen at the end of that read (not part of `offset`). */
  tail: LineCounts
  state: S
}

/**
 * Remembers where each file's last fold stopped, so a file that only grew is read from there.
 * Bounded: the least recently used entries are dropped (their next read starts over).
 */
export class FoldCache<S> {
  private readonly entries = new Map<string, CacheEntry<S>>()

  constructor(private readonly capacity = 256) {}

  get(path: string): CacheEntry<S> | undefined {
    const entry = this.entries.get(path)
    if (entry) {
      this.entries.delete(path)
      this.entries.set(path, entry)
    }
    return entry
  }

  set(path: string, entry: CacheEntry<S>): void {
    this.entries.delete(path)
    this.entries.set(path, entry)
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value
      if (oldest === undefined) break
      this.entries.delete(oldest)
    }
  }

  delete(path: string): void {
    this.entries.delete(path)
  }
}

type LineCounts = Pick<JsonlStats, 'lines' | 'badLines' | 'nulLines'>

const noLines = (): LineCounts => ({ lines: 0, badLines: 0 })

/** Counts one parsed line; returns its value when it is one. */
export function countLine(counts: LineCounts, result: LineResult): { value: unknown } | null {
  if (result.kind === 'value') {
    counts.lines++
    return result
  }
  if (result.kind === 'bad') {
    counts.badLines++
    if (result.nul) counts.nulLines = (counts.nulLines ?? 0) + 1
  }
  return null
}

function addCounts(into: JsonlStats, tail: LineCounts): JsonlStats {
  const sum: JsonlStats = { ...into, lines: into.lines + tail.lines, badLines: into.badLines + tail.badLines }
  const nul = (into.nulLines ?? 0) + (tail.nulLines ?? 0)
  if (nul > 0) sum.nulLines = nul
  return sum
}

/**
 * Why a log of `bytes` bytes in which no line could be read holds no conversation, or null: a file
 * that holds bytes but not one line is a problem to report, unlike an empty one (agents leave
 * those behind routinely). Blank lines are not counted, so bytes without a line are white space.
 */
export function unreadableLogReason(stats: JsonlStats, bytes: number): string | null {
  if (stats.lines > 0) return null
  if ((stats.nulLines ?? 0) > 0) return 'not text: NUL bytes where JSON lines should be'
  if (stats.badLines === 0 && bytes > 0) return 'file holds only white space'
  return null
}

function hashHead(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('hex')
}

export interface FoldOptions<S> {
  /** Resume from here when the file only grew since; without it every read starts over. */
  cache?: FoldCache<S>
  /**
   * Copies a state before it is folded further, so the cached one stays valid if this read fails
   * midway. Needed only with a cache; defaults to structuredClone.
   */
  clone?: (state: S) => S
  /** The format's own read of a line, where it has a cheaper one (jsonl-lines.ts LineReader). */
  readLine?: LineReader
}

/**
 * Reads a JSONL file line by line, folding each parsed line into the state `init` makes (or into
 * the cached state, resuming after the last complete line when the file only grew).
 */
export async function foldJsonl<S>(path: string, init: () => S, fold: LineFolder<S>, options: FoldOptions<S> = {}): Promise<FoldResult<S>> {
  const handle = await open(path, 'r')
  try {
    const info = await handle.stat()
    const hashAt = async (position: number, length: number) => {
      const bytes = Buffer.alloc(length)
      await handle.read(bytes, 0, length, position)
      return hashHead(bytes)
    }
    const headOf = (length: number) => hashAt(0, length)
    const endBefore = (offset: number) => hashAt(Math.max(0, offset - HEAD_BYTES), Math.min(HEAD_BYTES, offset))
    const cached = options.cache?.get(path)
    // Resume only when the file still holds, at its start and just before where the last read
    // stopped, the bytes it held then (an append, not a rewrite), and is no shorter.
    const canResume =
      cached !== undefined &&
      info.size >= cached.offset &&
      (await headOf(cached.headLength)) === cached.head &&
      (await endBefore(cached.offset)) === cached.end
    if (cached && canResume && cached.size === info.size && cached.mtimeMs === info.mtimeMs) {
      const done = { ...cached.counts, offset: cached.offset, unfinishedTail: cached.tail.badLines > 0 }
      return { state: cached.state, stats: addCounts(done, cached.tail), resumed: true }
    }
    const clone = options.clone ?? ((state: S) => structuredClone(state))
    const state = cached && canResume ? clone(cached.state) : init()
    const resuming = cached !== undefined && canResume
    const stats: JsonlStats = { ...(resuming ? cached.counts : noLines()), offset: resuming ? cached.offset : 0, unfinishedTail: false }
    const read = await foldFrom(handle, stats, info.size, (value) => fold(state, value, stats.lines + stats.badLines), options.readLine)
    const tail = read.tail
    const tailCounts = noLines()
    if (tail !== null) {
      // No newline after the last line: complete JSON is an append whose newline is still on
      // its way; anything else is cut off (an append in progress, or a crash), skipped and
      // counted now, and read again once the rest arrives.
      const parsed = countLine(tail.kind === 'value' ? stats : tailCounts, tail)
      if (parsed) {
        fold(state, parsed.value, stats.lines + stats.badLines)
        stats.offset = info.size
      } else if (tail.kind === 'bad') stats.unfinishedTail = true
    }
    const headLength = Math.min(HEAD_BYTES, stats.offset)
    options.cache?.set(path, {
      size: info.size,
      mtimeMs: info.mtimeMs,
      // From the bytes just read where they are still in memory (most logs fit one chunk).
      head: read.head !== null && read.head.length >= headLength ? hashHead(read.head.subarray(0, headLength)) : await headOf(headLength),
      headLength,
      end: read.last.hashBefore(stats.offset) ?? (await endBefore(stats.offset)),
      offset: stats.offset,
      counts: addCounts(stats, noLines()),
      tail: tailCounts,
      state,
    })
    return { state, stats: addCounts(stats, tailCounts), resumed: resuming }
  } finally {
    await handle.close()
  }
}

/** The last chunk a fold read, still in its buffer. */
class LastChunk {
  constructor(
    private readonly bytes: Buffer,
    private readonly position: number,
  ) {}

  /** The hash endBefore(offset) gives, when this chunk holds those bytes. */
  hashBefore(offset: number): string | null {
    const start = Math.max(0, offset - HEAD_BYTES)
    if (start < this.position || offset > this.position + this.bytes.length) return null
    return hashHead(this.bytes.subarray(start - this.position, offset - this.position))
  }
}

interface FoldRead {
  /** The line after the last newline, or null when there is none. */
  tail: LineResult | null
  /** The file's first bytes (up to HEAD_BYTES), when the read started at 0. */
  head: Buffer | null
  last: LastChunk
}

/** Splits bytes [stats.offset, size) into lines, counts each complete one and hands its value to `onValue`. */
async function foldFrom(
  handle: Awaited<ReturnType<typeof open>>,
  stats: JsonlStats,
  size: number,
  onValue: (value: unknown) => void,
  readLine: LineReader | undefined,
): Promise<FoldRead> {
  const base = stats.offset
  // Sized to what is left (most logs are far smaller than a chunk) and not zero-filled: only the
  // bytes read are looked at.
  const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK_BYTES, size - base)))
  let position = base
  const splitter = new LineSplitter(
    (result) => {
      const parsed = countLine(stats, result)
      if (parsed) onValue(parsed.value)
    },
    base === 0,
    readLine ?? null,
  )
  let head: Buffer | null = null
  let last = new LastChunk(buffer.subarray(0, 0), position)
  while (position < size) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK_BYTES, size - position), position)
    if (bytesRead === 0) break
    if (position === 0) head = Buffer.from(buffer.subarray(0, Math.min(HEAD_BYTES, bytesRead)))
    last = new LastChunk(buffer.subarray(0, bytesRead), position)
    splitter.push(buffer.subarray(0, bytesRead))
    stats.offset = base + splitter.lineEnd
    position += bytesRead
  }
  return { tail: splitter.finish(), head, last }
}
