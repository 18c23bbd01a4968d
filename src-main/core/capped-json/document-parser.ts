import { type FileHandle, open } from 'node:fs/promises'
import { ownCopy } from '../strings'
import { UnreadableSession, decodeSessionText, parseJson, tooLarge } from '../unreadable'

// Whole-file session formats (Oxios, Astrid, Gemini CLI's legacy .json) are one JSON document, and
// one message in them may be hundreds of megabytes. Small files go through JSON.parse, which is
// fast; larger ones through the streaming parser below, which reads the file in pieces and never
// holds more of a string than its cap. Both yield what JSON.parse yields, except that a string
// longer than its cap is cut to a prefix that ends with "… (N more characters)", so the adapters'
// code runs unchanged on either. A file past what even the streaming parser keeps in memory is
// refused with a reason naming the limit.
//
// Not stream-json: its token stream allocates an event object per token and assembles values in
// a separate pass; this parser scans strings with one regular expression per piece, builds the
// value as it goes, and reproduces JSON.parse's grammar and its "truncated"/"invalid" distinction.

export interface JsonLimits {
  /** Longest string kept whole, in UTF-16 code units (a UI shows that much of a message). */
  stringChars: number
  /** Once this many characters of strings are kept, each further string is cut to smallStringChars. */
  keptChars: number
  smallStringChars: number
  /** Most values (objects, arrays, strings, numbers, literals) a document may hold. */
  values: number
  /** Files of this size or more are parsed as a stream. */
  streamFromBytes: number
  /** Files larger than this are refused. */
  maxBytes: number
}

const MB = 1024 * 1024

// The streaming budgets sit above anything a file read by JSON.parse can reach (a 4 MB file
// holds at most 4.2M characters and about 2.1M values), so both paths cut exactly the same strings.
export const JSON_LIMITS: JsonLimits = {
  stringChars: 100_000,
  keptChars: 16_000_000,
  smallStringChars: 1_000,
  values: 3_000_000,
  streamFromBytes: 4 * MB,
  maxBytes: 1024 * MB,
}

/** For a summary, which keeps its text only for a title: less text kept once the budget is spent. */
export const SUMMARY_LIMITS: JsonLimits = { ...JSON_LIMITS, keptChars: 5_000_000, smallStringChars: 200 }

const LONGEST_NUMBER = 4096
const CHUNK_BYTES = 1 * MB

/** `kept` is the start of a string of `total` characters: ends it with a note of how much was left out. */
export function cutText(kept: string, total: number): string {
  const last = kept.charCodeAt(kept.length - 1)
  // Never end on half of a surrogate pair.
  const prefix = last >= 0xd800 && last <= 0xdbff ? kept.slice(0, -1) : kept
  return `${prefix}… (${total - prefix.length} more characters)`
}

/** Cuts every string of a parsed value longer than the cap, in place. */
function capStrings(value: unknown, cap: number): unknown {
  const cut = (text: string) => cutText(text.slice(0, cap), text.length)
  if (typeof value === 'string') return value.length > cap ? cut(value) : value
  const pending: unknown[] = [value]
  while (pending.length > 0) {
    const node = pending.pop()
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i]
        if (typeof item === 'string') {
          if (item.length > cap) node[i] = cut(item)
        } else if (typeof item === 'object' && item !== null) pending.push(item)
      }
    } else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>
      for (const key of Object.keys(record)) {
        const item = record[key]
        if (typeof item === 'string') {
          if (item.length > cap) record[key] = cut(item)
        } else if (typeof item === 'object' && item !== null) pending.push(item)
      }
    }
  }
  return value
}

const enum Mode {
  Value,
  Key,
  Colon,
  After,
  String,
  Escape,
  Unicode,
  Number,
  Literal,
  Done,
  Failed,
}

/**
 * Which parts of a document a reader needs: true for a value and all it holds; an object for a
 * value whose children are kept only where the object names them (an array's elements by "*", an
 * object's other keys by "*" too). Left out values are still checked but never built, so a
 * summary of a huge session holds its counts, not its contents.
 */
export type KeepSpec = true | { readonly [key: string]: KeepSpec }

interface Frame {
  isArray: boolean
  /** Null when the container is left out. */
  array: unknown[] | null
  object: Record<string, unknown> | null
  key: string
  /** Null when the container is left out. */
  spec: KeepSpec | null
}

