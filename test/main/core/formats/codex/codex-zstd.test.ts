import { spawnSync } from 'node:child_process'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listStores, loadSession } from '../../../../../src-main/core/listing'
import type { SessionSummary, Store } from '../../../../../src-shared/model'
import { JsonlLineFolder, foldJsonlChunks } from '../../../../../src-main/core/jsonl-stream'
import {
  Rollout,
  type ZstdBlock,
  compressedFixtureRollout,
  writeRollout,
  zstdFrame,
  zstdRawFrame,
  zstdRepeat,
} from '../../../../support/codex-fixtures'
import { makeTempDir, removeDir } from '../../../../support/fixtures'
import { MAX_ZSTD_RATIO, foldZstdJsonl, zstdWindowBytes } from '../../../../../src-main/core/formats/codex/zstd'
import { repoPath } from '../../../../support/repo'

// A real zstd-compressed rollout (zstd -19) made from compressedFixtureRollout()'s text.
const COMPRESSED = repoPath('test', 'support', 'codex-compressed.jsonl.zst')

let dir: string
let store: Store
beforeEach(async () => {
  dir = await makeTempDir('codex-zstd')
  store = { format: 'codex', root: join(dir, '.codex') }
})
afterEach(() => removeDir(dir))

const collect = () => ({ values: [] as unknown[] })
const push = (state: { values: unknown[] }, value: unknown) => {
  state.values.push(value)
}

