// Data for the fake client in the agent-log formats (tests only): a Claude Code store with
// sub-agents both in files of their own and recorded inline, and a compaction; a Codex CLI and a
// Gemini CLI store, whose sessions cannot move between projects.
import type { SessionDetail, SessionSummary, Step, Turn } from '../../../src-shared/model'
import type { StoreView } from '../../../src-shared/contract'
import { capabilitiesOf } from '../../../src-main/core/formats/registry'

export const CLAUDE_ROOT = '/home/dana/.claude/projects'
export const CODEX_ROOT = '/home/dana/.codex/sessions'
export const GEMINI_ROOT = '/home/dana/.gemini/tmp'

export const AGENT_STORES: StoreView[] = [
  { id: 'store-claude', format: 'claude', root: CLAUDE_ROOT, isSample: false, ...capabilitiesOf('claude') },
  { id: 'store-codex', format: 'codex', root: CODEX_ROOT, isSample: false, ...capabilitiesOf('codex') },
  { id: 'store-gemini', format: 'gemini', root: GEMINI_ROOT, isSample: false, ...capabilitiesOf('gemini') },
]

function session(
  fields: Partial<SessionSummary> & Pick<SessionSummary, 'id' | 'format' | 'store' | 'path' | 'title' | 'updatedAt'>,
): SessionSummary {
  return {
    project: null,
    projectPath: null,
    createdAt: fields.updatedAt,
    modifiedAt: fields.updatedAt,
    turns: 1,
    steps: 0,
    errors: 0,
    archived: false,
    bytes: 4096,
    model: null,
    status: null,
    parentId: null,
    tokens: null,
    agent: null,
    branch: null,
    costUsd: null,
    ...fields,
  }
}

const PAYMENTS_KEY = '-home-dana-src-payments-service'
const PAYMENTS_CWD = '/home/dana/src/payments-service'

/** Ids the tests refer to. */
export const AGENT_IDS = {
  migrate: '7d2c1f4e-1b6a-4c55-9a0e-3f1b2c4d5e6f',
  explore: 'agent-a3f9c21',
  review: 'agent-b71e044',
  flaky: 'c41b9e02-55aa-4f1e-8d3c-9b7a6e5d4c3b',
  flakySearch: 'agent-0c8d1e2',
  flakyFix: 'agent-0c8d1e3',
  appHome: '0b6e2d9a-7c41-4e8f-a2b3-c4d5e6f7a8b9',
  appWork: '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f',
  notes: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
  codexRetry: '019a8f2e-6b1c-7d3e-9f40-a1b2c3d4e5f6',
  codexLint: '019a7e1d-5a0b-7c2d-8e3f-b2c3d4e5f6a7',
  gemini: '3c9d8e7f-6a5b-4c3d-9e8f-7a6b5c4d3e2f',
  geminiSub: '3c9d8e7f-6a5b-4c3d-9e8f-7a6b5c4d3e2f-sub1',
} as const

const migrate = `${CLAUDE_ROOT}/${PAYMENTS_KEY}/${AGENT_IDS.migrate}.jsonl`
const flaky = `${CLAUDE_ROOT}/${PAYMENTS_KEY}/${AGENT_IDS.flaky}.jsonl`

