import { type JsonlStats, type LineFolder, countLine } from './jsonl'
import { LineSplitter } from './jsonl-lines'

// The streaming JSONL fold of jsonl.ts for bytes that do not come from a plain file at known
// offsets: a decompressed stream (Codex's .jsonl.zst rollouts). Same rules: lines are folded one
// at a time with bounded memory, a bad line is skipped and counted, a huge one is parsed capped,
// blank lines are counted apart, and a last line without its newline is read when it is complete JSON and otherwise
// counted as a cut-off tail. There is no resuming: a compressed file is a finished one.

/** Splits pushed bytes into lines and folds each one into a state. */
export class JsonlLineFolder<S> {
  readonly stats: JsonlStats = { lines: 0, badLines: 0, offset: 0, unfinishedTail: false }
  private readonly splitter: LineSplitter
  private consumed = 0
  private ended = false

  constructor(
    readonly state: S,
    private readonly fold: LineFolder<S>,
  ) {
    this.splitter = new LineSplitter((result) => {
      const parsed = countLine(this.stats, result)
      if (parsed) this.fold(this.state, parsed.value, this.stats.lines + this.stats.badLines)
    }, true)
  }

  /** Folds every line the bytes complete; the rest waits for the next push. */
  push(chunk: Uint8Array): void {
    if (this.ended) throw new Error('push after end')
    this.splitter.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))
    this.consumed += chunk.byteLength
    this.stats.offset = this.splitter.lineEnd
  }

  /**
   * The input is over. `cutOff` says it stopped early (a damaged or truncated stream): whatever
   * line was in progress is then counted as cut off even if it parses.
   */
  end(options: { cutOff?: boolean } = {}): JsonlStats {
    if (this.ended) return this.stats
    this.ended = true
    const tail = this.splitter.finish()
    if (tail === null) {
      if (options.cutOff) this.stats.unfinishedTail = true
    } else if (tail.kind === 'blank' || (tail.kind === 'value' && !options.cutOff)) {
      const parsed = countLine(this.stats, tail)
      if (parsed) this.fold(this.state, parsed.value, this.stats.lines + this.stats.badLines)
      this.stats.offset = this.consumed
    } else {
      countLine(this.stats, tail.kind === 'bad' ? tail : { kind: 'bad', nul: false })
      this.stats.unfinishedTail = true
    }
    return this.stats
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
