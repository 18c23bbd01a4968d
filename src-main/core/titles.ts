import { ownCopy } from './strings'

const TITLE_MAX_BYTES = 60

// Titles come from messages that may be megabytes long: everything here walks only as far into
// the text as the title needs, and never copies or encodes the whole of it.

/** The first line of text that has anything on it, trimmed. */
export function firstNonEmptyLine(text: string): string | null {
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start)
    const end = newline < 0 ? text.length : newline
    const trimmed = text.slice(start, end).trim()
    if (trimmed !== '') return trimmed
    start = end + 1
  }
  return null
}

/** Bytes of a code point in UTF-8; a lone surrogate counts as the replacement character TextEncoder writes. */
function utf8Size(codePoint: number): number {
  if (codePoint < 0x80) return 1
  if (codePoint < 0x800) return 2
  return codePoint < 0x10000 ? 3 : 4
}

/**
 * Shortens a title the way Oxios does: over 60 bytes of UTF-8, keep the first 59 bytes
 * (never splitting a character) and add an ellipsis.
 */
export function truncateTitle(title: string): string {
  let bytes = 0
  let cut = -1
  for (let i = 0; i < title.length;) {
    const codePoint = title.codePointAt(i) as number
    const size = utf8Size(codePoint)
    if (cut < 0 && bytes + size > TITLE_MAX_BYTES - 1) cut = i
    bytes += size
    if (bytes > TITLE_MAX_BYTES) return `${title.slice(0, cut)}…`
    i += codePoint > 0xffff ? 2 : 1
  }
  return title
}

const PLAIN_TITLE_MAX_CHARS = 160

/** The line cut to PLAIN_TITLE_MAX_CHARS characters (code points), the last of them an ellipsis. */
function capPlain(line: string): string {
  let count = 0
  let keep = 0
  for (let i = 0; i < line.length; count++) {
    if (count === PLAIN_TITLE_MAX_CHARS - 1) keep = i
    if (count === PLAIN_TITLE_MAX_CHARS) return `${line.slice(0, keep)}…`
    i += (line.codePointAt(i) as number) > 0xffff ? 2 : 1
  }
  return line
}

/**
 * A title derived from a message: its first non-empty line, `shortened` the way Oxios shortens its
 * titles, or `plain`: only capped so that one enormous line cannot bloat a listing.
 */
export function titleFromText(text: string | null | undefined, style: 'shortened' | 'plain'): string | null {
  if (!text) return null
  const line = firstNonEmptyLine(text)
  if (line === null) return null
  // A summary outlives the message its title was cut from.
  return ownCopy(style === 'shortened' ? truncateTitle(line) : capPlain(line))
}

export const UNTITLED = 'Untitled session'