// JSON.parse refuses raw control characters inside a string, so this stops at them too.
// eslint-disable-next-line no-control-regex
const STRING_SPECIAL = /["\\\u0000-\u001f]/g
const NOT_SPACE = /[^ \t\n\r]/g
const NUMBER_CHARS = /[^0-9eE.+-]/g
const LETTERS = /[^a-z]/g
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }
const LITERALS: Record<string, unknown> = { true: true, false: false, null: null }

/** Assigns like JSON.parse: "__proto__" becomes an own property, not the prototype. */
function setKey(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true })
  else object[key] = value
}

/** JSON.parse fed in pieces, keeping at most the limits' share of each string. */
export class CappedJsonParser {
  private mode = Mode.Value
  private first = true
  private readonly stack: Frame[] = []
  private root: unknown = undefined
  private offset = 0
  private values = 0
  private keptTotal = 0
  // The token being read.
  private parts: string[] = []
  private kept = 0
  private total = 0
  private cap = 0
  private isKey = false
  private token = ''
  // After a syntax error: whether the rest of the text still ends inside the document.
  private failure = ''
  private depth = 0
  private inString = false
  private escaped = false

  // Whether the number or literal being read is kept.
  private tokenKept = true

  constructor(
    private readonly limits: JsonLimits = JSON_LIMITS,
    private readonly keep: KeepSpec = true,
  ) {}

  /** What to keep of the value that starts now, or null to leave it out. */
  private specOfValue(): KeepSpec | null {
    const top = this.stack[this.stack.length - 1]
    if (!top) return this.keep
    const spec = top.spec
    if (spec === null || spec === true) return spec
    const child = top.isArray ? spec['*'] : Object.hasOwn(spec, top.key) ? spec[top.key] : spec['*']
    return child ?? null
  }

  write(chunk: string): void {
    let i = 0
    const n = chunk.length
    while (i < n) {
      switch (this.mode) {
        case Mode.Failed:
          this.scanRest(chunk, i)
          i = n
          break
        case Mode.String: {
          STRING_SPECIAL.lastIndex = i
          const match = STRING_SPECIAL.exec(chunk)
          const end = match ? match.index : n
          if (end > i) this.append(chunk, i, end)
          if (!match) {
            i = n
            break
          }
          const c = chunk.charCodeAt(end)
          if (c === 0x22) this.endString()
          else if (c === 0x5c) this.mode = Mode.Escape
          else {
            i = this.fail('a control character inside a string', chunk, end)
            break
          }
          i = end + 1
          break
        }
        case Mode.Escape: {
          const c = chunk[i] as string
          if (c === 'u') {
            this.token = ''
            this.mode = Mode.Unicode
          } else if (ESCAPES[c] !== undefined) {
            this.appendChar(ESCAPES[c] as string)
            this.mode = Mode.String
          } else {
            i = this.fail(`a bad escape "\\${c}"`, chunk, i)
            break
          }
          i++
          break
        }
        case Mode.Unicode: {
          const c = chunk[i] as string
          if (!/[0-9a-fA-F]/.test(c)) {
            i = this.fail('a bad \\u escape', chunk, i)
            break
          }
          this.token += c
          if (this.token.length === 4) {
            this.appendChar(String.fromCharCode(parseInt(this.token, 16)))
            this.mode = Mode.String
          }
          i++
          break
        }
        case Mode.Number:
        case Mode.Literal: {
          const pattern = this.mode === Mode.Number ? NUMBER_CHARS : LETTERS
          pattern.lastIndex = i
          const match = pattern.exec(chunk)
          const end = match ? match.index : n
          this.token += chunk.slice(i, end)
          i = end
          if (this.mode === Mode.Literal && this.token.length > 5) {
            i = this.fail(`an unexpected word "${this.token.slice(0, 40)}"`, chunk, i)
            break
          }
          if (this.token.length > LONGEST_NUMBER)
            throw new UnreadableSession(`too large to read: a number longer than ${LONGEST_NUMBER} characters`)
          if (match) i = this.endToken(chunk, i)
          break
        }
        default: {
          NOT_SPACE.lastIndex = i
          const match = NOT_SPACE.exec(chunk)
          if (!match) {
            i = n
            break
          }
          i = this.structural(chunk, match.index)
        }
      }
    }
    this.offset += n
  }