export const AGENT_SESSIONS: SessionSummary[] = [
  session({
    id: AGENT_IDS.migrate,
    format: 'claude',
    store: CLAUDE_ROOT,
    path: migrate,
    project: PAYMENTS_KEY,
    projectPath: PAYMENTS_CWD,
    title: 'Migrate the webhook handlers to the new event bus',
    createdAt: '2026-11-21T08:02:11.000Z',
    updatedAt: '2026-11-21T09:48:30.000Z',
    turns: 3,
    steps: 6,
    errors: 1,
    bytes: 812_344,
    model: 'claude-sonnet-4-5',
    tokens: { input: 18_230, output: 41_877, cacheRead: 2_310_554, cacheWrite: 188_412 },
    branch: 'feat/event-bus',
    costUsd: 4.83,
  }),
  session({
    id: AGENT_IDS.explore,
    format: 'claude',
    store: CLAUDE_ROOT,
    path: `${CLAUDE_ROOT}/${PAYMENTS_KEY}/${AGENT_IDS.migrate}/subagents/${AGENT_IDS.explore}.jsonl`,
    project: PAYMENTS_KEY,
    projectPath: PAYMENTS_CWD,
    title: 'Find every webhook handler and what it publishes',
    createdAt: '2026-11-21T08:03:02.000Z',
    updatedAt: '2026-11-21T08:05:40.000Z',
    turns: 1,
    steps: 2,
    model: 'claude-haiku-4-5',
    parentId: AGENT_IDS.migrate,
    tokens: { input: 3_102, output: 2_877, cacheRead: 41_200, cacheWrite: 9_870 },
  }),
  session({
    id: AGENT_IDS.review,
    format: 'claude',
    store: CLAUDE_ROOT,
    path: `${CLAUDE_ROOT}/${PAYMENTS_KEY}/${AGENT_IDS.migrate}/subagents/${AGENT_IDS.review}.jsonl`,
    project: PAYMENTS_KEY,
    projectPath: PAYMENTS_CWD,
    title: 'Review the migration diff for lost retries',
    createdAt: '2026-11-21T09:30:12.000Z',
    updatedAt: '2026-11-21T09:36:51.000Z',
    turns: 1,
    steps: 1,
    model: 'claude-sonnet-4-5',
    parentId: AGENT_IDS.migrate,
  }),
  session({
    id: AGENT_IDS.flaky,
    format: 'claude',
    store: CLAUDE_ROOT,
    path: flaky,
    project: PAYMENTS_KEY,
    projectPath: PAYMENTS_CWD,
    title: 'Why is test_refund_idempotency flaky?',
    createdAt: '2026-11-18T14:10:00.000Z',
    updatedAt: '2026-11-18T14:52:19.000Z',
    turns: 1,
    steps: 2,
    model: 'claude-opus-4-1',
    tokens: { input: 7_410, output: 9_023, cacheRead: 512_004, cacheWrite: 40_118 },
    children: [
      session({
        id: AGENT_IDS.flakySearch,
        format: 'claude',
        store: CLAUDE_ROOT,
        path: flaky,
        project: PAYMENTS_KEY,
        projectPath: PAYMENTS_CWD,
        title: 'Search the CI logs for refund test failures',
        createdAt: '2026-11-18T14:12:30.000Z',
        updatedAt: '2026-11-18T14:20:02.000Z',
        turns: 1,
        steps: 1,
        parentId: AGENT_IDS.flaky,
      }),
      session({
        id: AGENT_IDS.flakyFix,
        format: 'claude',
        store: CLAUDE_ROOT,
        path: flaky,
        project: PAYMENTS_KEY,
        projectPath: PAYMENTS_CWD,
        title: 'Make the refund fixture use a fixed clock',
        createdAt: '2026-11-18T14:30:00.000Z',
        updatedAt: '2026-11-18T14:44:10.000Z',
        turns: 1,
        steps: 0,
        parentId: AGENT_IDS.flaky,
      }),
    ],
  }),
  session({
    id: AGENT_IDS.appHome,
    format: 'claude',
    store: CLAUDE_ROOT,
    path: `${CLAUDE_ROOT}/-home-dana-src-app/${AGENT_IDS.appHome}.jsonl`,
    project: '-home-dana-src-app',
    projectPath: '/home/dana/src/app',
    title: 'Dark mode for the settings screen',
    updatedAt: '2026-11-20T16:20:00.000Z',
  }),
  session({
    id: AGENT_IDS.appWork,
    format: 'claude',
    store: CLAUDE_ROOT,
    path: `${CLAUDE_ROOT}/-home-dana-work-app/${AGENT_IDS.appWork}.jsonl`,
    project: '-home-dana-work-app',
    projectPath: '/home/dana/work/app',
    title: 'Bump the Android target SDK',
    updatedAt: '2026-11-19T11:05:00.000Z',
  }),
  session({
    id: AGENT_IDS.notes,
    format: 'claude',
    store: CLAUDE_ROOT,
    path: `${CLAUDE_ROOT}/-home-dana-notes/${AGENT_IDS.notes}.jsonl`,
    project: '-home-dana-notes',
    projectPath: null,
    title: 'Summarise this week’s meeting notes',
    updatedAt: '2026-11-15T18:00:00.000Z',
  }),
  session({
    id: AGENT_IDS.codexRetry,
    format: 'codex',
    store: CODEX_ROOT,
    path: `${CODEX_ROOT}/2026/11/20/rollout-2026-11-20T10-12-00-${AGENT_IDS.codexRetry}.jsonl`,
    project: PAYMENTS_CWD,
    projectPath: PAYMENTS_CWD,
    title: 'Add exponential backoff to the payout retry loop',
    updatedAt: '2026-11-20T10:40:00.000Z',
    turns: 1,
    steps: 2,
    model: 'gpt-5-codex',
    tokens: { input: 182_300, output: 6_120, cacheRead: 150_912, cacheWrite: 0, inputIncludesCache: true },
  }),
  session({
    id: AGENT_IDS.codexLint,
    format: 'codex',
    store: CODEX_ROOT,
    path: `${CODEX_ROOT}/2026/11/17/rollout-2026-11-17T09-00-00-${AGENT_IDS.codexLint}.jsonl.zst`,
    project: '/home/dana/src/cli-tools',
    projectPath: '/home/dana/src/cli-tools',
    title: 'Fix the clippy warnings in the cli-tools crate',
    updatedAt: '2026-11-17T09:31:00.000Z',
    model: 'gpt-5-codex',
  }),
  session({
    id: AGENT_IDS.gemini,
    format: 'gemini',
    store: GEMINI_ROOT,
    path: `${GEMINI_ROOT}/site/chats/session-2026-11-19T08-00-${AGENT_IDS.gemini.slice(0, 8)}.json`,
    project: '/home/dana/src/site',
    projectPath: '/home/dana/src/site',
    title: 'Translate the landing page into German',
    updatedAt: '2026-11-19T08:45:00.000Z',
    turns: 1,
    steps: 1,
    model: 'gemini-2.5-pro',
    tokens: { input: 48_200, output: 5_310, cacheRead: 30_100, cacheWrite: 0, inputIncludesCache: true },
  }),
  session({
    id: AGENT_IDS.geminiSub,
    format: 'gemini',
    store: GEMINI_ROOT,
    path: `${GEMINI_ROOT}/site/chats/${AGENT_IDS.gemini}/sub1.json`,
    project: '/home/dana/src/site',
    projectPath: '/home/dana/src/site',
    title: 'Check the German copy for consistency',
    updatedAt: '2026-11-19T08:30:00.000Z',
    model: 'gemini-2.5-flash',
    parentId: AGENT_IDS.gemini,
  }),
]

