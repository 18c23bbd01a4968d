import { existsSync } from 'node:fs'
import { mkdir, readFile, stat, symlink } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { codexFormat } from '../../../../../src-main/core/formats/codex/index'
import { listStores, loadSession } from '../../../../../src-main/core/listing'
import type { ApiResponse, SessionSummary, Store } from '../../../../../src-shared/model'
import { Rollout, writeRollout } from '../../../../support/codex-fixtures'
import { makeTempDir, removeDir } from '../../../../support/fixtures'
import { REPO } from '../../../../support/repo'

// The API responses a Codex rollout records: one per token_count whose cumulative total moved,
// with its own (last_token_usage) counts; checked on every real sample against an independent
// reading of the file, and on rollouts written here for the cases the samples lack.

const SAMPLES = resolve(REPO, '..', 'shared', 'samples', 'codex')
const present = existsSync(SAMPLES)
const KVSANKAR_NAME = 'rollout-2026-06-05T10-28-20-019e9625-802f-7e91-840a-cfe88d14117a.jsonl'

function sum(rows: readonly ApiResponse[], key: 'input' | 'output' | 'cacheRead' | 'cacheWrite'): number {
  return rows.reduce((total, row) => total + row[key], 0)
}

interface Line {
  timestamp?: string
  type?: string
  payload?: {
    type?: string
    model?: string
    info?: { total_token_usage?: Record<string, number>; last_token_usage?: Record<string, number> } | null
  }
}

/** The file read here by hand: every token_count with info, with the model of the turn_context before it. */
async function countsIn(path: string) {
  const lines = (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Line)
  const counts: Array<{ at: string; model: string | null; total: Record<string, number>; last: Record<string, number> }> = []
  let model: string | null = null
  for (const line of lines) {
    if (line.type === 'turn_context' && typeof line.payload?.model === 'string') model = line.payload.model
    const info = line.payload?.info
    if (line.type === 'event_msg' && line.payload?.type === 'token_count' && info?.total_token_usage && info.last_token_usage)
      counts.push({ at: line.timestamp as string, model, total: info.total_token_usage, last: info.last_token_usage })
  }
  return counts
}

describe.skipIf(!present)('Codex API responses on the real samples', () => {
  let dir: string
  let sessions: SessionSummary[]

  beforeAll(async () => {
    dir = await makeTempDir('codex-responses')
    const day = join(dir, '.codex', 'sessions', '2026', '06', '05')
    await mkdir(day, { recursive: true })
    await symlink(join(SAMPLES, 'kvsankar', 'session-01.jsonl'), join(day, KVSANKAR_NAME))
    const roots = [join(SAMPLES, 'localpush'), join(SAMPLES, 'localpush', 'LARGE-compaction'), join(dir, '.codex')]
    const listing = await listStores(
      roots.map((root): Store => ({ format: 'codex', root })),
      { archived: true },
    )
    expect(listing.problems).toEqual([])
    sessions = listing.sessions
  })
  afterAll(() => removeDir(dir))

  it('reads all seven samples', () => {
    expect(sessions).toHaveLength(7)
  })

  it('gives each sample one response per distinct cumulative total, adding up to the summary’s tokens', async () => {
    for (const session of sessions) {
      const detail = await loadSession(session)
      const rows = detail.responses ?? []
      const counts = await countsIn(session.path)
      const totals = new Set(counts.map((count) => count.total.total_tokens))
      expect(rows.length, session.path).toBe(totals.size)
      expect(rows.length, session.path).toBeGreaterThan(0)
      expect(sum(rows, 'input'), session.path).toBe(session.tokens?.input)
      expect(sum(rows, 'output'), session.path).toBe(session.tokens?.output)
      expect(sum(rows, 'cacheRead'), session.path).toBe(session.tokens?.cacheRead)
      expect(sum(rows, 'cacheWrite'), session.path).toBe(0)
      // And to the file's own last cumulative total.
      const final = counts[counts.length - 1]?.total
      expect(sum(rows, 'input') + sum(rows, 'output'), session.path).toBe(final?.total_tokens)
      expect(rows.every((row) => row.messageId === null && row.requestId === null && row.at !== null)).toBe(true)
    }
  })

  it('takes time, model and counts of a response from the first token_count that reports it', async () => {
    const large = sessions.find((s) => s.id === '019c8a59-e9dd-71f0-9ae3-4079fe9726a9') as SessionSummary
    const counts = await countsIn(large.path)
    const rows = (await loadSession(large)).responses ?? []
    const first = counts[0]
    expect(rows[0]).toEqual({
      messageId: null,
      requestId: null,
      model: first?.model,
      at: first?.at,
      input: first?.last.input_tokens,
      output: first?.last.output_tokens,
      cacheRead: first?.last.cached_input_tokens,
      cacheWrite: 0,
      inputIncludesCache: true,
    })
    expect(first?.model).toBe('gpt-5.3-codex')
    // The last response: the first count carrying the final total, not its repeats after it.
    const finalTotal = counts[counts.length - 1]?.total.total_tokens
    const firstOfFinal = counts.find((count) => count.total.total_tokens === finalTotal)
    expect(rows[rows.length - 1]?.at).toBe(firstOfFinal?.at)
    expect(rows[rows.length - 1]?.output).toBe(firstOfFinal?.last.output_tokens)
    const kvsankar = sessions.find((s) => s.path.endsWith(KVSANKAR_NAME)) as SessionSummary
    const [only] = await countsIn(kvsankar.path)
    expect((await loadSession(kvsankar)).responses).toEqual([
      {
        messageId: null,
        requestId: null,
        model: 'gpt-5.5',
        at: only?.at,
        input: only?.last.input_tokens,
        output: only?.last.output_tokens,
        cacheRead: only?.last.cached_input_tokens,
        cacheWrite: 0,
        inputIncludesCache: true,
      },
    ])
  })
})

