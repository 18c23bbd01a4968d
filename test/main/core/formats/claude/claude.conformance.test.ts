import { existsSync } from 'node:fs'
import { appendFile, mkdir, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listStores, loadSession } from '../../../../../src-main/core/listing'
import type { SessionDetail, SessionSummary, Store, TokenUsage } from '../../../../../src-shared/model'
import { makeTempDir, removeDir } from '../../../../support/fixtures'
import { NotASession } from '../../../../../src-main/core/unreadable'
import type { SessionFile } from '../../../../../src-main/core/formats/format'
import { claudeFormat } from '../../../../../src-main/core/formats/claude/index'
import { factsOf, foldSummary } from '../../../../../src-main/core/formats/claude/fold'
import { summaryFromFold } from '../../../../../src-main/core/formats/claude/session-summary'
import { REPO } from '../../../../support/repo'

// Real Claude Code logs from ../shared/samples (read-only, never copied into the project). Folders
// laid out like a projects folder are read as stores where they are; the loose files are linked
// into a temporary projects folder, one project folder each.

const repoRoot = REPO
const SAMPLES = resolve(repoRoot, '..', 'shared', 'samples', 'claude-code')
const present = existsSync(SAMPLES)
if (!present) console.warn(`Claude Code conformance suite skipped: no real samples at ${SAMPLES}`)

const SONNET_45 = 'claude-sonnet-4-5-20250929'
const SONNET_4 = 'claude-sonnet-4-20250514'
const CODEMIE_CWD = '/Users/User/repo/codemie-ai/codemie-code'
const SPEC_PROMPT =
  '@"solution-architect (agent)" analyze existing CLI command and create specification for adding missing CLI commands. follow best practices in CLI to add valuab…'

interface Expected {
  id: string
  parentId: string | null
  title: string
  project: string
  projectPath: string
  turns: number
  steps: number
  errors: number
  model: string
  branch: string | null
  tokens: TokenUsage
  createdAt: string
  updatedAt: string
  /** childSessionId of each Task call, in order. */
  links?: Array<string | null>
}

const tokens = (input: number, output: number, cacheRead: number, cacheWrite: number): TokenUsage => ({
  input,
  output,
  cacheRead,
  cacheWrite,
  inputIncludesCache: false,
})