function step(
  id: string,
  tool: string,
  args: unknown,
  output: string | null,
  at: string,
  durationMs: number,
  extra: Partial<Step> = {},
): Step {
  return { id, tool, args, output, at, durationMs, isError: false, ...extra }
}

export const AGENT_TURNS: Record<string, Turn[]> = {
  [AGENT_IDS.migrate]: [
    {
      index: 0,
      user: {
        text: 'Move every webhook handler in `src/webhooks/` onto the new event bus (`bus.publish`). Keep the retry semantics.',
        at: '2026-11-21T08:02:11.000Z',
      },
      agent: {
        text: 'I mapped the handlers first (a sub-agent read them all): **11 handlers**, 3 of which retry on their own.',
        at: '2026-11-21T08:06:02.000Z',
      },
      steps: [
        step(
          'toolu_01',
          'Task',
          { description: 'Find every webhook handler', subagent_type: 'Explore' },
          '11 handlers found; see the sub-agent.',
          '2026-11-21T08:03:01.000Z',
          158_000,
          {
            childSessionId: AGENT_IDS.explore,
          },
        ),
        step('toolu_02', 'Read', { file_path: 'src/webhooks/index.ts' }, 'export * from "./stripe"\n…', '2026-11-21T08:05:45.000Z', 31),
      ],
    },
    {
      index: 1,
      user: { text: 'Go ahead and migrate them.', at: '2026-11-21T08:07:00.000Z' },
      agent: { text: 'Migrated all 11. `npm test` passes except one flaky refund test.', at: '2026-11-21T09:20:00.000Z' },
      steps: [
        step('toolu_03', 'Edit', { file_path: 'src/webhooks/stripe.ts' }, 'ok', '2026-11-21T08:10:00.000Z', 120),
        step('toolu_04', 'Bash', { command: 'npm test' }, '1 failing: refund idempotency', '2026-11-21T09:15:00.000Z', 48_200, {
          isError: true,
        }),
      ],
    },
    {
      index: 2,
      compactedBefore: { at: '2026-11-21T09:28:40.000Z', trigger: 'auto', preTokens: 155_979 },
      user: { text: 'Have someone review the diff for lost retries before I merge.', at: '2026-11-21T09:30:00.000Z' },
      agent: { text: 'The reviewer found no lost retries; one handler now retries twice, fixed.', at: '2026-11-21T09:48:30.000Z' },
      steps: [
        step(
          'toolu_05',
          'Task',
          { description: 'Review the migration diff', subagent_type: 'general-purpose' },
          'No lost retries; double retry in refunds.ts.',
          '2026-11-21T09:30:10.000Z',
          401_000,
          {
            childSessionId: AGENT_IDS.review,
          },
        ),
        step('toolu_06', 'Edit', { file_path: 'src/webhooks/refunds.ts' }, 'ok', '2026-11-21T09:47:00.000Z', 90),
      ],
    },
  ],
  [AGENT_IDS.explore]: [
    {
      index: 0,
      user: { text: 'Find every webhook handler in src/webhooks and say what each publishes.', at: '2026-11-21T08:03:02.000Z' },
      agent: { text: '11 handlers. `stripe.ts`, `refunds.ts` and `payouts.ts` retry on their own.', at: '2026-11-21T08:05:40.000Z' },
      steps: [
        step('toolu_a1', 'Glob', { pattern: 'src/webhooks/*.ts' }, '11 files', '2026-11-21T08:03:10.000Z', 12),
        step('toolu_a2', 'Grep', { pattern: 'retry' }, 'stripe.ts, refunds.ts, payouts.ts', '2026-11-21T08:04:00.000Z', 40),
      ],
    },
  ],
  [AGENT_IDS.flaky]: [
    {
      index: 0,
      user: { text: 'test_refund_idempotency fails about once a week on CI. Why?', at: '2026-11-18T14:10:00.000Z' },
      agent: {
        text: 'It depends on the wall clock crossing a second boundary; the fixture now uses a fixed clock.',
        at: '2026-11-18T14:52:19.000Z',
      },
      steps: [
        step(
          'toolu_f1',
          'Task',
          { description: 'Search the CI logs' },
          'Failures at :59.9xx seconds',
          '2026-11-18T14:12:30.000Z',
          452_000,
          { childSessionId: AGENT_IDS.flakySearch },
        ),
        step('toolu_f2', 'Task', { description: 'Fix the fixture' }, 'Done', '2026-11-18T14:30:00.000Z', 850_000, {
          childSessionId: AGENT_IDS.flakyFix,
        }),
      ],
    },
  ],
  [AGENT_IDS.flakySearch]: [
    {
      index: 0,
      user: { text: 'Search the CI logs for refund test failures and their timestamps.', at: '2026-11-18T14:12:30.000Z' },
      agent: { text: 'All 6 failures started within 100 ms of a full second.', at: '2026-11-18T14:20:02.000Z' },
      steps: [step('toolu_s1', 'Bash', { command: 'gh run list --workflow ci' }, '…', '2026-11-18T14:13:00.000Z', 2_300)],
    },
  ],
  [AGENT_IDS.codexRetry]: [
    {
      index: 0,
      user: { text: 'Add exponential backoff to the payout retry loop (max 5 attempts).', at: '2026-11-20T10:12:00.000Z' },
      agent: { text: 'Done: 200 ms × 2ⁿ with jitter, capped at 5 attempts.', at: '2026-11-20T10:40:00.000Z' },
      steps: [
        step('call_1', 'shell', { command: ['rg', 'retry', 'src/payouts'] }, 'src/payouts/loop.rs', '2026-11-20T10:13:00.000Z', 210),
        step('call_2', 'apply_patch', { input: '*** Begin Patch' }, 'Success', '2026-11-20T10:30:00.000Z', 1_400),
      ],
    },
  ],
  [AGENT_IDS.gemini]: [
    {
      index: 0,
      user: { text: 'Translate the landing page into German.', at: '2026-11-19T08:00:00.000Z' },
      agent: { text: 'Translated; a sub-agent checked the terminology.', at: '2026-11-19T08:45:00.000Z' },
      steps: [
        step('g1', 'codebase_investigator', { objective: 'Check the German copy' }, 'Consistent', '2026-11-19T08:20:00.000Z', 600_000, {
          childSessionId: AGENT_IDS.geminiSub,
        }),
      ],
    },
  ],
}

/** What loadSession adds beyond the summary and turns, by session id. */
export const AGENT_DETAILS: Record<string, Partial<Pick<SessionDetail, 'models' | 'skippedLines'>>> = {
  [AGENT_IDS.migrate]: { models: ['claude-sonnet-4-5', 'claude-haiku-4-5'], skippedLines: 2 },
  [AGENT_IDS.codexRetry]: { models: ['gpt-5-codex'] },
}
