// Edits JSON documents as text, touching only the bytes of the member that changes. Re-serialising
// a parsed object would lose what agents care about: number formats (serde writes 1.0, JSON.stringify
// writes 1), integers beyond 2^53, key order, and unknown fields' exact spelling.

/** One member of a JSON object, by character offsets into the source text. */
export interface MemberSpan {
  key: string
  /** Offset of the key's opening quote. */
  keyStart: number
  valueStart: number
  /** Offset just past the value. */
  valueEnd: number
}

export interface ObjectSpan {
  /** Offset of "{". */
  start: number
  /** Offset just past "}". */
  end: number
  members: MemberSpan[]
}

class JsonScanError extends Error {}

function skipWhitespace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i)
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break
    i++
  }
  return i
}

function skipString(text: string, i: number): number {
  // i is at the opening quote.
  i++
  while (i < text.length) {
    const c = text.charCodeAt(i)
    if (c === 0x5c) i += 2
    else if (c === 0x22) return i + 1
    else i++
  }
  throw new JsonScanError('unterminated string')
}

/** Offset just past the value starting at i (i at its first character). */
function skipValue(text: string, i: number): number {
  const c = text[i]
  if (c === '"') return skipString(text, i)
  if (c === '{' || c === '[') {
    const close = c === '{' ? '}' : ']'
    i = skipWhitespace(text, i + 1)
    if (text[i] === close) return i + 1
    for (;;) {
      if (c === '{') {
        if (text[i] !== '"') throw new JsonScanError('expected a key')
        i = skipWhitespace(text, skipString(text, i))
        if (text[i] !== ':') throw new JsonScanError('expected ":"')
        i = skipWhitespace(text, i + 1)
      }
      i = skipWhitespace(text, skipValue(text, i))
      if (text[i] === ',') i = skipWhitespace(text, i + 1)
      else if (text[i] === close) return i + 1
      else throw new JsonScanError(`expected "," or "${close}"`)
    }
  }
  const literal = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64))
  if (!literal) throw new JsonScanError(`unexpected character at ${i}`)
  return i + literal[0].length
}

/** The members of the object starting at `start` (offset of its "{"). */
export function objectSpan(text: string, start: number): ObjectSpan {
  if (text[start] !== '{') throw new JsonScanError('not an object')
  const members: MemberSpan[] = []
  let i = skipWhitespace(text, start + 1)
  if (text[i] === '}') return { start, end: i + 1, members }
  for (;;) {
    if (text[i] !== '"') throw new JsonScanError('expected a key')
    const keyStart = i
    const keyEnd = skipString(text, i)
    const key = JSON.parse(text.slice(keyStart, keyEnd)) as string
    i = skipWhitespace(text, keyEnd)
    if (text[i] !== ':') throw new JsonScanError('expected ":"')
    const valueStart = skipWhitespace(text, i + 1)
    const valueEnd = skipValue(text, valueStart)
    members.push({ key, keyStart, valueStart, valueEnd })
    i = skipWhitespace(text, valueEnd)
    if (text[i] === ',') i = skipWhitespace(text, i + 1)
    else if (text[i] === '}') return { start, end: i + 1, members }
    else throw new JsonScanError('expected "," or "}"')
  }
}

/** The top-level object of a document. */
export function rootObject(text: string): ObjectSpan {
  return objectSpan(text, skipWhitespace(text, 0))
}

function lineIndentBefore(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  const prefix = text.slice(lineStart, offset)
  return /^[ \t]*$/.test(prefix) ? prefix : ''
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end)
}

/** Replaces an existing member's value with `raw`, a JSON text. */
export function replaceValue(text: string, member: MemberSpan, raw: string): string {
  return splice(text, member.valueStart, member.valueEnd, raw)
}

/** The member's value exactly as written in the source. */
export function rawValue(text: string, member: MemberSpan): string {
  return text.slice(member.valueStart, member.valueEnd)
}

/**
 * Adds `"key": raw` (raw being JSON text) to the object, before the member named in `before` (the first that
 * exists) or at the end, matching the indentation of its neighbours as serde's pretty printer
 * lays them out.
 */