  /** The document, or UnreadableSession saying why there is none. */
  end(): unknown {
    if (this.mode === Mode.Number || this.mode === Mode.Literal) this.endToken('', 0)
    if (this.mode === Mode.Failed) {
      const inside = this.inString || this.depth > 0
      throw new UnreadableSession(inside ? TRUNCATED : `invalid JSON: ${this.failure}`)
    }
    if (this.mode === Mode.Done) return this.root
    if (this.mode === Mode.Value && this.stack.length === 0) throw new UnreadableSession('file holds only white space')
    throw new UnreadableSession(TRUNCATED)
  }

  private structural(chunk: string, i: number): number {
    const c = chunk.charCodeAt(i)
    const top = this.stack[this.stack.length - 1]
    switch (this.mode) {
      case Mode.Value:
        if (c === 0x7b || c === 0x5b) {
          const spec = this.specOfValue()
          if (spec !== null) this.countValue()
          const isArray = c === 0x5b
          const kept = spec !== null
          this.stack.push({ isArray, array: kept && isArray ? [] : null, object: kept && !isArray ? {} : null, key: '', spec })
          this.mode = isArray ? Mode.Value : Mode.Key
          this.first = true
        } else if (c === 0x5d && this.first && top?.isArray) this.close()
        else if (c === 0x22) this.startString(false)
        else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
          this.mode = Mode.Number
          this.token = ''
          this.tokenKept = this.specOfValue() !== null
          return i
        } else if (c === 0x74 || c === 0x66 || c === 0x6e) {
          this.mode = Mode.Literal
          this.token = ''
          this.tokenKept = this.specOfValue() !== null
          return i
        } else return this.fail(unexpected(chunk, i, this.offset), chunk, i)
        return i + 1
      case Mode.Key:
        if (c === 0x22) this.startString(true)
        else if (c === 0x7d && this.first) this.close()
        else return this.fail(unexpected(chunk, i, this.offset), chunk, i)
        return i + 1
      case Mode.Colon:
        if (c !== 0x3a) return this.fail(unexpected(chunk, i, this.offset), chunk, i)
        this.mode = Mode.Value
        this.first = false
        return i + 1
      case Mode.After:
        if (c === 0x2c) {
          this.mode = top?.isArray ? Mode.Value : Mode.Key
          this.first = false
        } else if ((c === 0x5d && top?.isArray) || (c === 0x7d && top && !top.isArray)) this.close()
        else return this.fail(unexpected(chunk, i, this.offset), chunk, i)
        return i + 1
      default:
        return this.fail(unexpected(chunk, i, this.offset), chunk, i)
    }
  }

  private countValue(): void {
    if (++this.values > this.limits.values) {
      throw new UnreadableSession(`too large to read: more than ${this.limits.values} JSON values (the limit for a session file)`)
    }
  }

  /** Puts a finished value in its place; a left-out one (`kept` false) only moves the parse on. */
  private emit(value: unknown, kept: boolean): void {
    const top = this.stack[this.stack.length - 1]
    if (!top) {
      this.root = value
      this.mode = Mode.Done
      return
    }
    if (kept) {
      if (top.array) top.array.push(value)
      else if (top.object) setKey(top.object, top.key, value)
    }
    this.mode = Mode.After
  }

  private close(): void {
    const frame = this.stack.pop() as Frame
    this.emit(frame.array ?? frame.object, frame.spec !== null)
  }

  private startString(isKey: boolean): void {
    this.isKey = isKey
    this.parts = []
    this.kept = 0
    this.total = 0
    const { limits } = this
    // A key is needed whole to look up what to keep below it, unless its whole object is left out.
    const needed = isKey ? this.stack[this.stack.length - 1]?.spec !== null : this.specOfValue() !== null
    this.tokenKept = needed
    if (!needed) this.cap = 0
    else this.cap = isKey || this.keptTotal < limits.keptChars ? limits.stringChars : limits.smallStringChars
    this.mode = Mode.String
  }

  private append(chunk: string, from: number, to: number): void {
    this.total += to - from
    if (this.kept >= this.cap) return
    const take = Math.min(to, from + this.cap - this.kept)
    this.parts.push(chunk.slice(from, take))
    this.kept += take - from
  }

  private appendChar(char: string): void {
    this.total++
    if (this.kept >= this.cap) return
    this.parts.push(char)
    this.kept++
  }

  private endString(): void {
    const joined = this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join('')
    const text = this.tokenKept ? ownCopy(this.total > this.kept ? cutText(joined, this.total) : joined) : ''
    this.parts = []
    if (this.isKey) {
      ;(this.stack[this.stack.length - 1] as Frame).key = text
      this.mode = Mode.Colon
      return
    }
    if (this.tokenKept) {
      this.countValue()
      this.keptTotal += this.kept
    }
    this.emit(text, this.tokenKept)
  }

  /** Ends a number or literal at `i`, the first character after it. */
  private endToken(chunk: string, i: number): number {
    const token = this.token
    this.token = ''
    if (this.mode === Mode.Number) {
      if (!NUMBER.test(token)) return this.fail(`a bad number "${token.slice(0, 40)}"`, chunk, i)
      if (this.tokenKept) this.countValue()
      this.emit(Number(token), this.tokenKept)
    } else {
      if (!Object.hasOwn(LITERALS, token)) return this.fail(`an unexpected word "${token.slice(0, 40)}"`, chunk, i)
      if (this.tokenKept) this.countValue()
      this.emit(LITERALS[token], this.tokenKept)
    }
    return i
  }

  /** Notes a syntax error at `i` and goes on scanning, as endsInsideDocument does, from there. */
  private fail(message: string, chunk: string, i: number): number {
    this.failure = message
    this.inString = this.mode === Mode.String || this.mode === Mode.Escape || this.mode === Mode.Unicode
    this.escaped = this.mode === Mode.Escape
    this.depth = this.stack.length
    this.mode = Mode.Failed
    this.parts = []
    this.stack.length = 0
    this.scanRest(chunk, i)
    return chunk.length
  }

  private scanRest(chunk: string, from: number): void {
    for (let i = from; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i)
      if (this.inString) {
        if (this.escaped) this.escaped = false
        else if (c === 0x5c) this.escaped = true
        else if (c === 0x22) this.inString = false
      } else if (c === 0x22) this.inString = true
      else if (c === 0x7b || c === 0x5b) this.depth++
      else if (c === 0x7d || c === 0x5d) this.depth--
    }
  }
}

