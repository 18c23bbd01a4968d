import { type JsonlStats, type LineFolder, MAX_LINE_BYTES } from './jsonl'

// The streaming JSONL fold of jsonl.ts for bytes that do not come from a plain file at known
// offsets: a decompressed stream (Codex's .jsonl.zst rollouts). Same rules: lines are folded one
// at a time with bounded memory, a bad or too-long line is skipped and counted, blank lines are
// ignored, and a last line without its newline is read when it is complete JSON and otherwise
// counted as a cut-off tail. There is no resuming: a compressed file is a finished one.

/** Splits pushed bytes into lines and folds each one into a state. */
export class JsonlLineFolder<S> {
  readonly stats: JsonlStats = { lines: 0, badLines: 0, offset: 0, unfinishedTail: false }
  private pending: Buffer[] = []
  private pendingBytes = 0
  private tooLong = false
  private consumed = 0
  private ended = false

  constructor(
    readonly state: S,
    private readonly fold: LineFolder<S>,
  ) {}

  /** Folds every line the bytes complete; the rest waits for the next push. */
  push(chunk: Uint8Array): void {
    if (this.ended) throw new Error('push after end')
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    let start = 0
    for (;;) {
      const newline = bytes.indexOf(0x0a, start)
      if (newline < 0) break
      const piece = bytes.subarray(start, newline)
      const lineBytes = this.pendingBytes + piece.length
      if (this.tooLong || lineBytes > MAX_LINE_BYTES) this.stats.badLines++
      else if (lineBytes > 0) {
        const text = (this.pending.length > 0 ? Buffer.concat([...this.pending, piece]) : piece).toString('utf8')
        if (text.trim() !== '' && !this.foldText(text)) this.stats.badLines++
      }
      this.pending = []
      this.pendingBytes = 0
      this.tooLong = false
      start = newline + 1
      this.stats.offset = this.consumed + start
    }
    if (start < bytes.length) {
      const rest = bytes.length - start
      // Copy: the caller may reuse its buffer.
      if (!this.tooLong && this.pendingBytes + rest <= MAX_LINE_BYTES) this.pending.push(Buffer.from(bytes.subarray(start)))
      else {
        this.tooLong = true
        this.pending = []
      }
      this.pendingBytes += rest
    }
    this.consumed += bytes.length
  }

  /**
   * The input is over. `cutOff` says it stopped early (a damaged or truncated stream): whatever
   * line was in progress is then counted as cut off even if it parses.
   */
  end(options: { cutOff?: boolean } = {}): JsonlStats {
    if (this.ended) return this.stats
    this.ended = true
    if (this.pendingBytes > 0) {
      const text = this.tooLong ? '' : Buffer.concat(this.pending).toString('utf8')
      if (text.trim() === '' && !this.tooLong) {
        this.stats.offset = this.consumed
      } else if (!options.cutOff && !this.tooLong && this.foldText(text)) {
        this.stats.offset = this.consumed
      } else {
        this.stats.badLines++
        this.stats.unfinishedTail = true
      }
    } else if (options.cutOff) {
      this.stats.unfinishedTail = true
    }
    this.pending = []
    this.pendingBytes = 0
    return this.stats
  }

  private foldText(text: string): boolean {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      return false
    }
    this.stats.lines++
    this.fold(this.state, value, this.stats.lines + this.stats.badLines)
    return true
  }
}

/** Folds JSONL from a stream of byte chunks (e.g. a decompressor's output). */
export async function foldJsonlChunks<S>(
  chunks: AsyncIterable<Uint8Array>,
  init: () => S,
  fold: LineFolder<S>,
): Promise<{ state: S; stats: JsonlStats }> {
  const folder = new JsonlLineFolder(init(), fold)
  for await (const chunk of chunks) folder.push(chunk)
  return { state: folder.state, stats: folder.end() }
}
