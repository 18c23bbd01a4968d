import { ownCopy } from '../strings'
import { UnreadableSession } from '../unreadable'
import { JSON_LIMITS, type JsonLimits, cutText } from './caps'

// A whole-file session read as a stream (see read-session-json.ts): JSON.parse's grammar, fed in
// pieces, keeping at most the limits' share of each string.
//
// Not stream-json: its token stream allocates an event object per token and assembles values in
// a separate pass; this parser scans strings with one regular expression per piece, builds the
// value as it goes, and reproduces JSON.parse's grammar and its "truncated"/"invalid" distinction.

const LONGEST_NUMBER = 4096

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
        case Mode.String:
          i = this.readString(chunk, i)
          break
        case Mode.Escape:
          i = this.readEscape(chunk, i)
          break
        case Mode.Unicode:
          i = this.readUnicodeDigit(chunk, i)
          break
        case Mode.Number:
        case Mode.Literal:
          i = this.readToken(chunk, i)
          break
        default: {
          NOT_SPACE.lastIndex = i
          const match = NOT_SPACE.exec(chunk)
          i = match ? this.structural(chunk, match.index) : n
        }
      }
    }
    this.offset += n
  }

  // Each reader below takes the chunk from `i` in its mode and gives back where the next one starts.

  private readString(chunk: string, i: number): number {
    STRING_SPECIAL.lastIndex = i
    const match = STRING_SPECIAL.exec(chunk)
    const end = match ? match.index : chunk.length
    if (end > i) this.append(chunk, i, end)
    if (!match) return chunk.length
    const c = chunk.charCodeAt(end)
    if (c === 0x22) this.endString()
    else if (c === 0x5c) this.mode = Mode.Escape
    else return this.fail('a control character inside a string', chunk, end)
    return end + 1
  }

  private readEscape(chunk: string, i: number): number {
    const c = chunk[i] as string
    if (c === 'u') {
      this.token = ''
      this.mode = Mode.Unicode
    } else if (ESCAPES[c] !== undefined) {
      this.appendChar(ESCAPES[c] as string)
      this.mode = Mode.String
    } else return this.fail(`a bad escape "\\${c}"`, chunk, i)
    return i + 1
  }

  private readUnicodeDigit(chunk: string, i: number): number {
    const c = chunk[i] as string
    if (!/[0-9a-fA-F]/.test(c)) return this.fail('a bad \\u escape', chunk, i)
    this.token += c
    if (this.token.length === 4) {
      this.appendChar(String.fromCharCode(parseInt(this.token, 16)))
      this.mode = Mode.String
    }
    return i + 1
  }

  /** A number or literal (true, false, null), which may go on in the next chunk. */
  private readToken(chunk: string, i: number): number {
    const pattern = this.mode === Mode.Number ? NUMBER_CHARS : LETTERS
    pattern.lastIndex = i
    const match = pattern.exec(chunk)
    const end = match ? match.index : chunk.length
    this.token += chunk.slice(i, end)
    if (this.mode === Mode.Literal && this.token.length > 5) return this.fail(`an unexpected word "${this.token.slice(0, 40)}"`, chunk, end)
    if (this.token.length > LONGEST_NUMBER)
      throw new UnreadableSession(`too large to read: a number longer than ${LONGEST_NUMBER} characters`)
    return match ? this.endToken(chunk, end) : end
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