const TRUNCATED = 'truncated JSON: the file ends in the middle of the document'

function unexpected(chunk: string, i: number, offset: number): string {
  return `unexpected ${JSON.stringify(chunk[i])} at character ${offset + i}`
}

async function parseStream(handle: FileHandle, limits: JsonLimits, keep: KeepSpec, what: string): Promise<unknown> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const parser = new CappedJsonParser(limits, keep)
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES)
  let bytes = 0
  const feed = (piece?: Buffer) => {
    let text: string
    try {
      text = piece ? decoder.decode(piece, { stream: true }) : decoder.decode()
    } catch {
      throw new UnreadableSession('not valid UTF-8 text')
    }
    parser.write(text)
  }
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null)
    if (bytesRead === 0) break
    bytes += bytesRead
    // The file grew past the limit while it was being read.
    if (bytes > limits.maxBytes) throw tooLarge(limits.maxBytes, what)
    feed(buffer.subarray(0, bytesRead))
  }
  feed()
  return parser.end()
}

/**
 * Reads a whole-file JSON session: JSON.parse for a small file, the capped streaming parser for
 * a large one, either way with each string cut to the limits' cap. `what` names the kind of file
 * for the reason a too-large one is refused with. `keep` says what the caller reads; the stream
 * leaves out the rest (JSON.parse, on a small file, builds it all anyway).
 */
export async function readSessionJson(
  path: string,
  what: string,
  options: { keep?: KeepSpec; limits?: JsonLimits } = {},
): Promise<unknown> {
  const { keep = true, limits = JSON_LIMITS } = options
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    if (size === 0) throw new UnreadableSession('empty file')
    if (size > limits.maxBytes) throw tooLarge(limits.maxBytes, what)
    if (size >= limits.streamFromBytes) return await parseStream(handle, limits, keep, what)
    const text = decodeSessionText(await handle.readFile())
    const value = parseJson(text)
    return text.length > limits.stringChars ? capStrings(value, limits.stringChars) : value
  } finally {
    await handle.close()
  }
}
