import { createHash } from 'node:crypto'
import { appendFile, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cutMarker } from '../../../src-main/core/capped-json/line-parser'
import { FoldCache, MAX_LINE_BYTES, foldJsonl, unreadableLogReason } from '../../../src-main/core/jsonl'
import { foldJsonlChunks } from '../../../src-main/core/jsonl-stream'
import { makeTempDir, removeDir } from '../../support/fixtures'

let dir: string
beforeEach(async () => {
  dir = await makeTempDir('jsonl')
})
afterEach(() => removeDir(dir))

interface Seen {
  values: number[]
}
const init = (): Seen => ({ values: [] })
const fold = (state: Seen, value: unknown) => {
  state.values.push((value as { n: number }).n)
}
const line = (n: number) => `${JSON.stringify({ n, pad: 'x'.repeat(n % 7) })}\n`

describe('foldJsonl', () => {
  it('folds every complete line, skipping and counting bad ones, blank lines ignored', async () => {
    const path = join(dir, 'a.jsonl')
    await writeFile(path, `${line(1)}not json\n\n${line(2)}{"n": 3\n${line(4)}`)
    const result = await foldJsonl(path, init, fold)
    expect(result.state.values).toEqual([1, 2, 4])
    expect(result.stats).toMatchObject({ lines: 3, badLines: 2, unfinishedTail: false })
  })

  it('counts a cut-off last line, and reads it once the append completes', async () => {
    const path = join(dir, 'b.jsonl')
    const cache = new FoldCache<Seen>()
    await writeFile(path, `${line(1)}${line(2)}{"n": 3, "pad"`)
    const first = await foldJsonl(path, init, fold, { cache })
    expect(first.state.values).toEqual([1, 2])
    expect(first.stats).toMatchObject({ lines: 2, badLines: 1, unfinishedTail: true })
    await appendFile(path, `: "x"}\n${line(4)}`)
    const second = await foldJsonl(path, init, fold, { cache })
    expect(second.resumed).toBe(true)
    expect(second.state.values).toEqual([1, 2, 3, 4])
    expect(second.stats).toMatchObject({ lines: 4, badLines: 0, unfinishedTail: false })
  })

  it('reads only the appended part of a file that grew, and starts over when it was rewritten', async () => {
    const path = join(dir, 'c.jsonl')
    const cache = new FoldCache<Seen>()
    let folded = 0
    const counting = (state: Seen, value: unknown) => {
      folded++
      fold(state, value)
    }
    await writeFile(path, Array.from({ length: 200 }, (_, i) => line(i)).join(''))
    await foldJsonl(path, init, counting, { cache })
    expect(folded).toBe(200)
    await appendFile(path, line(200) + line(201))
    const grown = await foldJsonl(path, init, counting, { cache })
    expect(folded).toBe(202)
    expect(grown.state.values.length).toBe(202)
    // Unchanged: nothing is read at all.
    await foldJsonl(path, init, counting, { cache })
    expect(folded).toBe(202)
    // Rewritten (a different start, even if longer): read from the beginning.
    await writeFile(path, Array.from({ length: 300 }, (_, i) => line(1000 + i)).join(''))
    const rewritten = await foldJsonl(path, init, counting, { cache })
    expect(rewritten.resumed).toBe(false)
    expect(rewritten.state.values[0]).toBe(1000)
    expect(rewritten.state.values).toHaveLength(300)
    // Shrunk: also read again.
    await writeFile(path, line(7))
    expect((await foldJsonl(path, init, fold, { cache })).state.values).toEqual([7])
  })

  it('resumes a small file that grows past the head window', async () => {
    const path = join(dir, 'd.jsonl')
    const cache = new FoldCache<Seen>()
    await writeFile(path, line(1))
    await foldJsonl(path, init, fold, { cache })
    await appendFile(path, Array.from({ length: 500 }, (_, i) => line(i + 2)).join(''))
    const result = await foldJsonl(path, init, fold, { cache })
    expect(result.resumed).toBe(true)
    expect(result.state.values).toHaveLength(501)
  })

  it('keeps the hashes of the bytes it holds, whether they are in its last chunk or not', async () => {
    const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex')
    // One chunk; several chunks with the last line's end in the last one; a cut-off tail after the
    // last newline; a last line that began chunks earlier.
    const long = `${JSON.stringify({ n: 0, pad: 'y'.repeat(3 * 1024 * 1024) })}\n`
    const cases = [
      Array.from({ length: 50 }, (_, i) => line(i)).join(''),
      Array.from({ length: 60_000 }, (_, i) => line(i)).join(''),
      `${Array.from({ length: 60_000 }, (_, i) => line(i)).join('')}{"n": 1, "cut`,
      `${line(1)}${long}`,
      `${long}{"n":`,
    ]
    for (const [i, text] of cases.entries()) {
      const path = join(dir, `hash-${i}.jsonl`)
      await writeFile(path, text)
      const cache = new FoldCache<Seen>()
      await foldJsonl(path, init, fold, { cache })
      const entry = cache.get(path)
      const bytes = await readFile(path)
      expect(entry?.head).toBe(sha1(bytes.subarray(0, entry?.headLength)))
      expect(entry?.headLength).toBe(Math.min(4096, entry?.offset ?? 0))
      const offset = entry?.offset ?? 0
      expect(entry?.end).toBe(sha1(bytes.subarray(Math.max(0, offset - 4096), offset)))
      expect(offset).toBe(text.lastIndexOf('\n') + 1)
    }
  })

  it('skips a line too long to hold as one string, without building it', async () => {
    const path = join(dir, 'e.jsonl')
    const huge = Buffer.alloc(MAX_LINE_BYTES + 10, 'a')
    await writeFile(path, line(1))
    await appendFile(path, huge)
    await appendFile(path, `\n${line(2)}`)
    const result = await foldJsonl(path, init, fold)
    expect(result.state.values).toEqual([1, 2])
    expect(result.stats.badLines).toBe(1)
  })
})

