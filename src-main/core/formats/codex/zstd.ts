import { open } from 'node:fs/promises'
import { Decompress } from 'fzstd'
import type { JsonlStats, LineFolder } from '../../jsonl'
import { JsonlLineFolder } from '../../jsonl-stream'
import { UnreadableSession, oneLine } from '../../unreadable'

// Codex can store finished rollouts zstd-compressed (rollout-….jsonl.zst). Node 20 has no zstd in
// zlib, so fzstd (pure JS, streaming) decodes them: compressed chunks go in, decoded blocks of at
// most 128 KiB come out and are folded line by line at once. Memory stays bounded by the frame's
// window (8 MiB at Codex's settings), which is checked before decoding starts. Time is bounded
// too: decoding stops at a cap on the decoded bytes and on their ratio to the file's size.

const READ_BYTES = 256 * 1024
/** Frames asking for a larger window (or a larger single-segment content) are refused. */
export const MAX_ZSTD_WINDOW_BYTES = 256 * 1024 * 1024

/**
 * Decoded bytes past which a rollout is refused: a bound on the time one file can take (memory is
 * bounded anyway). Real compressed rollouts decode to megabytes, rarely hundreds of them.
 */
export const MAX_ZSTD_OUTPUT_BYTES = 2 * 1024 ** 3
/**
 * Expansion past which a file is refused as a bomb. Agent logs compress 5 to 20 times with zstd,
 * very repetitive ones perhaps 100 times; an RLE bomb expands 30,000 times.
 */
export const MAX_ZSTD_RATIO = 250
/** Below this much output the ratio is not checked: a tiny file of one repeated line is no threat. */
const RATIO_FLOOR_BYTES = 16 * 1024 * 1024

export interface ZstdLimits {
  maxOutputBytes?: number
}

const ZSTD_MAGIC = 0xfd2fb528

/**
 * The memory the first frame of a zstd stream asks for: its window size, or its content size
 * for a single-segment frame; null when the bytes are too short to tell. Throws when the bytes
 * do not start a zstd frame.
 */
export function zstdWindowBytes(head: Buffer): number | null {
  if (head.length < 4) return null
  const magic = head.readUInt32LE(0)
  // Skippable frames (0x184D2A50-5F) come first in some streams: let the decoder deal with them.
  if ((magic & 0xfffffff0) === 0x184d2a50) return 0
  if (magic !== ZSTD_MAGIC) throw new UnreadableSession('not zstd-compressed data (bad magic number)')
  if (head.length < 6) return null
  const descriptor = head[4] as number
  const singleSegment = (descriptor >> 5) & 1
  if (!singleSegment) {
    const windowDescriptor = head[5] as number
    const windowLog = 10 + (windowDescriptor >> 3)
    const base = 2 ** windowLog
    return base + (base / 8) * (windowDescriptor & 7)
  }
  const dictIdFlag = descriptor & 3
  const dictBytes = dictIdFlag === 3 ? 4 : dictIdFlag
  const fcsFlag = descriptor >> 6
  const fcsBytes = fcsFlag === 0 ? 1 : 1 << fcsFlag
  const at = 5 + dictBytes
  if (head.length < at + fcsBytes) return null
  if (fcsBytes === 1) return head[at] as number
  if (fcsBytes === 2) return head.readUInt16LE(at) + 256
  if (fcsBytes === 4) return head.readUInt32LE(at)
  return Number(head.readBigUInt64LE(at))
}

/**
 * Decodes a .jsonl.zst file as a stream and folds its lines (see JsonlLineFolder). A stream
 * that breaks off or turns corrupt after some lines keeps those lines and counts a cut-off tail;
 * one that yields nothing readable is an UnreadableSession.
 */
export async function foldZstdJsonl<S>(
  path: string,
  init: () => S,
  fold: LineFolder<S>,
  limits: ZstdLimits = {},
): Promise<{ state: S; stats: JsonlStats }> {
  const maxOutput = limits.maxOutputBytes ?? MAX_ZSTD_OUTPUT_BYTES
  const handle = await open(path, 'r')
  try {
    const size = (await handle.stat()).size
    if (size === 0) throw new UnreadableSession('empty file')
    const folder = new JsonlLineFolder(init(), fold)
    let produced = 0
    // Checked block by block, before the block is folded: the decoder calls back once per block
    // (at most 128 KiB), so a bomb is stopped within one block of crossing a limit.
    const decoder = new Decompress((data) => {
      produced += data.length
      if (produced > maxOutput) {
        throw new UnreadableSession(`zstd data refused: decodes to more than ${maxOutput} bytes, the most read from one compressed rollout`)
      }
      if (produced > RATIO_FLOOR_BYTES && produced > size * MAX_ZSTD_RATIO) {
        throw new UnreadableSession(`zstd bomb refused: decodes to more than ${MAX_ZSTD_RATIO} times its ${size} bytes`)
      }
      if (data.length > 0) folder.push(data)
    })
    let position = 0
    let checked = false
    try {
      while (position < size) {
        // A fresh buffer each time: the decoder may keep views of the previous chunk.
        const chunk = Buffer.alloc(Math.min(READ_BYTES, size - position))
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, position)
        if (bytesRead === 0) break
        position += bytesRead
        const bytes = chunk.subarray(0, bytesRead)
        if (!checked) {
          const window = zstdWindowBytes(bytes)
          if (window !== null && window > MAX_ZSTD_WINDOW_BYTES) {
            throw new UnreadableSession(`zstd frame needs ${Math.round(window / 1048576)} MiB of memory to decode, more than allowed`)
          }
          checked = true
        }
        decoder.push(bytes, position >= size)
      }
      if (position < size) decoder.push(new Uint8Array(0), true)
    } catch (error) {
      if (error instanceof UnreadableSession) throw error
      if (produced === 0 && folder.stats.lines === 0) {
        const message = error instanceof Error ? error.message : String(error)
        throw new UnreadableSession(`invalid zstd data: ${oneLine(message, 120)}`)
      }
      // Truncated or damaged after some lines: keep them, count what was cut off.
      return { state: folder.state, stats: folder.end({ cutOff: true }) }
    }
    return { state: folder.state, stats: folder.end() }
  } finally {
    await handle.close()
  }
}
