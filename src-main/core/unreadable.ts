import { open } from 'node:fs/promises'

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

/** A whole session file's bytes as UTF-8 text, refusing empty and non-UTF-8 content. */
export function decodeSessionText(bytes: Uint8Array): string {
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
 * Reads a whole session file as UTF-8 text, refusing empty and non-UTF-8 content, and a file
 * larger than `limit.maxBytes` with a reason naming the limit and `limit.what`, the kind of file.
 */
export async function readSessionText(path: string, limit: { maxBytes: number; what: string }): Promise<string> {
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    if (size > limit.maxBytes) throw tooLarge(limit.maxBytes, limit.what)
    // Read to the end rather than to the size stat gave, in case the file grew, but never past the limit.
    const pieces: Buffer[] = []
    let total = 0
    for (let piece = Buffer.allocUnsafe(size + 1); ; piece = Buffer.allocUnsafe(64 * 1024)) {
      const { bytesRead } = await handle.read(piece, 0, piece.length, null)
      if (bytesRead === 0) break
      pieces.push(piece.subarray(0, bytesRead))
      total += bytesRead
      if (total > limit.maxBytes) throw tooLarge(limit.maxBytes, limit.what)
    }
    return decodeSessionText(pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces))
  } finally {
    await handle.close()
  }
}

const MB = 1024 * 1024

/** A byte limit as a reason names it: "16 MB", "1 GB". */
export function formatLimit(bytes: number): string {
  return bytes >= 1024 * MB && bytes % (1024 * MB) === 0 ? `${bytes / (1024 * MB)} GB` : `${Math.round(bytes / MB)} MB`
}

/** The reason for a file over a format's size limit; `what` names the kind of file ("an ao-rs session file"). */
export function tooLarge(maxBytes: number, what: string): UnreadableSession {
  return new UnreadableSession(`larger than the ${formatLimit(maxBytes)} limit for ${what}`)
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
      if (c === 0x5c)
        i++ // backslash: skip the escaped character
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
      endsInsideDocument(text) ? 'truncated JSON: the file ends in the middle of the document' : `invalid JSON: ${oneLine(message, 120)}`,
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
