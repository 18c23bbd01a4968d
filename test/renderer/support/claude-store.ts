// A Claude Code home for the renderer's tests, written line by line with the tests' own builders
// (test/support/claude-fixtures.ts): sub-agents in files of their own (≥ v2.1.2) and recorded
// inline in their parent's log (≤ v1.0), a compaction, damaged lines, two projects whose working
// directories share a name, and one that records no working directory at all.
import { readdir, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { ClaudeLog, writeClaudeSession, writeNewAgent } from '../../support/claude-fixtures'

export const PAYMENTS_KEY = '-home-dana-src-payments-service'
const PAYMENTS_CWD = '/home/dana/src/payments-service'

const SONNET = 'claude-sonnet-4-5'
const HAIKU = 'claude-haiku-4-5'

export interface ClaudeStore {
  /** The home, as the app is given it. */
  home: string
  ids: {
    migrate: string
    /** Its sub-agents, in files of their own. */
    explore: string
    review: string
    flaky: string
    /** Its sub-agents, recorded inline (named by the uuid of their first line). */
    flakySearch: string
    flakyFix: string
    notes: string
  }
}

/** The sub-agents of the migration, by agentId: each the Task call's input that started it. */
const MIGRATE_AGENTS = {
  a3f9c21: {
    description: 'Find every webhook handler and what it publishes',
    prompt: 'Find every webhook handler.',
    subagent_type: 'Explore',
  },
  b71e044: { description: 'Review the migration diff for lost retries', prompt: 'Review the diff.', subagent_type: 'general-purpose' },
} as const

/** A Task call, and its result naming the sub-agent whose file holds the transcript. */
function delegate(log: ClaudeLog, agentId: keyof typeof MIGRATE_AGENTS): void {
  const [call] = log.response({ tools: [{ name: 'Task', input: MIGRATE_AGENTS[agentId] }], model: SONNET })
  log.result(call!, 'Done.', { toolUseResult: { status: 'completed', agentId, totalDurationMs: 158_000 } })
}

/** Three turns, the last after an automatic compaction; two Task calls start sub-agents with files of their own. */
async function writeMigrate(root: string): Promise<{ migrate: string; explore: string; review: string }> {
  const log = new ClaudeLog({ cwd: PAYMENTS_CWD, gitBranch: 'feat/event-bus', start: '2026-11-21T08:02:10.000Z' })
  log.prompt('Move every webhook handler in `src/webhooks/` onto the new event bus (`bus.publish`). Keep the retry semantics.')
  delegate(log, 'a3f9c21')
  // The user switched models for a quick answer (/model): the session has used two.
  log.response({ text: 'I mapped the handlers first: **11 handlers**, 3 of which retry on their own.', model: HAIKU })
  log.prompt('Go ahead and migrate them.')
  const [test] = log.response({ text: 'Migrated all 11.', tools: [{ name: 'Bash', input: { command: 'npm test' } }], model: SONNET })
  log.result(test!, '1 failing: refund idempotency', { isError: true })
  log.compaction('auto', 155_979)
  log.prompt('Have someone review the diff for lost retries before I merge.')
  delegate(log, 'b71e044')
  log.response({ text: 'The reviewer found no lost retries.', model: SONNET })
  // Two lines cut short (an agent killed mid-write, then resumed): the reader skips them.
  const lines = log.toString().split('\n')
  lines.splice(4, 0, '{"type":"assistant","message":{"role":', '{"parentUuid":')
  await writeClaudeSession(root, PAYMENTS_KEY, lines.join('\n'), log.sessionId)

  for (const [agentId, task] of Object.entries(MIGRATE_AGENTS)) {
    const agent = new ClaudeLog({ sessionId: log.sessionId, agentId, cwd: PAYMENTS_CWD, start: '2026-11-21T08:03:00.000Z' })
    agent.prompt(task.prompt)
    agent.response({ text: 'Done.', model: HAIKU })
    await writeNewAgent(root, PAYMENTS_KEY, log.sessionId, agentId, agent, { agentType: task.subagent_type, description: task.description })
  }
  return { migrate: log.sessionId, explore: 'a3f9c21', review: 'b71e044' }
}

/** Claude Code ≤ v1.0: two sub-agents recorded inline, each started by a Task call of the parent. */
async function writeFlaky(root: string): Promise<{ flaky: string; flakySearch: string; flakyFix: string }> {
  const log = new ClaudeLog({ cwd: PAYMENTS_CWD, version: '1.0.108', start: '2026-11-18T14:10:00.000Z' })
  log.prompt('test_refund_idempotency fails about once a week on CI. Why?')
  const search = { description: 'Search the CI logs for refund test failures', prompt: 'Search the CI logs for refund test failures.' }
  const fix = { description: 'Make the refund fixture use a fixed clock', prompt: 'Make the refund fixture use a fixed clock.' }
  const [searchCall, fixCall] = log.response({
    tools: [
      { name: 'Task', input: search },
      { name: 'Task', input: fix },
    ],
  })
  const chainStarts: string[] = []
  for (const [call, task] of [
    [searchCall!, search],
    [fixCall!, fix],
  ] as const) {
    log.sidechainPrompt(task.prompt)
    chainStarts.push(log.uuids().at(-1)!)
    const [step] = log.response({ text: 'Looking.', tools: [{ name: 'Bash', input: { command: 'gh run list' } }], model: HAIKU }, true)
    log.result(step!, 'ok', { side: true })
    log.response({ text: 'Done.', model: HAIKU }, true)
    log.result(call, 'Done.')
  }
  log.response({ text: 'It depends on the wall clock crossing a second boundary; the fixture now uses a fixed clock.' })
  await writeClaudeSession(root, PAYMENTS_KEY, log)
  return { flaky: log.sessionId, flakySearch: chainStarts[0]!, flakyFix: chainStarts[1]! }
}

async function writeSimple(root: string, project: string, cwd: string, prompt: string, start: string): Promise<string> {
  const log = new ClaudeLog({ cwd, start })
  log.prompt(prompt)
  log.response({ text: 'Done.' })
  await writeClaudeSession(root, project, log)
  return log.sessionId
}

/** Writes the home into `dir`; every file dated well in the past, so that none is live. */
export async function writeClaudeStore(dir: string): Promise<ClaudeStore> {
  const home = join(dir, '.claude')
  const root = join(home, 'projects')
  const migrate = await writeMigrate(root)
  const flaky = await writeFlaky(root)
  await writeSimple(root, '-home-dana-src-app', '/home/dana/src/app', 'Dark mode for the settings screen', '2026-11-20T16:00:00.000Z')
  await writeSimple(root, '-home-dana-work-app', '/home/dana/work/app', 'Bump the Android target SDK', '2026-11-19T11:00:00.000Z')
  // A blank cwd on every line: the project's working directory is not known.
  const notes = await writeSimple(root, '-home-dana-notes', '', 'Summarise this week’s meeting notes', '2026-11-15T18:00:00.000Z')
  const past = new Date(Date.now() - 86_400_000)
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) await utimes(join(entry.parentPath, entry.name), past, past)
  }
  return { home, ids: { ...migrate, ...flaky, notes } }
}