async function* chunksOf(text: string, size: number): AsyncIterable<Uint8Array> {
  const bytes = Buffer.from(text)
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

describe('streaming JSONL fold over chunks', () => {
  it('folds lines split anywhere across chunks, counting bad lines and ignoring blank ones', async () => {
    const text = '{"n":1}\nnot json\n\n{"n":"é€𝄞"}\n   \n{"n":3}\n'
    for (const size of [1, 2, 3, 7, 1000]) {
      const { state, stats } = await foldJsonlChunks(chunksOf(text, size), collect, push)
      expect(state.values).toEqual([{ n: 1 }, { n: 'é€𝄞' }, { n: 3 }])
      expect(stats).toEqual({ lines: 3, badLines: 1, offset: Buffer.byteLength(text), unfinishedTail: false })
    }
  })

  it('reads a complete last line without its newline, and counts a cut-off one', async () => {
    const complete = await foldJsonlChunks(chunksOf('{"n":1}\n{"n":2}', 4), collect, push)
    expect(complete.state.values).toEqual([{ n: 1 }, { n: 2 }])
    expect(complete.stats).toMatchObject({ lines: 2, badLines: 0, unfinishedTail: false })
    const cut = await foldJsonlChunks(chunksOf('{"n":1}\n{"n":2', 4), collect, push)
    expect(cut.state.values).toEqual([{ n: 1 }])
    expect(cut.stats).toMatchObject({ lines: 1, badLines: 1, unfinishedTail: true, offset: 8 })
  })

  it('passes 1-based line numbers counting bad lines, and counts a stream stopped early as cut off', () => {
    const seen: number[] = []
    const folder = new JsonlLineFolder(null, (_state, _value, line) => seen.push(line))
    folder.push(Buffer.from('{}\nbad\n{}\n{"complete": true}'))
    expect(folder.end({ cutOff: true })).toMatchObject({ lines: 2, badLines: 2, unfinishedTail: true })
    expect(seen).toEqual([1, 3])
  })
})

describe('zstd-compressed rollouts', () => {
  it('decodes a real zstd file line by line', async () => {
    const expected = compressedFixtureRollout().text()
    const { state, stats } = await foldZstdJsonl(COMPRESSED, collect, push)
    expect(state.values).toEqual(
      expected
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    )
    expect(stats).toEqual({ lines: state.values.length, badLines: 0, offset: Buffer.byteLength(expected), unfinishedTail: false })
  })

  it('lists and loads a .jsonl.zst rollout like a plain one', async () => {
    const path = await writeRollout(store.root, await readFile(COMPRESSED), { id: compressedFixtureRollout().id, suffix: '.zst' })
    const listing = await listStores([store], { archived: false })
    expect(listing.problems).toEqual([])
    const session = listing.sessions[0] as SessionSummary
    expect(session).toMatchObject({
      id: '019a0000-2222-7333-8444-555566667777',
      path,
      project: '/home/dev/zipped',
      title: 'Summarise the compressed rollout',
      model: 'gpt-5.5',
      turns: 1,
      steps: 20,
      errors: 1,
      tokens: { input: 5000, output: 200, cacheRead: 4000, cacheWrite: 0, inputIncludesCache: true },
      bytes: (await stat(path)).size,
    })
    const detail = await loadSession(session)
    expect(detail.turns[0]?.steps).toHaveLength(20)
    expect(detail.turns[0]?.steps[7]?.isError).toBe(true)
    expect(detail.skippedLines).toBe(0)
  })

  it('prefers the plain .jsonl when both exist, and lists a lone .zst in archived_sessions', async () => {
    const plain = new Rollout({ id: '019a0000-2222-7333-8444-555566667777' }).taskStarted().prompt('the plain one')
    await writeRollout(store.root, plain)
    await writeRollout(store.root, await readFile(COMPRESSED), { id: plain.id, suffix: '.zst' })
    const other = new Rollout({ id: '019a0000-2222-7333-8444-000000000001' }).taskStarted().prompt('archived and compressed')
    await writeRollout(store.root, zstdRawFrame(Buffer.from(other.text())), { archived: true, suffix: '.zst' })
    const listing = await listStores([store], { archived: true })
    expect(listing.problems).toEqual([])
    expect(listing.sessions.map((s) => [s.title, s.archived, s.path.endsWith('.zst')]).sort()).toEqual([
      ['archived and compressed', true, true],
      ['the plain one', false, false],
    ])
  })

  it('decodes several frames and data larger than one block, in bounded pieces', async () => {
    const rollout = new Rollout().taskStarted().prompt('big')
    for (let i = 0; i < 400; i++)
      rollout.functionCall('exec_command', { cmd: 'x'.repeat(1000) }, `c${i}`).functionOutput(`c${i}`, 'y'.repeat(500))
    const text = Buffer.from(rollout.text())
    const half = text.indexOf('\n', text.length >> 1) + 10 // frames need not end at a line break
    const path = join(dir, 'multi.jsonl.zst')
    await writeFile(path, Buffer.concat([zstdRawFrame(text.subarray(0, half), 50_000), zstdRawFrame(text.subarray(half), 50_000)]))
    const { state, stats } = await foldZstdJsonl(path, collect, push)
    expect(state.values).toHaveLength(rollout.lines.length)
    expect(stats).toMatchObject({ badLines: 0, unfinishedTail: false, offset: text.length })
  })

  it('keeps the lines of a truncated file and counts the cut-off tail; refuses what is not zstd', async () => {
    const text = new Rollout().taskStarted().prompt('cut').answer('off').text()
    const frame = zstdRawFrame(Buffer.from(text), 100)
    const truncated = join(dir, 'truncated.jsonl.zst')
    await writeFile(truncated, frame.subarray(0, frame.length - 30))
    const { state, stats } = await foldZstdJsonl(truncated, collect, push)
    expect(state.values.length).toBe(text.trimEnd().split('\n').length - 1)
    expect(stats).toMatchObject({ badLines: 1, unfinishedTail: true })

    const plainText = join(dir, 'plain.jsonl.zst')
    await writeFile(plainText, text)
    await expect(foldZstdJsonl(plainText, collect, push)).rejects.toThrow('not zstd-compressed data')
    const empty = join(dir, 'empty.jsonl.zst')
    await writeFile(empty, '')
    await expect(foldZstdJsonl(empty, collect, push)).rejects.toThrow('empty file')
    const headerOnly = join(dir, 'header.jsonl.zst')
    await writeFile(headerOnly, frame.subarray(0, 8))
    await expect(foldZstdJsonl(headerOnly, collect, push)).rejects.toThrow('invalid zstd data')
  })

  it('refuses a frame that asks for an unbounded window', async () => {
    // Window descriptor exponent 21: 2 GiB.
    const path = join(dir, 'huge.jsonl.zst')
    await writeFile(path, Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 21 << 3, 0x01, 0x00, 0x00]))
    await expect(foldZstdJsonl(path, collect, push)).rejects.toThrow('MiB of memory')
    expect(zstdWindowBytes(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38]))).toBe(128 * 1024)
    expect(zstdWindowBytes(await readFile(COMPRESSED))).toBe(Buffer.byteLength(compressedFixtureRollout().text()))
  })
})

