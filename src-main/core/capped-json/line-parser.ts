// A streaming JSON parser for one huge JSONL line (a 60 MB pasted log, a base64 image), fed the
// line's bytes piece by piece. It checks the whole line is valid JSON, as JSON.parse would, but
// builds a bounded value: each string keeps only a prefix (then a marker saying how much was cut),
// and past a budget of values or kept bytes the rest is checked and dropped. A listing needs no
// more of such a line than a title prefix, counts and tokens, and those survive.

export interface CappedJsonLimits {
  /** Bytes kept of one string (or key); the rest is replaced by a marker. */
  maxStringBytes: number
  /** Bytes of string content kept over the whole line. */
  maxKeptBytes: number
  /** Values (of any kind) kept over the whole line. */
  maxValues: number
  /** Deeper nesting makes the line invalid: it would need a frame per level. */
  maxDepth: number
}

export const CAPPED_JSON_LIMITS: CappedJsonLimits = {
  maxStringBytes: 64 * 1024,
  maxKeptBytes: 4 * 1024 * 1024,
  maxValues: 200_000,
  maxDepth: 1024,
}

export type LineResult = { kind: 'value'; value: unknown } | { kind: 'bad'; nul: boolean } | { kind: 'blank' }

/** What replaces the cut part of a string. */
export function cutMarker(bytes: number): string {
  return `\n… (${bytes} more bytes not read)`
}

interface Frame {
  /** The container being filled, or null when it is being checked only. */
  container: unknown[] | Record<string, unknown> | null
  isArray: boolean
  /** The key the next value goes under; null when that key could not be kept whole (its value is dropped). */
  key: string | null
}

// Parser states.
const VALUE = 0 // a value is expected
const AFTER = 1 // a value ended: ',' or a closing bracket (or, at the top, only white space)
const KEY = 2 // an object key (or '}' right after '{')
const COLON = 3
const STRING = 4
const ESCAPE = 5
const UNICODE = 6
const NUMBER = 7
const LITERAL = 8
const FAILED = 9

const NUMBER_SYNTAX = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/
const MAX_TOKEN_CHARS = 512

const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0d || b === 0x0a

export class CappedJsonParser {
  private state = VALUE
  private readonly stack: Frame[] = []
  private root: unknown = undefined
  private done = false
  private sawNul = false
  private values = 0
  private keptBytes = 0
  /** Whether the parser has seen any byte that is not white space (or the BOM). */
  private started = false
  private position = 0
  // The string being read.
  private stringIsKey = false
  private keepString = false
  private readonly stringBuffer: Buffer
  private stringLength = 0
  private stringParts: string[] = []
  private stringRoom = 0
  private stringDropped = 0
  private unicode = 0
  private unicodeDigits = 0
  // The number or literal being read.
  private token = ''
  private tokenTooLong = false
  /** A value just opened a container: a closing bracket may follow at once. */
  private justOpened = false

  constructor(
    private readonly allowBom = false,
    private readonly limits: CappedJsonLimits = CAPPED_JSON_LIMITS,
  ) {
    this.stringBuffer = Buffer.alloc(limits.maxStringBytes)
  }