describe('Codex API responses on written rollouts', () => {
  let home: string
  beforeAll(async () => {
    home = join(await makeTempDir('codex-responses-written'), '.codex')
  })
  afterAll(() => removeDir(join(home, '..')))

  async function detailOf(rollout: Rollout) {
    const path = await writeRollout(home, rollout)
    const info = await stat(path)
    return codexFormat.load({ format: 'codex', root: home }, { path, archived: false, size: info.size, mtimeMs: info.mtimeMs })
  }

  it('skips repeated counts, takes each request’s model, and falls back to the growth of the total', async () => {
    const rollout = new Rollout({ id: '019a0000-0000-7000-8000-0000000000c1' })
      .turnContext('gpt-5.5')
      .taskStarted()
      .prompt('first')
      .tokens({ input: 1000, cached: 800, output: 50 }, { input: 1000, cached: 800, output: 50 })
      .tokens(null)
      .tokens({ input: 1000, cached: 800, output: 50 }, { input: 1000, cached: 800, output: 50 })
      .answer('ok')
      .turnContext('gpt-5.3-codex')
      .prompt('second')
      .tokens({ input: 3000, cached: 1800, output: 90 }, { input: 2000, cached: 1000, output: 40 })
    // A count without last_token_usage: the request used what the total grew by.
    rollout.event({
      type: 'token_count',
      info: { total_token_usage: { input_tokens: 3500, cached_input_tokens: 2000, output_tokens: 95, total_tokens: 3595 } },
    })
    const detail = await detailOf(rollout)
    const rows = detail.responses ?? []
    expect(rows.map((row) => [row.model, row.input, row.output, row.cacheRead])).toEqual([
      ['gpt-5.5', 1000, 50, 800],
      ['gpt-5.3-codex', 2000, 40, 1000],
      ['gpt-5.3-codex', 500, 5, 200],
    ])
    expect(sum(rows, 'input')).toBe(detail.session.tokens?.input)
    expect(sum(rows, 'output')).toBe(detail.session.tokens?.output)
    expect(sum(rows, 'cacheRead')).toBe(detail.session.tokens?.cacheRead)
    const stamps = rollout.lines.flatMap((line) =>
      typeof line !== 'string' && line.payload.type === 'token_count' && line.payload.info ? [line.timestamp] : [],
    )
    expect(rows.map((row) => row.at)).toEqual([stamps[0], stamps[2], stamps[3]])
  })

  it('records no response for a rollout without token counts', async () => {
    const rollout = new Rollout({ id: '019a0000-0000-7000-8000-0000000000c2' }).turnContext('gpt-5.5').prompt('hi').answer('hello')
    const detail = await detailOf(rollout)
    expect(detail.session.tokens).toBeNull()
    expect(detail.responses).toEqual([])
  })
})