/** Every sample file, by its path below claude-code/: what it reads as (null: not a session). */
const EXPECTED: Record<string, Expected | null> = {
  'codemie/claude/-tmp-private/4c2ddfdc-b619-4525-8d03-1950fb1b0257.jsonl': {
    id: '4c2ddfdc-b619-4525-8d03-1950fb1b0257',
    parentId: null,
    title: 'create hello.py, md and js',
    project: '-tmp-private',
    projectPath: '/tmp/private',
    turns: 3,
    steps: 6,
    errors: 0,
    model: SONNET_45,
    branch: 'analytics-v2',
    tokens: tokens(33, 806, 214627, 37172),
    createdAt: '2025-12-10T19:37:45.343Z',
    updatedAt: '2025-12-10T19:38:31.216Z',
  },
  // Old-style agent files of that session: both only answered "Warmup", so both are hidden.
  'codemie/claude/-tmp-private/agent-36541525.jsonl': null,
  'codemie/claude/-tmp-private/agent-50243ee8.jsonl': null,
  'codemie/claude/incremental-simple/turn-1.jsonl': {
    id: 'turn-1',
    parentId: null,
    title: 'show tools',
    project: 'incremental-simple',
    projectPath: CODEMIE_CWD,
    turns: 1,
    steps: 0,
    errors: 0,
    model: SONNET_45,
    branch: 'hooks',
    tokens: tokens(10, 574, 0, 30383),
    createdAt: '2026-01-15T17:24:23.966Z',
    updatedAt: '2026-01-15T17:24:37.768Z',
  },
  'codemie/claude/incremental-simple/turn-2.jsonl': {
    id: 'turn-2',
    parentId: null,
    title: 'show tools',
    project: 'incremental-simple',
    projectPath: CODEMIE_CWD,
    turns: 4,
    steps: 2,
    errors: 0,
    model: SONNET_45,
    branch: 'hooks',
    tokens: tokens(64, 8058, 65943, 139205),
    createdAt: '2026-01-15T17:24:23.966Z',
    updatedAt: '2026-01-15T17:48:53.950Z',
    // Both Task calls name agents whose files are not among the samples.
    links: [null, null],
  },
  'codemie/claude/incremental-subagents/turn-1.jsonl': {
    id: 'turn-1',
    parentId: null,
    title: SPEC_PROMPT,
    project: 'incremental-subagents',
    projectPath: CODEMIE_CWD,
    turns: 1,
    steps: 7,
    errors: 0,
    model: SONNET_45,
    branch: 'hooks',
    tokens: tokens(82, 1244, 154285, 61416),
    createdAt: '2026-01-14T19:20:03.207Z',
    updatedAt: '2026-01-14T19:26:41.066Z',
    links: ['a485154'],
  },
  'codemie/claude/incremental-subagents/turn-2.jsonl': {
    id: 'turn-2',
    parentId: null,
    title: SPEC_PROMPT,
    project: 'incremental-subagents',
    projectPath: CODEMIE_CWD,
    turns: 1,
    steps: 14,
    errors: 0,
    model: SONNET_45,
    branch: 'hooks',
    tokens: tokens(537, 10099, 223343, 157962),
    createdAt: '2026-01-14T19:20:03.207Z',
    updatedAt: '2026-01-14T19:29:12.132Z',
    links: ['a485154'],
  },
  'codemie/claude/incremental-subagents/turn-1/subagents/agent-a485154.jsonl': {
    id: 'a485154',
    parentId: 'turn-1',
    title:
      'Analyze the existing CLI command structure in this CodeMie CLI project and create a comprehensive technical specification for adding missing CLI commands that …',
    project: 'incremental-subagents',
    projectPath: CODEMIE_CWD,
    turns: 1,
    steps: 20,
    errors: 1,
    model: SONNET_45,
    branch: 'hooks',
    tokens: tokens(5233, 1845, 91980, 115531),
    createdAt: '2026-01-14T19:20:13.501Z',
    updatedAt: '2026-01-14T19:21:02.122Z',
  },
  'codemie/claude/incremental-subagents/turn-2/subagents/agent-a485154.jsonl': {
    id: 'a485154',
    parentId: 'turn-2',
    title:
      'Analyze the existing CLI command structure in this CodeMie CLI project and create a comprehensive technical specification for adding missing CLI commands that …',
    project: 'incremental-subagents',
    projectPath: CODEMIE_CWD,
    turns: 1,
    steps: 20,
    errors: 1,
    model: SONNET_45,
    branch: 'hooks',
    tokens: tokens(5233, 1845, 91980, 115531),
    createdAt: '2026-01-14T19:20:13.501Z',
    // The rewritten copy has one more (progress) line, stamped later.
    updatedAt: '2026-01-14T19:22:00.000Z',
  },
  'codemie/session-9eda1058.jsonl': {
    id: 'session-9eda1058',
    parentId: null,
    title: 'show tools and store response in file',
    project: 'codemie',
    projectPath: '/Users/user/repo',
    turns: 3,
    steps: 3,
    errors: 1,
    model: SONNET_45,
    branch: 'conversations',
    tokens: tokens(47, 4509, 22912, 147267),
    createdAt: '2026-01-11T09:53:23.575Z',
    updatedAt: '2026-01-11T10:03:26.957Z',
    links: [null, null],
  },
  'codemie/LARGE-compaction/session-624a4a58.jsonl': {
    id: 'session-624a4a58',
    parentId: null,
    // The first prompt is a bare /clear: the first prompt that says something titles it.
    title:
      '@src/providers/plugins/sso/ARCHITECTURE-REFACTORING.md review old and current implementation for claude metrics. there is a need to make sure that sync logic w…',
    project: 'LARGE-compaction',
    projectPath: '/Users/user/repo',
    turns: 15,
    steps: 48,
    errors: 0,
    model: SONNET_45,
    branch: 'conversations',
    tokens: tokens(642, 69127, 4277174, 1629516),
    createdAt: '2026-01-07T20:23:23.667Z',
    updatedAt: '2026-01-07T21:11:12.637Z',
  },
  'd-kimuson/projects/sample-project/1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl': {
    id: '1af7fc5e-8455-4414-9ccd-011d40f70b2a',
    parentId: null,
    title: '/init',
    project: 'sample-project',
    projectPath: '/path/to/Demo',
    turns: 1,
    steps: 12,
    errors: 1,
    model: SONNET_4,
    branch: null,
    tokens: tokens(93, 953, 103219, 12698),
    createdAt: '2025-09-03T00:47:19.293Z',
    updatedAt: '2025-09-03T00:47:52.264Z',
  },
  'd-kimuson/projects/sample-project/5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl': {
    id: '5c0375b4-57a5-4f26-b12d-d022ee4e51b7',
    parentId: null,
    title: '/orchestrator @CLAUDE.md を最新の状態にアップデートしてください',
    project: 'sample-project',
    projectPath: '/path/to/Demo',
    turns: 1,
    steps: 13,
    errors: 2,
    model: SONNET_4,
    branch: 'main',
    tokens: tokens(64, 2003, 190261, 26074),
    createdAt: '2025-09-07T09:52:03.071Z',
    updatedAt: '2025-09-07T09:54:26.499Z',
    // The first Task call failed validation; the other two started the inline sub-agents.
    links: [null, '6340ddef-f656-4b72-a065-82390f637678', '83e2917c-8940-4df6-a5a5-f2514f0d08c5'],
  },
  'kvsankar/session-01.jsonl': {
    id: 'session-01',
    parentId: null,
    title: '[REDACTED_PROMPT]',
    project: 'kvsankar',
    projectPath: '/tmp/agent-history-real-agent/claude/workspace',
    turns: 1,
    steps: 0,
    errors: 0,
    model: 'claude-opus-4-7',
    branch: 'HEAD',
    tokens: tokens(6, 16, 3057, 1045),
    createdAt: '2026-06-05T04:56:32.693Z',
    updatedAt: '2026-06-05T04:56:35.619Z',
  },
}

