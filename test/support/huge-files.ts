import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'

/** Stands for the huge value in a document given to writeWithHugeValue; it must appear in it exactly once. */
export const HUGE = '@@HUGE-VALUE@@'

/**
 * Writes `text` with the one occurrence of HUGE replaced by `bytes` bytes of `fill` (ASCII),
 * streamed in 1 MiB pieces so a test can write files far larger than it could hold as a string.
 */
export async function writeWithHugeValue(path: string, text: string, bytes: number, fill = 'x'): Promise<string> {
  const at = text.indexOf(HUGE)
  if (at < 0 || text.indexOf(HUGE, at + 1) >= 0) throw new Error('the document must hold the HUGE placeholder exactly once')
  await mkdir(dirname(path), { recursive: true })
  const out = createWriteStream(path)
  const write = (chunk: string) => (out.write(chunk) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())))
  await write(text.slice(0, at))
  const piece = fill.repeat(Math.ceil((1024 * 1024) / fill.length)).slice(0, 1024 * 1024)
  for (let left = bytes; left > 0; left -= piece.length) await write(left >= piece.length ? piece : piece.slice(0, left))
  await write(text.slice(at + HUGE.length))
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))
  return path
}
