import { CappedJsonParser, type LineResult } from './capped-json/line-parser'

// Splits JSONL bytes into lines and parses each, for the folds of jsonl.ts and jsonl-stream.ts.
// A line up to MAX_LINE_BYTES is joined and handed to JSON.parse (the fast path every normal line
// takes); a longer one is never joined: its bytes stream through a CappedJsonParser, which keeps
// only bounded prefixes of its strings. So no line, whatever its length, costs more than about
// MAX_LINE_BYTES times a small factor (bytes, string, parsed value) at once.

/**
 * Longest line parsed whole. Real lines reach a few MB (a pasted log, a screenshot in base64);
 * at 8 MiB such a line costs well under 100 MB while it is parsed, so the eight files a listing
 * reads at once stay far below its memory budget, and only freak lines take the slower capped path.
 */
export const MAX_LINE_BYTES = 8 * 1024 * 1024

export type { LineResult }

/**
 * A format's own read of one joined line (a cheaper parse that keeps only what its fold needs), or
 * null to read it the ordinary way. It must count a line bad exactly when JSON.parse would.
 */
export type LineReader = (bytes: Buffer) => LineResult | null

export class LineSplitter {
  private pending: Buffer[] = []
  private pendingBytes = 0
  private parser: CappedJsonParser | null = null
  private first: boolean
  /** Bytes pushed so far. */
  private pushed = 0
  /** Where, in the bytes pushed, the last complete line ended. */
  lineEnd = 0

  /** `atStart`: the bytes start the file, so a UTF-8 byte order mark before the first line is skipped. */
  constructor(
    private readonly onLine: (result: LineResult) => void,
    atStart: boolean,
    private readonly readLine: LineReader | null = null,
  ) {
    this.first = atStart
  }

  /** Parses every line the bytes complete; the rest waits for the next push (copied: callers reuse buffers). */
  push(bytes: Buffer): void {
    let start = 0
    for (;;) {
      const newline = bytes.indexOf(0x0a, start)
      if (newline < 0) break
      this.add(bytes.subarray(start, newline), false)
      this.onLine(this.take())
      start = newline + 1
      this.lineEnd = this.pushed + start
    }
    if (start < bytes.length) this.add(bytes.subarray(start), true)
    this.pushed += bytes.length
  }

  /** The line after the last newline, or null when nothing follows it. */
  finish(): LineResult | null {
    if (this.pendingBytes === 0 && this.parser === null) return null
    return this.take()
  }

  private add(piece: Buffer, copy: boolean): void {
    if (this.parser) {
      this.parser.push(piece)
      return
    }
    if (this.pendingBytes + piece.length > MAX_LINE_BYTES) {
      this.parser = new CappedJsonParser(this.first)
      for (const earlier of this.pending) this.parser.push(earlier)
      this.parser.push(piece)
      this.pending = []
      this.pendingBytes = 0
      return
    }
    if (piece.length === 0) return
    this.pending.push(copy ? Buffer.from(piece) : piece)
    this.pendingBytes += piece.length
  }

  private take(): LineResult {
    const first = this.first
    this.first = false
    if (this.parser) {
      const result = this.parser.end()
      this.parser = null
      return result
    }
    const bytes = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending)
    this.pending = []
    this.pendingBytes = 0
    const special = this.readLine?.(bytes)
    if (special) return special
    let text = bytes.toString('utf8')
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    if (text.trim() === '') return { kind: 'blank' }
    try {
      return { kind: 'value', value: JSON.parse(text) }
    } catch {
      return { kind: 'bad', nul: bytes.includes(0) }
    }
  }
}
