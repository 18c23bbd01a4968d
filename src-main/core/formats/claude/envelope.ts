import type { LineResult } from '../../jsonl'
import { type Json, isRecord } from '../../shape'

// The summary fold's cheap read of a long Claude Code line: most of a log's bytes are tool output
// (a file read, a command's output, `toolUseResult` repeating it), which the summary never looks
// at, and what a long line costs is mostly decoding those bytes from UTF-8, not parsing them.
// So a long line is parsed from its bytes read as Latin-1 (one byte one character: a copy, no
// decoding), which accepts and rejects exactly the lines UTF-8 would (JSON's structure, escapes
// and white space are all ASCII, every byte of 0x80 and above lands inside a string either way,
// and neither reading makes a character below 0x20 from such a byte), and only the fields the fold
// reads are kept. Those are then right only while they are ASCII; when one is not (a prompt with
// an accent), the line is read again the ordinary way. The result is an envelope the fold cannot
// tell from the whole line (test/main/core/claude-envelope.test.ts holds the two equal).

/** Lines at least this long take the envelope read; shorter ones cost too little to be worth it. */
export const ENVELOPE_MIN_BYTES = 2048

const OPEN_BRACE = 0x7b

/** Top-level fields the summary fold reads (fold.ts, lines.ts). */
const LINE_KEYS = [
  'type',
  'timestamp',
  'customTitle',
  'aiTitle',
  'lastPrompt',
  'uuid',
  'parentUuid',
  'slug',
  'sessionId',
  'agentId',
  'isSidechain',
  'cwd',
  'gitBranch',
  'requestId',
  'isMeta',
  'isCompactSummary',
  'isVisibleInTranscriptOnly',
] as const

const NOT_ASCII = /[\u0080-\uffff]/

/** Set when a kept string is not ASCII: its Latin-1 reading is not its text. */
class NotAscii extends Error {}

/** A value the fold reads as text (or compares, or hashes): kept only as ASCII. */
function exact(value: unknown): unknown {
  if (typeof value === 'string') {
    if (NOT_ASCII.test(value)) throw new NotAscii()
    return value
  }
  // Anything else is only compared with ASCII words (or ignored), except an array or object
  // turned to text by String(): kept only when its JSON is ASCII, to be safe.
  if (typeof value === 'object' && value !== null && NOT_ASCII.test(JSON.stringify(value))) throw new NotAscii()
  return value
}

/** Copies the keys present in `from` (a key's absence is kept too). */
function pick(from: Json, keys: readonly string[], into: Json = {}): Json {
  for (const key of keys) if (key in from) into[key] = exact(from[key])
  return into
}

function envelopeBlock(block: Json): Json {
  const kept = pick(block, ['type', 'text', 'is_error', 'name'])
  // A block's `type` decides what it is; a Task call's input gives its prompt and description.
  if (isRecord(block.input)) kept.input = pick(block.input, ['prompt', 'description'])
  return kept
}

function envelopeMessage(message: Json): Json {
  const kept = pick(message, ['model', 'id'])
  // Token counts are read as numbers only: any text in there is never shown.
  if ('usage' in message) kept.usage = message.usage
  const content = message.content
  if (typeof content === 'string') kept.content = exact(content)
  else if (Array.isArray(content)) kept.content = content.filter(isRecord).map(envelopeBlock)
  return kept
}

function envelopeOf(line: Json): Json {
  const kept = pick(line, LINE_KEYS)
  // Anything but an object (or, below, an array of blocks) is read as no message (no content) at all.
  if (isRecord(line.message)) kept.message = envelopeMessage(line.message)
  return kept
}

/**
 * A long line's envelope, or null when the line is to be read the ordinary way: short, not an
 * object (blank lines and byte order marks stay the ordinary reader's), or a kept field not ASCII.
 */
export function readEnvelope(bytes: Buffer, minBytes = ENVELOPE_MIN_BYTES): LineResult | null {
  if (bytes.length < minBytes) return null
  let start = 0
  while (start < bytes.length && (bytes[start] === 0x20 || bytes[start] === 0x09 || bytes[start] === 0x0d)) start++
  if (bytes[start] !== OPEN_BRACE) return null
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('latin1'))
  } catch {
    return { kind: 'bad', nul: bytes.includes(0) }
  }
  if (!isRecord(value)) return null
  try {
    return { kind: 'value', value: envelopeOf(value) }
  } catch (error) {
    if (error instanceof NotAscii) return null
    throw error
  }
}
