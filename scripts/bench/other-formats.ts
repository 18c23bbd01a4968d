// The other formats' stores the bench has always generated (Oxios, Astrid, ao-rs: synthetic, as
// their samples are few and small), and one long Claude Code log; measured through the CLI beside
// the headline Claude Code corpus, with their own floors.

import { randomUUID } from 'node:crypto'
import { mkdir, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { stringify } from 'yaml'

/** A Claude Code log of `turns` prompts, each with tool calls and their results. */
function claudeSession(id: string, turns: number, outputBytes: number): string {
  const lines: string[] = []
  const base = Date.parse('2026-10-01T00:00:00Z')
  const envelope = {
    sessionId: id,
    cwd: `/home/dev/project-${id.charCodeAt(0) % 20}`,
    version: '2.1.7',
    userType: 'external',
    isSidechain: false,
  }
  let parent: string | null = null
  for (let t = 0; t < turns; t++) {
    const at = (ms: number) => new Date(base + t * 60_000 + ms).toISOString()
    const push = (value: Record<string, unknown>) => {
      lines.push(JSON.stringify({ ...envelope, ...value }))
      parent = value.uuid as string
    }
    push({
      type: 'user',
      uuid: `${id}-u${t}`,
      parentUuid: parent,
      timestamp: at(0),
      message: { role: 'user', content: `Turn ${t}: fix the failing test in module ${t % 9}` },
    })
    for (let s = 0; s < 3; s++) {
      push({
        type: 'assistant',
        uuid: `${id}-a${t}-${s}`,
        parentUuid: parent,
        timestamp: at(1000 + s * 2000),
        message: {
          id: `msg_${t}_${s}`,
          role: 'assistant',
          model: 'claude-sonnet-4-5-20250929',
          content: [{ type: 'tool_use', id: `toolu_${t}_${s}`, name: ['Read', 'Bash', 'Edit'][s], input: { file_path: `src/m${s}.ts` } }],
          usage: { input_tokens: 12, output_tokens: 40, cache_read_input_tokens: 9000, cache_creation_input_tokens: 300 },
        },
      })
      push({
        type: 'user',
        uuid: `${id}-r${t}-${s}`,
        parentUuid: parent,
        timestamp: at(1500 + s * 2000),
        message: {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: `toolu_${t}_${s}`, content: 'o'.repeat(outputBytes), is_error: s === 1 && t % 5 === 0 },
          ],
        },
      })
    }
  }
  return `${lines.join('\n')}\n`
}

const OLD = new Date('2026-09-01T00:00:00Z')

function oxiosSession(i: number, turns: number, stepsPerTurn: number): string {
  const start = Date.parse('2026-10-01T00:00:00Z') + i * 60_000
  const at = (ms: number) => new Date(start + ms).toISOString()
  const steps = []
  const users = []
  const responses = []
  for (let t = 0; t < turns; t++) {
    users.push({ content: `Turn ${t}: please look at module ${i % 97} and fix the failing test`, timestamp: at(t * 60_000) })
    const first = steps.length
    for (let s = 0; s < stepsPerTurn; s++) {
      steps.push({
        tool_name: ['read_file', 'shell', 'grep', 'write_file'][s % 4],
        tool_args: { path: `src/module_${s}.rs`, command: 'cargo test -p core' },
        output_summary: 'test result: ok. 42 passed; 0 failed; 0 ignored; finished in 1.23s '.repeat(4),
        duration_ms: 40 + ((i * 7 + s * 13) % 5000),
        is_error: (i + s) % 17 === 0,
        tool_call_id: `call_${t}_${s}`,
        timestamp: at(t * 60_000 + 1000 + s * 700),
      })
    }
    responses.push({
      content: `Done with turn ${t}. The fix changes the rounding in the invoice module.`,
      session_id: null,
      phase_reached: null,
      evaluation_passed: null,
      timestamp: at(t * 60_000 + 50_000),
      trajectory_range: { start: first, end: steps.length },
    })
  }
  return JSON.stringify(
    {
      id: randomUUID(),
      user_id: 'bench',
      user_messages: users,
      agent_responses: responses,
      trajectory_steps: steps,
      project_id: `project-${i % 40}`,
      created_at: at(0),
      updated_at: at(turns * 60_000),
      metadata: {},
    },
    null,
    2,
  )
}

