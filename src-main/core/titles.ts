const TITLE_MAX_BYTES = 60
const encoder = new TextEncoder()

/** The first line of text that has anything on it, trimmed. */
export function firstNonEmptyLine(text: string): string | null {
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim()
    if (trimmed !== '') return trimmed
  }
  return null
}

/**
 * Shortens a title the way Oxios does: over 60 bytes of UTF-8, keep the first 59 bytes
 * (never splitting a character) and add an ellipsis.
 */
export function truncateTitle(title: string): string {
  if (encoder.encode(title).length <= TITLE_MAX_BYTES) return title
  let bytes = 0
  let out = ''
  for (const char of title) {
    const size = encoder.encode(char).length
    if (bytes + size > TITLE_MAX_BYTES - 1) break
    bytes += size
    out += char
  }
  return `${out}…`
}

const PLAIN_TITLE_MAX_CHARS = 160

/**
 * A title derived from a message: its first non-empty line, shortened Oxios' way for Oxios, and
 * otherwise only capped so that one enormous line cannot bloat a listing.
 */
export function titleFromText(text: string | null | undefined, style: 'oxios' | 'plain'): string | null {
  if (!text) return null
  const line = firstNonEmptyLine(text)
  if (line === null) return null
  if (style === 'oxios') return truncateTitle(line)
  const chars = [...line]
  return chars.length > PLAIN_TITLE_MAX_CHARS ? `${chars.slice(0, PLAIN_TITLE_MAX_CHARS - 1).join('')}…` : line
}

export const UNTITLED = 'Untitled session'
