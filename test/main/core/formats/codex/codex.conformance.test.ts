import { existsSync } from 'node:fs'
import { mkdir, symlink } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listStores, loadSession } from '../../../../../src-main/core/listing'
import type { SessionDetail, SessionSummary, Store } from '../../../../../src-shared/model'
import { makeTempDir, removeDir } from '../../../../support/fixtures'
import { REPO } from '../../../../support/repo'

// Real Codex rollouts from shared/samples (read-only, never copied into the repository).
const SAMPLES = resolve(REPO, '..', 'shared', 'samples', 'codex')
const present = existsSync(SAMPLES)
if (!present) console.warn(`Codex conformance skipped: no real samples at ${SAMPLES}`)

const LOCALPUSH = join(SAMPLES, 'localpush')
const LARGE = join(LOCALPUSH, 'LARGE-compaction')
const KVSANKAR = join(SAMPLES, 'kvsankar', 'session-01.jsonl')

interface Expected {
  turns: number
  steps: number
  tokens: { input: number; cacheRead: number; output: number }
  project: string
  createdAt: string
  updatedAt: string
}

const LOCALPUSH_EXPECTED: Record<string, Expected> = {
  '019c8a4c-ed82-79a1-aa28-7738fc5ab61a': {
    turns: 5,
    steps: 104,
    tokens: { input: 7204025, cacheRead: 6836352, output: 36075 },
    project: '/redacted/path/fa3f7eaace',
    createdAt: '2026-02-23T11:40:23.298Z',
    updatedAt: '2026-02-23T12:45:33.362Z',
  },
  '019c8a4d-8f45-7010-8b5d-7fad920aa6f9': {
    turns: 1,
    steps: 118,
    tokens: { input: 1751428, cacheRead: 1651968, output: 14600 },
    project: '/redacted/path/da0ba47443',
    createdAt: '2026-02-23T11:41:04.709Z',
    updatedAt: '2026-02-23T11:46:43.618Z',
  },
  '019c8a53-a0dd-7130-bcd7-95445d84846a': {
    turns: 7,
    steps: 144,
    tokens: { input: 6740973, cacheRead: 6337024, output: 36950 },
    project: '/redacted/path/59b923df4d',
    createdAt: '2026-02-23T11:47:42.429Z',
    updatedAt: '2026-02-23T12:57:50.942Z',
  },
  '019c8a70-dda7-7f33-98ea-f30553347322': {
    turns: 1,
    steps: 1,
    tokens: { input: 34469, cacheRead: 3456, output: 431 },
    project: '/redacted/path/da0ba47443',
    createdAt: '2026-02-23T12:19:38.535Z',
    updatedAt: '2026-02-23T12:19:52.689Z',
  },
  '019c8bfe-ec25-79e0-97d7-bda6a9c575ff': {
    turns: 1,
    steps: 5,
    tokens: { input: 298373, cacheRead: 238848, output: 1123 },
    project: '/redacted/path/ea96e59ed9',
    createdAt: '2026-02-23T19:34:25.573Z',
    updatedAt: '2026-02-23T19:36:02.635Z',
  },
}

async function listed(root: string): Promise<SessionSummary[]> {
  const listing = await listStores([{ format: 'codex', root }], { archived: true })
  expect(listing.problems).toEqual([])
  return listing.sessions
}

function stepsOf(detail: SessionDetail) {
  return detail.turns.flatMap((turn) => turn.steps)
}

