import { type FileHandle, open } from 'node:fs/promises'
import { UnreadableSession, decodeSessionText, parseJson, tooLarge } from '../unreadable'
import { JSON_LIMITS, type JsonLimits, capStrings } from './caps'
import { CappedJsonParser, type KeepSpec } from './document-parser'

// Whole-file session formats (Oxios, Astrid, Gemini CLI's legacy .json) are one JSON document, and
// one message in them may be hundreds of megabytes. Small files go through JSON.parse, which is
// fast; larger ones through the streaming parser (document-parser.ts), which reads the file in
// pieces and never holds more of a string than its cap. Both yield what JSON.parse yields, except
// that a string longer than its cap is cut to a prefix that ends with "… (N more characters)", so
// the adapters' code runs unchanged on either. A file past what even the streaming parser keeps in
// memory is refused with a reason naming the limit.

const CHUNK_BYTES = 1024 * 1024

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