describe('zstd bombs', () => {
  const GiB = 1024 ** 3
  const bombReason = (bytes: number) => `zstd bomb refused: decodes to more than ${MAX_ZSTD_RATIO} times its ${bytes} bytes`
  const day = join('sessions', '2026', '11', '05')

  it('stops decoding a small file that expands to 2 GiB of zeros, and reports it', async () => {
    const bomb = zstdFrame(zstdRepeat(0, 2 * GiB))
    const path = await writeRollout(store.root, bomb, { id: '019a0000-3333-7000-8000-000000000001', suffix: '.zst' })
    const listing = await listStores([store], { archived: false })
    expect(listing.sessions).toEqual([])
    expect(listing.problems).toEqual([{ path, reason: bombReason(bomb.length) }])
  }, 60_000)

  // The same bomb as the zstd command line makes it (compressed blocks, not RLE ones), where it is installed.
  it.skipIf(spawnSync('zstd', ['--version']).status !== 0)(
    'stops decoding a 2 GiB bomb of zeros made by zstd itself',
    async () => {
      const path = join(store.root, day, 'rollout-2026-11-05T10-00-00-019a0000-3333-7000-8000-000000000003.jsonl.zst')
      await mkdir(dirname(path), { recursive: true })
      const made = spawnSync('sh', ['-c', `head -c ${2 * GiB} /dev/zero | zstd -q -3 -c > '${path}'`])
      expect(made.status).toBe(0)
      const listing = await listStores([store], { archived: false })
      expect(listing.problems).toEqual([{ path, reason: bombReason((await stat(path)).size) }])
    },
    60_000,
  )

  it('stops decoding a small file that expands to 1 GiB of valid rollout lines, and reports it', async () => {
    const start = new Rollout({ id: '019a0000-3333-7000-8000-000000000002' }).taskStarted().prompt('bomb').text()
    const blocks: ZstdBlock[] = [{ raw: Buffer.from(start) }]
    const opening = Buffer.from('{"timestamp":"2026-11-05T09:00:00Z","type":"event_msg","payload":{"type":"agent_message","message":"')
    for (let i = 0; i < 1024; i++) {
      blocks.push({ raw: opening })
      blocks.push(...zstdRepeat(0x78, 1024 * 1024 - 128), { raw: Buffer.from('"}}\n') })
    }
    const bomb = zstdFrame(blocks)
    expect(bomb.length).toBeLessThan(200 * 1024)
    const path = await writeRollout(store.root, bomb, { id: '019a0000-3333-7000-8000-000000000002', suffix: '.zst' })
    const listing = await listStores([store], { archived: false })
    expect(listing.sessions).toEqual([])
    expect(listing.problems).toEqual([{ path, reason: bombReason(bomb.length) }])
  }, 60_000)

  it('refuses a rollout that decodes to more than the output cap, whatever its ratio', async () => {
    const text = Buffer.from(new Rollout().taskStarted().prompt('plenty').answer('of lines').text())
    const path = join(dir, 'capped.jsonl.zst')
    await writeFile(path, zstdRawFrame(Buffer.concat(Array.from({ length: 50 }, () => text)), 1000))
    await expect(foldZstdJsonl(path, collect, push, { maxOutputBytes: 10 * text.length })).rejects.toThrow(
      `zstd data refused: decodes to more than ${10 * text.length} bytes, the most read from one compressed rollout`,
    )
    expect((await foldZstdJsonl(path, collect, push)).state.values).toHaveLength(50 * text.toString().trimEnd().split('\n').length)
  })
})
