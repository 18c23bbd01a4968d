import { readFile } from 'node:fs/promises'

/** Thrown by an adapter when a file that looks like a session cannot be read; becomes a Problem. */
export class UnreadableSession extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'UnreadableSession'
  }
}

/**
 * Thrown by an adapter for a file that looks like a session by its name but holds no conversation
 * (an empty log, one of only summaries or snapshots, a warm-up sub-agent): neither listed nor a
 * problem.
 */
export class NotASession extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'NotASession'
  }
}

/** Collapses a message to one line so a Problem's reason never breaks a table or NDJSON consumer. */
export function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Reads a whole session file as UTF-8 text, refusing empty and non-UTF-8 content. */
export async function readSessionText(path: string): Promise<string> {
  const bytes = await readFile(path)
  if (bytes.length === 0) throw new UnreadableSession('empty file')
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    throw new UnreadableSession('not valid UTF-8 text')
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (text.trim() === '') throw new UnreadableSession('file holds only white space')
  return text
}

/**
 * Whether JSON text stops inside a string, object or array: the mark of a file cut off mid-write
 * (a crash, a full disk), which deserves a clearer reason than the parser's position message.
 */
export function endsInsideDocument(text: string): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) depth++
    else if (c === 0x7d || c === 0x5d) depth--
  }
  return inString || depth > 0
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw new UnreadableSession(
      endsInsideDocument(text)
        ? 'truncated JSON: the file ends in the middle of the document'
        : `invalid JSON: ${oneLine(message, 120)}`,
    )
  }
}

/** Turns any failure while reading a session into a one-line reason. */
export function describeFailure(error: unknown): string {
  if (error instanceof UnreadableSession) return error.message
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'ENOENT') return 'file disappeared while it was being read'
  if (code === 'EISDIR') return 'is a directory'
  if (code === 'ELOOP') return 'a symbolic link loop: the link never reaches a file'
  return oneLine(error instanceof Error ? error.message : String(error))
}