describe.skipIf(!present)('Codex conformance over shared/samples/codex', () => {
  let temp: string
  beforeAll(async () => {
    temp = await makeTempDir('codex-conformance')
  })
  afterAll(() => removeDir(temp))

  it('reads every localpush rollout without a problem, with the expected ids and counts', async () => {
    const sessions = await listed(LOCALPUSH)
    expect(sessions.map((s) => s.id).sort()).toEqual(Object.keys(LOCALPUSH_EXPECTED).sort())
    for (const session of sessions) {
      const expected = LOCALPUSH_EXPECTED[session.id] as Expected
      expect(session).toMatchObject({
        format: 'codex',
        store: LOCALPUSH,
        project: expected.project,
        projectPath: expected.project,
        turns: expected.turns,
        steps: expected.steps,
        errors: 0,
        archived: false,
        model: 'gpt-5.3-codex',
        branch: 'main',
        parentId: null,
        createdAt: expected.createdAt,
        updatedAt: expected.updatedAt,
        tokens: { ...expected.tokens, cacheWrite: 0, inputIncludesCache: true },
      })
      // The redacted first prompt is the title.
      expect(session.title).toMatch(/^\[REDACTED_MESSAGE len=\d+ sha=[0-9a-f]+\]$/)
      const detail = await loadSession(session)
      expect(detail.skippedLines).toBe(0)
      expect(detail.models).toEqual(['gpt-5.3-codex'])
      expect(detail.turns.filter((turn) => turn.user !== null)).toHaveLength(expected.turns)
      expect(stepsOf(detail)).toHaveLength(expected.steps)
    }
  })

  it('shows the call interrupted at the end of the 13-19-38 rollout without an output', async () => {
    const session = (await listed(LOCALPUSH)).find((s) => s.id === '019c8a70-dda7-7f33-98ea-f30553347322') as SessionSummary
    expect(session.title).toBe('[REDACTED_MESSAGE len=86 sha=2239bcba]')
    const detail = await loadSession(session)
    expect(detail.turns).toHaveLength(1)
    expect(detail.turns[0]?.agent?.text).toBe('[REDACTED_MESSAGE len=124 sha=7a220b7e]')
    expect(stepsOf(detail)).toEqual([
      {
        id: 'call_UtYwHmwWekzvq83m8Rb9K8jJ',
        tool: 'exec_command',
        args: '[REDACTED_ARGUMENTS len=456 sha=df6be51a]',
        output: null,
        at: '2026-02-23T12:19:52.620Z',
        durationMs: null,
        isError: false,
      },
    ])
  })

  it('reads the LARGE-compaction rollout with its compaction, prompts typed mid-task and token totals', async () => {
    const [session] = await listed(LARGE)
    expect(session).toMatchObject({
      id: '019c8a59-e9dd-71f0-9ae3-4079fe9726a9',
      title: '[REDACTED_MESSAGE len=32 sha=821fd802]',
      // 33 tasks; 5 more prompts were typed while a task ran.
      turns: 38,
      steps: 365,
      errors: 0,
      model: 'gpt-5.3-codex',
      createdAt: '2026-02-23T11:54:34.334Z',
      updatedAt: '2026-02-24T12:09:44.294Z',
      tokens: { input: 33810485, output: 133999, cacheRead: 31621504, cacheWrite: 0, inputIncludesCache: true },
    })
    const detail = await loadSession(session as SessionSummary)
    expect(detail.turns).toHaveLength(38)
    expect(stepsOf(detail)).toHaveLength(365)
    const compacted = detail.turns.filter((turn) => turn.compactedBefore)
    expect(compacted.map((turn) => [turn.index, turn.compactedBefore])).toEqual([
      [19, { at: '2026-02-24T09:51:48.878Z', trigger: null, preTokens: 212134 }],
    ])
    expect(stepsOf(detail).every((step) => step.output !== null && step.durationMs !== null)).toBe(true)
  })

  it('reads the bare kvsankar rollout through a store built around it with a symlink', async () => {
    const home = join(temp, 'kvsankar', '.codex')
    const day = join(home, 'sessions', '2026', '06', '05')
    await mkdir(day, { recursive: true })
    await symlink(KVSANKAR, join(day, 'rollout-2026-06-05T10-28-20-019e9625-802f-7e91-840a-cfe88d14117a.jsonl'))
    const store: Store = { format: 'codex', root: home }
    const [session] = await listed(store.root)
    expect(session).toMatchObject({
      id: '019e9625-802f-7e91-840a-cfe88d14117a',
      title: '[REDACTED_PROMPT]',
      project: '/tmp/agent-history-real-agent/codex/workspace',
      turns: 1,
      steps: 0,
      errors: 0,
      model: 'gpt-5.5',
      branch: null,
      createdAt: '2026-06-05T04:58:20.593Z',
      updatedAt: '2026-06-05T04:58:26.713Z',
      tokens: { input: 22539, output: 10, cacheRead: 20864, cacheWrite: 0, inputIncludesCache: true },
    })
    const detail = await loadSession(session as SessionSummary)
    expect(detail.turns.map((turn) => [turn.user?.text, turn.agent?.text])).toEqual([['[REDACTED_PROMPT]', '[REDACTED_ASSISTANT_TEXT]']])
    expect(detail.models).toEqual(['gpt-5.5'])
  })
})