describe('foldJsonl on hostile lines', () => {
  it('folds a line too long to build whole, keeping only the start of its long strings', async () => {
    const path = join(dir, 'huge.jsonl')
    const text = `start ${'y'.repeat(MAX_LINE_BYTES)}`
    await writeFile(path, `${line(1)}${JSON.stringify({ n: 2, text, usage: { tokens: 7 } })}\n${line(3)}`)
    const seen: unknown[] = []
    const result = await foldJsonl(
      path,
      () => null,
      (_state, value) => seen.push(value),
    )
    expect(result.stats).toMatchObject({ lines: 3, badLines: 0 })
    const huge = seen[1] as { n: number; text: string; usage: unknown }
    expect(huge.n).toBe(2)
    expect(huge.usage).toEqual({ tokens: 7 })
    expect(huge.text.length).toBeLessThan(100_000)
    expect(huge.text.startsWith('start yyy')).toBe(true)
    expect(huge.text.endsWith(cutMarker(Buffer.byteLength(text) - 64 * 1024))).toBe(true)
    expect((seen[2] as { n: number }).n).toBe(3)
  })

  it('reads the first line of a log that starts with a UTF-8 byte order mark', async () => {
    const path = join(dir, 'bom.jsonl')
    await writeFile(path, `\uFEFF${line(1)}${line(2)}`)
    const result = await foldJsonl(path, init, fold)
    expect(result.state.values).toEqual([1, 2])
    expect(result.stats.badLines).toBe(0)
    const chunks = (async function* () {
      yield Buffer.from(`\uFEFF${line(1)}`)
    })()
    expect((await foldJsonlChunks(chunks, init, fold)).state.values).toEqual([1])
  })

  it('tells a log of white space or NUL bytes from an empty one', async () => {
    const cases: Array<[string, string | Buffer, string | null]> = [
      ['empty', '', null],
      ['spaces', '  \n\t\n \n', 'file holds only white space'],
      ['cr', '\r\r\r\r', 'file holds only white space'],
      ['nul', Buffer.alloc(4096), 'not text: NUL bytes where JSON lines should be'],
      ['nul-lines', Buffer.from('\0\0\0\n\0\0\n'), 'not text: NUL bytes where JSON lines should be'],
      ['cut', '{"n": 1, "pad"', null],
      ['fine', line(1), null],
    ]
    for (const [name, content, reason] of cases) {
      const path = join(dir, `${name}.jsonl`)
      await writeFile(path, content)
      const { stats } = await foldJsonl(path, init, fold)
      expect([name, unreadableLogReason(stats, content.length)]).toEqual([name, reason])
    }
  })
})

describe('foldJsonl rewrites', () => {
  it('reads again a file edited in the middle, even when its start and size grew like an append', async () => {
    const path = join(dir, 'mid.jsonl')
    const cache = new FoldCache<Seen>()
    const lines = Array.from({ length: 400 }, (_, i) => line(i))
    await writeFile(path, lines.join(''))
    await foldJsonl(path, init, fold, { cache })
    lines.splice(300, 0, line(9999))
    await writeFile(path, lines.join('') + line(400))
    const result = await foldJsonl(path, init, fold, { cache })
    expect(result.resumed).toBe(false)
    expect(result.state.values).toHaveLength(402)
    expect(result.state.values[300]).toBe(9999)
  })
})
