import { existsSync } from 'node:fs'
import { mkdir, rm, symlink } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type IndexDatabase, openIndexDatabase } from '../../../../src-main/core/index-db/index-database'
import { readResponses, readSummaries } from '../../../../src-main/core/index-db/index-store'
import { updateIndex } from '../../../../src-main/core/index-db/indexer'
import type { ApiResponse, Store } from '../../../../src-shared/model'
import { makeTempDir, removeDir } from '../../../support/fixtures'
import { REPO } from '../../../support/repo'

// Real Codex CLI and Gemini CLI samples (linked, never copied into the project) indexed into a real
// database: their API responses end up as rows, the ones whose tokens add up to the summaries'.

const SAMPLES = resolve(REPO, '..', 'shared', 'samples')
const CODEX = join(
  SAMPLES,
  'codex',
  'localpush',
  'sessions',
  '2026',
  '02',
  '23',
  'rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl',
)
const CODEX_SMALL = join(SAMPLES, 'codex', 'kvsankar', 'session-01.jsonl')
const GEMINI = join(SAMPLES, 'gemini', 'kvsankar', 'session-01.json')
const GEMINI_JSONL = join(SAMPLES, 'gemini-jsonl', 'jazzyalex', 'tmp', '0b7dfb12', 'chats', 'jsonl_v040.jsonl')
const present = [CODEX, CODEX_SMALL, GEMINI, GEMINI_JSONL].every((path) => existsSync(path))

let dir: string
let index: IndexDatabase
let codex: Store
let gemini: Store

async function link(sample: string, path: string): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true })
  await symlink(sample, path)
}

beforeEach(async () => {
  dir = await makeTempDir('index-responses')
  codex = { format: 'codex', root: join(dir, '.codex') }
  gemini = { format: 'gemini', root: join(dir, '.gemini', 'tmp') }
  const day = join(codex.root, 'sessions', '2026', '02', '23')
  await link(CODEX, join(day, basename(CODEX)))
  await link(CODEX_SMALL, join(day, 'rollout-2026-02-23T10-28-20-019e9625-802f-7e91-840a-cfe88d14117a.jsonl'))
  await link(GEMINI, join(gemini.root, 'one', 'chats', 'session-2026-06-05T04-59-dcbe78d3.json'))
  await link(GEMINI_JSONL, join(gemini.root, 'two', 'chats', 'session-2026-04-29T21-39-0b7dfb12.jsonl'))
  index = openIndexDatabase(join(dir, 'data'))
})
afterEach(async () => {
  index.close()
  await removeDir(dir)
})

function sum(rows: readonly ApiResponse[], key: 'input' | 'output' | 'cacheRead'): number {
  return rows.reduce((total, row) => total + row[key], 0)
}

describe.skipIf(!present)('API responses of Codex CLI and Gemini CLI in the index', () => {
  it('records one row per response of each session, adding up to its summary’s tokens, and forgets them with it', async () => {
    const update = await updateIndex(index, [codex, gemini])
    expect(update.problems).toBe(0)
    const summaries = readSummaries(index, [codex, gemini])
    expect(summaries.map((s) => s.format).sort()).toEqual(['codex', 'codex', 'gemini', 'gemini'])
    for (const session of summaries) {
      const rows = readResponses(index, session.path)
      expect(rows.length, session.path).toBeGreaterThan(0)
      expect(sum(rows, 'input'), session.path).toBe(session.tokens?.input)
      expect(sum(rows, 'output'), session.path).toBe(session.tokens?.output)
      expect(sum(rows, 'cacheRead'), session.path).toBe(session.tokens?.cacheRead)
      expect(rows.every((row) => row.at !== null && row.model !== null)).toBe(true)
      // Counted as the session's tokens are: the row says whether input includes the cache reads.
      expect(rows.every((row) => row.inputIncludesCache === session.tokens?.inputIncludesCache)).toBe(true)
    }
    const byFormat = (format: string) => summaries.filter((s) => s.format === format).flatMap((s) => readResponses(index, s.path))
    // The Gemini rows keep the message ids; Codex records none.
    expect(
      byFormat('gemini')
        .map((row) => row.messageId)
        .sort(),
    ).toEqual(['1ad31721-7c1d-448c-808f-a6facc0b2e72', 'g-assistant-1', 'g-assistant-2'])
    expect(byFormat('codex').every((row) => row.messageId === null && row.requestId === null)).toBe(true)
    // The 20-34-25 rollout's six requests, the kvsankar one's one.
    expect(byFormat('codex')).toHaveLength(7)
    const gone = summaries.find((s) => s.format === 'codex')?.path as string
    await rm(gone)
    await updateIndex(index, [codex, gemini])
    expect(readResponses(index, gone)).toEqual([])
  })
})