  push(bytes: Uint8Array): void {
    let i = 0
    const n = bytes.length
    if (this.allowBom && this.position === 0 && n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3
    this.position += n
    while (i < n && this.state !== FAILED) {
      const b = bytes[i] as number
      switch (this.state) {
        case STRING: {
          let j = i
          while (j < n) {
            const c = bytes[j] as number
            if (c === 0x22 || c === 0x5c || c < 0x20) break
            j++
          }
          if (j > i) this.keepRaw(bytes, i, j)
          if (j === n) return
          const c = bytes[j] as number
          if (c === 0x22) this.endString()
          else if (c === 0x5c) this.state = ESCAPE
          else this.fail(c)
          i = j + 1
          continue
        }
        case ESCAPE:
          this.escape(b)
          i++
          continue
        case UNICODE: {
          const digit = hexValue(b)
          if (digit < 0) {
            this.fail(b)
            continue
          }
          this.unicode = this.unicode * 16 + digit
          if (++this.unicodeDigits === 4) {
            this.keepChar(String.fromCharCode(this.unicode))
            this.state = STRING
          }
          i++
          continue
        }
        case NUMBER:
        case LITERAL:
          if ((this.state === NUMBER && isNumberByte(b)) || (this.state === LITERAL && b >= 0x61 && b <= 0x7a)) {
            if (this.token.length < MAX_TOKEN_CHARS) this.token += String.fromCharCode(b)
            else this.tokenTooLong = true
            i++
          } else this.endToken() // the byte ends the token and is read again
          continue
      }
      if (isSpace(b)) {
        i++
        continue
      }
      this.started = true
      this.structural(b)
      i++
    }
  }

  /** The line is over: its value, or why it is not one. */
  end(): LineResult {
    if (this.state === NUMBER || this.state === LITERAL) this.endToken()
    if (this.state === FAILED) return { kind: 'bad', nul: this.sawNul }
    if (!this.started) return { kind: 'blank' }
    if (!this.done || this.state !== AFTER) return { kind: 'bad', nul: false }
    return { kind: 'value', value: this.root }
  }

  private fail(b: number): void {
    if (b === 0) this.sawNul = true
    this.state = FAILED
  }

  private structural(b: number): void {
    const top = this.stack[this.stack.length - 1]
    switch (this.state) {
      case VALUE:
        if (b === 0x5d && this.justOpened && top?.isArray) {
          this.close(0x5d)
          return
        }
        this.justOpened = false
        this.startValue(b)
        return
      case KEY:
        if (b === 0x7d && this.justOpened) {
          this.close(0x7d)
          return
        }
        this.justOpened = false
        if (b !== 0x22) return this.fail(b)
        this.startString(true, top?.container !== null)
        return
      case COLON:
        if (b !== 0x3a) return this.fail(b)
        this.state = VALUE
        return
      case AFTER:
        if (!top) return this.fail(b)
        if (b === 0x2c) this.state = top.isArray ? VALUE : KEY
        else if (b === 0x5d || b === 0x7d) this.close(b)
        else this.fail(b)
        return
    }
  }

  /** Whether the value starting now is kept: its container is, it has a key to go under, and the budget holds. */
  private keeping(): boolean {
    const top = this.stack[this.stack.length - 1]
    if (top && (top.container === null || (!top.isArray && top.key === null))) return false
    return this.values < this.limits.maxValues
  }

  private startValue(b: number): void {
    if (this.done) return this.fail(b)
    if (b === 0x22) return this.startString(false, this.keeping())
    if (b === 0x7b || b === 0x5b) {
      if (this.stack.length >= this.limits.maxDepth) return this.fail(b)
      const isArray = b === 0x5b
      const container = this.keeping() ? (isArray ? [] : Object.create(null)) : null
      if (container !== null) this.emit(container)
      this.stack.push({ container, isArray, key: null })
      this.state = isArray ? VALUE : KEY
      this.justOpened = true
      return
    }
    if (b === 0x2d || (b >= 0x30 && b <= 0x39)) this.state = NUMBER
    else if (b >= 0x61 && b <= 0x7a) this.state = LITERAL
    else return this.fail(b)
    this.token = String.fromCharCode(b)
    this.tokenTooLong = false
  }

  private close(b: number): void {
    const top = this.stack.pop()
    if (!top || top.isArray !== (b === 0x5d)) return this.fail(b)
    // Objects are built without a prototype (so a "__proto__" key is plain data) and given
    // Object's prototype back once complete, as JSON.parse's are.
    if (top.container !== null && !top.isArray) Object.setPrototypeOf(top.container, Object.prototype)
    this.justOpened = false
    this.valueEnded()
  }

  private valueEnded(): void {
    this.state = AFTER
    if (this.stack.length === 0) this.done = true
  }

  /** Places a value in its container (or as the root); containers are placed when they open. */
  private emit(value: unknown): void {
    this.values++
    const top = this.stack[this.stack.length - 1]
    if (!top) this.root = value
    else if (top.container === null || (!top.isArray && top.key === null)) return
    else if (top.isArray) (top.container as unknown[]).push(value)
    else (top.container as Record<string, unknown>)[top.key as string] = value
  }

  private endToken(): void {
    const token = this.token
    let value: unknown
    if (this.state === NUMBER) {
      if (!this.tokenTooLong && !NUMBER_SYNTAX.test(token)) return this.fail(0x30)
      value = this.tokenTooLong ? null : Number(token)
    } else if (token === 'true') value = true
    else if (token === 'false') value = false
    else if (token === 'null') value = null
    else return this.fail(0x61)
    if (this.keeping()) this.emit(value)
    this.valueEnded()
  }

  private startString(isKey: boolean, keep: boolean): void {
    this.stringIsKey = isKey
    this.keepString = keep
    this.stringLength = 0
    this.stringParts = []
    this.stringDropped = 0
    this.stringRoom = keep ? Math.max(0, Math.min(this.limits.maxStringBytes, this.limits.maxKeptBytes - this.keptBytes)) : 0
    this.state = STRING
  }

  private keepRaw(bytes: Uint8Array, from: number, to: number): void {
    const length = to - from
    const kept = Math.min(length, this.stringRoom)
    if (kept > 0) {
      this.stringBuffer.set(bytes.subarray(from, from + kept), this.stringLength)
      this.stringLength += kept
      this.stringRoom -= kept
    }
    this.stringDropped += length - kept
  }

  private flushRaw(): void {
    if (this.stringLength === 0) return
    this.stringParts.push(this.stringBuffer.toString('utf8', 0, this.stringLength))
    this.stringLength = 0
  }

  private keepChar(char: string): void {
    // An escape is ASCII: raw bytes before it never end inside a character.
    const bytes = Buffer.byteLength(char)
    if (this.stringRoom < bytes) {
      this.stringDropped += bytes
      this.stringRoom = 0
      return
    }
    this.flushRaw()
    this.stringParts.push(char)
    this.stringRoom -= bytes
  }

  private escape(b: number): void {
    this.state = STRING
    switch (b) {
      case 0x22:
        return this.keepChar('"')
      case 0x5c:
        return this.keepChar('\\')
      case 0x2f:
        return this.keepChar('/')
      case 0x62:
        return this.keepChar('\b')
      case 0x66:
        return this.keepChar('\f')
      case 0x6e:
        return this.keepChar('\n')
      case 0x72:
        return this.keepChar('\r')
      case 0x74:
        return this.keepChar('\t')
      case 0x75:
        this.state = UNICODE
        this.unicode = 0
        this.unicodeDigits = 0
        return
      default:
        this.fail(b)
    }
  }

  private endString(): void {
    let text = ''
    if (this.keepString) {
      let cutInside = 0
      if (this.stringDropped > 0) {
        // The prefix may end inside a character: drop its first bytes.
        while (this.stringLength > 0 && ((this.stringBuffer[this.stringLength - 1] as number) & 0xc0) === 0x80) {
          this.stringLength--
          cutInside++
        }
        if (this.stringLength > 0 && (this.stringBuffer[this.stringLength - 1] as number) >= 0xc0) {
          this.stringLength--
          cutInside++
        }
      }
      this.flushRaw()
      text = this.stringParts.join('')
      this.keptBytes += Buffer.byteLength(text)
      if (this.stringDropped > 0 && !this.stringIsKey) text += cutMarker(this.stringDropped + cutInside)
    }
    this.stringParts = []
    if (this.stringIsKey) {
      const top = this.stack[this.stack.length - 1] as Frame
      top.key = this.keepString && this.stringDropped === 0 ? text : null
      this.state = COLON
      return
    }
    if (this.keepString) this.emit(text)
    this.valueEnded()
  }
}

function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30
  if (b >= 0x61 && b <= 0x66) return b - 0x57
  if (b >= 0x41 && b <= 0x46) return b - 0x37
  return -1
}

function isNumberByte(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || b === 0x2e || b === 0x2d || b === 0x2b || b === 0x65 || b === 0x45
}
