import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'

// Streaming JSONL for agents' append-only logs (Claude Code, Codex, Gemini): files from a few bytes
// to several gigabytes, appended while the agent runs. Lines are read in bounded chunks and folded
// into a caller's state one at a time, so memory stays bounded whatever the file's size (a whole
// file could not even be one string: V8 strings stop near 512 MB). A bad line is skipped and
// counted, never fatal; a last line without its newline is an append in progress and is left for
// the next read. A file that only grew is read from where the last read stopped.

/** Lines longer than this are skipped (and counted) rather than turned into one huge string. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024

const CHUNK_BYTES = 1024 * 1024
/** Bytes at the start of a file whose hash tells an append from a rewrite. */
const HEAD_BYTES = 4096

export interface JsonlStats {
  /** Complete lines read, blank ones excluded. */
  lines: number
  /** Lines that were not valid JSON, or too long. */
  badLines: number
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

interface CacheEntry<S> {
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
  /** A cut-off last line seen at the end of that read (not part of `offset`). */
  tailBad: number
  lines: number
  badLines: number
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
      return {
        state: cached.state,
        stats: { lines: cached.lines, badLines: cached.badLines + cached.tailBad, offset: cached.offset, unfinishedTail: cached.tailBad > 0 },
        resumed: true,
      }
    }
    const clone = options.clone ?? ((state: S) => structuredClone(state))
    const state = cached && canResume ? clone(cached.state) : init()
    const stats: JsonlStats = {
      lines: cached && canResume ? cached.lines : 0,
      badLines: cached && canResume ? cached.badLines : 0,
      offset: cached && canResume ? cached.offset : 0,
      unfinishedTail: false,
    }
    const foldText = (text: string): boolean => {
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch {
        return false
      }
      fold(state, value, stats.lines + stats.badLines)
      return true
    }
    const tail = await foldFrom(handle, stats, info.size, (text) => {
      if (!foldText(text)) {
        stats.lines--
        stats.badLines++
      }
    })
    let tailBad = 0
    if (tail !== null) {
      // No newline after the last line: complete JSON is an append whose newline is still on
      // its way; anything else is cut off (an append in progress, or a crash), skipped and
      // counted now, and read again once the rest arrives.
      if (tail !== '' && foldText(tail)) {
        stats.lines++
        stats.offset = info.size
      } else {
        stats.unfinishedTail = true
        tailBad = 1
      }
    }
    const headLength = Math.min(HEAD_BYTES, stats.offset)
    options.cache?.set(path, {
      size: info.size,
      mtimeMs: info.mtimeMs,
      head: await headOf(headLength),
      headLength,
      end: await endBefore(stats.offset),
      offset: stats.offset,
      tailBad,
      lines: stats.lines,
      badLines: stats.badLines,
      state,
    })
    return { state, stats: { ...stats, badLines: stats.badLines + tailBad }, resumed: Boolean(cached && canResume) }
  } finally {
    await handle.close()
  }
}

/**
 * Splits bytes [stats.offset, size) into lines and hands each complete one to `onLine`; returns
 * the text after the last newline ('' when it was too long to keep), or null when there is none.
 */
async function foldFrom(
  handle: Awaited<ReturnType<typeof open>>,
  stats: JsonlStats,
  size: number,
  onLine: (text: string) => void,
): Promise<string | null> {
  const buffer = Buffer.alloc(CHUNK_BYTES)
  let position = stats.offset
  // Pieces of the current line; a line is only joined into one string once it is complete.
  let pending: Buffer[] = []
  let pendingBytes = 0
  let tooLong = false
  while (position < size) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK_BYTES, size - position), position)
    if (bytesRead === 0) break
    let start = 0
    for (;;) {
      const newline = buffer.indexOf(0x0a, start)
      if (newline < 0 || newline >= bytesRead) break
      const piece = buffer.subarray(start, newline)
      const lineBytes = pendingBytes + piece.length
      if (tooLong || lineBytes > MAX_LINE_BYTES) stats.badLines++
      else if (lineBytes > 0) {
        const text = (pending.length > 0 ? Buffer.concat([...pending, piece]) : piece).toString('utf8')
        if (text.trim() !== '') {
          stats.lines++
          onLine(text)
        }
      }
      pending = []
      pendingBytes = 0
      tooLong = false
      start = newline + 1
      stats.offset = position + start
    }
    if (start < bytesRead) {
      const rest = bytesRead - start
      if (!tooLong && pendingBytes + rest <= MAX_LINE_BYTES) pending.push(Buffer.from(buffer.subarray(start, bytesRead)))
      else {
        tooLong = true
        pending = []
      }
      pendingBytes += rest
    }
    position += bytesRead
  }
  if (pendingBytes === 0) return null
  return tooLong ? '' : Buffer.concat(pending).toString('utf8')
}