function astridSession(i: number): string {
  const messages: unknown[] = [{ role: 'system', content: 'You are Astrid.' }]
  for (let t = 0; t < 6; t++) {
    messages.push({ role: 'user', content: `Question ${t} about service ${i % 31}` })
    messages.push({ role: 'assistant', content: [{ id: `c${t}`, name: 'filesystem:read_file', arguments: { path: `/srv/${t}.toml` } }] })
    messages.push({ role: 'tool', content: { call_id: `c${t}`, content: 'port = 8080\n'.repeat(20), is_error: t === 5 } })
    messages.push({ role: 'assistant', content: `Answer ${t}: the port is 8080.` })
  }
  return JSON.stringify(
    {
      id: randomUUID(),
      user_id: '0123456789abcdef',
      messages,
      system_prompt: 'You are Astrid.',
      created_at: new Date(Date.parse('2026-10-01T00:00:00Z') + i * 60_000).toISOString(),
      token_count: 1000,
      metadata: { title: null, tags: [], turn_count: 6, tool_call_count: 6, approval_count: 0, custom: {} },
      allowances: [],
      budget_snapshot: null,
      escape_state: null,
      workspace_path: `/home/dev/service-${i % 31}`,
      model: 'claude-sonnet-4-20250514',
      git_state: null,
    },
    null,
    2,
  )
}

function aoSession(i: number): string {
  return stringify({
    id: randomUUID(),
    project_id: `project-${i % 25}`,
    status: ['working', 'pr_open', 'merged', 'killed'][i % 4],
    agent: 'claude-code',
    branch: `ao-${i}`,
    task: `Fix issue #${i}\n\nDetails of the task for worker ${i}.`,
    workspace_path: `/home/dev/worktrees/${i}`,
    runtime_handle: null,
    runtime: 'tmux',
    activity: null,
    created_at: Date.parse('2026-10-01T00:00:00Z') + i * 60_000,
    cost: { input_tokens: 1000 + i, output_tokens: 200, cache_read_tokens: 5000, cache_creation_tokens: 100, cost_usd: 0.12 },
  })
}

export interface OtherStores {
  oxios: string
  astrid: string
  ao: string
  /** A Claude Code store holding one long log. */
  bigClaude: string
  bigClaudeBytes: number
}

/** 10,000 Oxios (and one of 400 turns, id big-session), 5,000 Astrid, 5,000 ao-rs sessions at scale 1; a Claude log of 200 MB × scale. */
export async function generateOthers(dir: string, scale: number): Promise<OtherStores> {
  const stores: OtherStores = {
    oxios: join(dir, 'oxios', 'sessions'),
    astrid: join(dir, 'astrid', 'sessions'),
    ao: join(dir, 'ao', 'sessions'),
    bigClaude: join(dir, 'claude', 'projects'),
    bigClaudeBytes: 0,
  }
  const write = async (path: string, text: string) => {
    await writeFile(path, text)
    await utimes(path, OLD, OLD)
  }
  const count = (n: number) => Math.max(10, Math.round(n * scale))
  await mkdir(stores.oxios, { recursive: true })
  await mkdir(stores.astrid, { recursive: true })
  for (let i = 0; i < count(10_000); i++) await write(join(stores.oxios, `${randomUUID()}.json`), oxiosSession(i, 4, 5))
  await write(join(stores.oxios, 'big-session.json'), oxiosSession(0, 400, 12).replace(/"id": "[^"]+"/, '"id": "big-session"'))
  for (let i = 0; i < count(5_000); i++) await write(join(stores.astrid, `${randomUUID()}.json`), astridSession(i))
  for (let i = 0; i < count(5_000); i++) {
    const folder = join(stores.ao, `project-${i % 25}`)
    await mkdir(folder, { recursive: true })
    await write(join(folder, `${randomUUID()}.yaml`), aoSession(i))
  }
  // 3,000 turns of three 22 KB tool outputs make about 200 MB.
  const turns = Math.max(50, Math.round(3000 * scale))
  await mkdir(join(stores.bigClaude, '-home-dev-big'), { recursive: true })
  const big = claudeSession('big-claude', turns, 22_000)
  stores.bigClaudeBytes = Buffer.byteLength(big)
  await write(join(stores.bigClaude, '-home-dev-big', 'big-claude.jsonl'), big)
  return stores
}