export function insertMember(text: string, object: ObjectSpan, key: string, raw: string, before: readonly string[] = []): string {
  const entry = `${JSON.stringify(key)}: ${raw}`
  const anchor = object.members.find((member) => before.includes(member.key))
  if (anchor) {
    const indent = lineIndentBefore(text, anchor.keyStart)
    const ownLine = indent !== '' || text[anchor.keyStart - 1] === '\n'
    return splice(text, anchor.keyStart, anchor.keyStart, ownLine ? `${entry},\n${indent}` : `${entry},`)
  }
  const last = object.members[object.members.length - 1]
  if (last) {
    const indent = lineIndentBefore(text, last.keyStart)
    const pretty = text.slice(last.valueEnd, object.end).includes('\n')
    return splice(text, last.valueEnd, last.valueEnd, pretty ? `,\n${indent}${entry}` : `,${entry}`)
  }
  // An empty object: lay it out as serde would for one member, indented one step past its line.
  const lineStart = text.lastIndexOf('\n', object.start - 1) + 1
  const outer = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? ''
  return splice(text, object.start, object.end, `{\n${outer}  ${entry}\n${outer}}`)
}

/** Removes a member with its separator; an object left empty becomes "{}" as serde writes it. */
export function removeMember(text: string, object: ObjectSpan, key: string): string {
  const index = object.members.findIndex((member) => member.key === key)
  if (index < 0) return text
  const member = object.members[index] as MemberSpan
  if (object.members.length === 1) return splice(text, object.start, object.end, '{}')
  const next = object.members[index + 1]
  if (next) {
    // From this member's line start (or its key) to the next member's line start (or its key).
    const lineStart = text.lastIndexOf('\n', member.keyStart - 1) + 1
    const from = lineIndentBefore(text, member.keyStart) !== '' || lineStart === member.keyStart ? lineStart : member.keyStart
    const nextLineStart = text.lastIndexOf('\n', next.keyStart - 1) + 1
    const to = from === lineStart && nextLineStart > member.valueEnd ? nextLineStart : next.keyStart
    return splice(text, from, to, '')
  }
  // The last member: drop the comma after the previous member through this member's value.
  const previous = object.members[index - 1] as MemberSpan
  return splice(text, previous.valueEnd, member.valueEnd, '')
}

export function findMember(object: ObjectSpan, key: string): MemberSpan | undefined {
  return object.members.find((member) => member.key === key)
}

/**
 * Sets the member at `path` (top-level key, or key inside a top-level object) to `raw` JSON text,
 * removing it when raw is null and inserting it before the first of `before` when absent.
 */
export function setMemberRaw(
  text: string,
  path: readonly [string] | readonly [string, string],
  raw: string | null,
  before: readonly string[] = [],
): string {
  let object = rootObject(text)
  if (path.length === 2) {
    const parent = findMember(object, path[0])
    if (!parent || text[parent.valueStart] !== '{') {
      if (raw === null) return text
      return setMemberRaw(text, [path[0]], `{${JSON.stringify(path[1])}: ${raw}}`, before)
    }
    object = objectSpan(text, parent.valueStart)
  }
  const key = path[path.length - 1] as string
  const member = findMember(object, key)
  if (raw === null) return member ? removeMember(text, object, key) : text
  return member ? replaceValue(text, member, raw) : insertMember(text, object, key, raw, before)
}

/** The raw JSON text of the member at `path`, or null when absent. */
export function getMemberRaw(text: string, path: readonly [string] | readonly [string, string]): string | null {
  let object = rootObject(text)
  if (path.length === 2) {
    const parent = findMember(object, path[0])
    if (!parent || text[parent.valueStart] !== '{') return null
    object = objectSpan(text, parent.valueStart)
  }
  const member = findMember(object, path[path.length - 1] as string)
  return member ? rawValue(text, member) : null
}

/** The key that follows `key` in the object at `path`, for putting a removed member back in place. */
export function keyAfter(text: string, path: readonly [string] | readonly [string, string]): string | null {
  let object = rootObject(text)
  if (path.length === 2) {
    const parent = findMember(object, path[0])
    if (!parent || text[parent.valueStart] !== '{') return null
    object = objectSpan(text, parent.valueStart)
  }
  const index = object.members.findIndex((member) => member.key === path[path.length - 1])
  return index >= 0 ? (object.members[index + 1]?.key ?? null) : null
}