/** Inline sub-agents (≤ v1.0) of d-kimuson's 5c0375b4, in the order they ran. */
const INLINE_CHILDREN = [
  {
    id: '6340ddef-f656-4b72-a065-82390f637678',
    title: 'Check package configuration',
    turns: 1,
    steps: 2,
    errors: 0,
    prompt: 'Examine the package.json file(s) in /path/to/Demo',
  },
  {
    id: '83e2917c-8940-4df6-a5a5-f2514f0d08c5',
    title: 'Analyze current project structure',
    turns: 1,
    steps: 6,
    errors: 1,
    prompt: 'Analyze the current project structure in /path/to/Demo',
  },
]

async function sampleFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await sampleFiles(path)))
    else if (entry.name.endsWith('.jsonl')) out.push(path)
  }
  return out
}

async function fileOf(path: string, archived = false): Promise<SessionFile> {
  const info = await stat(path)
  return { path, archived, size: info.size, mtimeMs: info.mtimeMs }
}

describe.skipIf(!present)('Claude Code conformance over shared/samples', () => {
  let temp: string
  let stores: Store[]
  let sessions: SessionSummary[]
  /** Sample path below claude-code/ → the path the store reads it at. */
  const readAt = new Map<string, string>()

  beforeAll(async () => {
    temp = await makeTempDir('claude-conformance')
    // Loose files: linked into a temporary projects folder, a project folder each.
    const linked = join(temp, 'projects')
    for (const [sample, project] of [
      ['codemie/session-9eda1058.jsonl', 'codemie'],
      ['codemie/LARGE-compaction/session-624a4a58.jsonl', 'LARGE-compaction'],
      ['kvsankar/session-01.jsonl', 'kvsankar'],
    ] as const) {
      const at = join(linked, project, sample.split('/').pop() as string)
      await mkdir(join(linked, project), { recursive: true })
      await symlink(join(SAMPLES, sample), at)
      readAt.set(sample, at)
    }
    const inPlace = ['codemie/claude', 'd-kimuson/projects']
    for (const root of inPlace) {
      for (const path of await sampleFiles(join(SAMPLES, root))) readAt.set(relative(SAMPLES, path), path)
    }
    stores = [...inPlace.map((root) => join(SAMPLES, root)), linked].map((root) => ({ format: 'claude', root }))
    const listing = await listStores(stores, { archived: true })
    expect(listing.problems).toEqual([])
    sessions = listing.sessions
  })
  afterAll(() => removeDir(temp))

  it('has an expectation for every sample file, and reads each where the stores find it', async () => {
    const files = (await sampleFiles(SAMPLES)).map((path) => relative(SAMPLES, path)).sort()
    expect(files).toEqual(Object.keys(EXPECTED).sort())
    expect([...readAt.keys()].sort()).toEqual(files)
  })

  it('lists every session with its ids, parent, title, project, counts, model, branch, tokens and times; no problems', () => {
    const listed = Object.entries(EXPECTED).filter((entry): entry is [string, Expected] => entry[1] !== null)
    expect(sessions).toHaveLength(listed.length)
    for (const [sample, expected] of listed) {
      const session = sessions.find((s) => s.path === readAt.get(sample))
      const { links: _links, ...fields } = expected
      expect(session, sample).toMatchObject({ ...fields, format: 'claude', archived: false, status: null, agent: null, costUsd: null })
    }
  })

  it('hides the warm-up agents of -tmp-private, which still belong to their parent and record the Bedrock model', async () => {
    const parent = '4c2ddfdc-b619-4525-8d03-1950fb1b0257'
    const store = stores[0] as Store
    for (const [agent, model] of [
      ['agent-36541525', SONNET_45],
      ['agent-50243ee8', 'converse/jp.anthropic.claude-haiku-4-5-20251001-v1:0'],
    ] as const) {
      const path = join(SAMPLES, 'codemie/claude/-tmp-private', `${agent}.jsonl`)
      expect(claudeFormat.classify(store.root, path)).toEqual({ archived: false })
      const folded = await foldSummary(await fileOf(path))
      expect([folded.fold.state.sessionId, folded.fold.state.agentId, factsOf(folded.fold.state.main).model]).toEqual([
        parent,
        agent.slice('agent-'.length),
        model,
      ])
      await expect(claudeFormat.summarize(store, await fileOf(path))).rejects.toBeInstanceOf(NotASession)
    }
    // Bedrock message ids (msg_bdrk_…) group streamed lines like any other.
    const main = sessions.find((s) => s.id === parent)
    expect(main?.tokens?.output).toBe(806)
    expect(await claudeFormat.companions?.(store.root, join(SAMPLES, 'codemie/claude/-tmp-private', `${parent}.jsonl`))).toEqual([
      join(SAMPLES, 'codemie/claude/-tmp-private/agent-36541525.jsonl'),
      join(SAMPLES, 'codemie/claude/-tmp-private/agent-50243ee8.jsonl'),
    ])
  })

  it('loads every session: steps and turns as listed, Task calls linked to their sub-agents, nothing skipped', async () => {
    for (const [sample, expected] of Object.entries(EXPECTED)) {
      if (!expected) continue
      const session = sessions.find((s) => s.path === readAt.get(sample)) as SessionSummary
      const detail = await loadSession(session, sessions)
      const steps = detail.turns.flatMap((turn) => turn.steps)
      expect(
        [detail.skippedLines, steps.length, steps.filter((step) => step.isError).length, detail.turns.filter((turn) => turn.user).length],
        sample,
      ).toEqual([0, expected.steps, expected.errors, expected.turns])
      expect(detail.models?.[0], sample).toBe(expected.model)
      expect(
        steps.every((step) => step.output !== null || step === steps[steps.length - 1]),
        sample,
      ).toBe(true)
      if (expected.links)
        expect(
          steps.filter((step) => step.tool === 'Task').map((step) => step.childSessionId),
          sample,
        ).toEqual(expected.links)
    }
  })

  it('reads the inline sidechains of d-kimuson 5c0375b4 as its two sub-agents', async () => {
    const parent = sessions.find((s) => s.id === '5c0375b4-57a5-4f26-b12d-d022ee4e51b7') as SessionSummary
    expect(
      parent.children?.map((child) => ({ id: child.id, title: child.title, turns: child.turns, steps: child.steps, errors: child.errors })),
    ).toEqual(INLINE_CHILDREN.map(({ prompt: _prompt, ...child }) => child))
    for (const [i, child] of (parent.children ?? []).entries()) {
      expect(child).toMatchObject({ parentId: parent.id, path: parent.path, project: 'sample-project', model: SONNET_4 })
      const detail: SessionDetail = await loadSession(child, sessions)
      expect(detail.session.id).toBe(child.id)
      expect(detail.turns).toHaveLength(1)
      expect(detail.turns[0]?.user?.text.startsWith(INLINE_CHILDREN[i]?.prompt as string)).toBe(true)
      expect(detail.turns[0]?.agent?.text.length).toBeGreaterThan(0)
    }
  })

  it('marks the auto-compaction of the LARGE sample where the agent carried on after it', async () => {
    const session = sessions.find((s) => s.id === 'session-624a4a58') as SessionSummary
    const detail = await loadSession(session, sessions)
    const marked = detail.turns.filter((turn) => turn.compactedBefore)
    expect(marked.map((turn) => [turn.user, turn.compactedBefore])).toEqual([
      [null, { at: '2026-01-07T20:58:27.907Z', trigger: 'auto', preTokens: 155979 }],
    ])
    expect(marked[0]?.steps.length).toBeGreaterThan(0)
    // The compaction summary is not a prompt, and the turn list keeps its order.
    expect(detail.turns.map((turn) => turn.index)).toEqual(detail.turns.map((_, i) => i))
    expect(detail.turns.some((turn) => turn.user?.text.startsWith('This session is being continued'))).toBe(false)
    expect(detail.turns[0]?.user?.text).toBe('/clear')
  })

  it('resumes a real live session: incremental-simple turn-1 is a prefix of turn-2', async () => {
    const simple = join(SAMPLES, 'codemie/claude/incremental-simple')
    const [before, after] = await Promise.all([readFile(join(simple, 'turn-1.jsonl')), readFile(join(simple, 'turn-2.jsonl'))])
    expect(after.subarray(0, before.length).equals(before)).toBe(true)
    const store: Store = { format: 'claude', root: join(temp, 'live') }
    const path = join(store.root, 'incremental-simple', 'turn-2.jsonl')
    await mkdir(join(store.root, 'incremental-simple'), { recursive: true })
    await writeFile(path, before)
    const first = await foldSummary(await fileOf(path))
    expect(first.fold.resumed).toBe(false)
    expect(await summaryFromFold(store, await fileOf(path), first)).toMatchObject({ turns: 1, steps: 0, title: 'show tools' })
    await appendFile(path, after.subarray(before.length))
    const second = await foldSummary(await fileOf(path))
    expect(second.fold.resumed).toBe(true)
    const grown = await summaryFromFold(store, await fileOf(path), second)
    const { links: _links, ...expected } = EXPECTED['codemie/claude/incremental-simple/turn-2.jsonl'] as Expected
    expect(grown).toMatchObject({ ...expected, bytes: after.length })
  })

  it('reads a rewritten real sub-agent log again: turn-1’s agent file is not a prefix of turn-2’s', async () => {
    const agents = join(SAMPLES, 'codemie/claude/incremental-subagents')
    const [before, after] = await Promise.all([
      readFile(join(agents, 'turn-1/subagents/agent-a485154.jsonl')),
      readFile(join(agents, 'turn-2/subagents/agent-a485154.jsonl')),
    ])
    expect(after.subarray(0, before.length).equals(before)).toBe(false)
    const store: Store = { format: 'claude', root: join(temp, 'rewrite') }
    const path = join(store.root, 'p', 'sid', 'subagents', 'agent-a485154.jsonl')
    await mkdir(join(store.root, 'p', 'sid', 'subagents'), { recursive: true })
    await writeFile(path, before)
    expect(await summaryFromFold(store, await fileOf(path), await foldSummary(await fileOf(path)))).toMatchObject({
      updatedAt: '2026-01-14T19:21:02.122Z',
      steps: 20,
    })
    await writeFile(path, after)
    const again = await foldSummary(await fileOf(path))
    expect(again.fold.resumed).toBe(false)
    expect(await summaryFromFold(store, await fileOf(path), again)).toMatchObject({
      id: 'a485154',
      parentId: 'sid',
      updatedAt: '2026-01-14T19:22:00.000Z',
      steps: 20,
      errors: 1,
    })
  })
})
