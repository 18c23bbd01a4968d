// Builders for the tests' own store fixtures, modelled field by field on docs/formats/ (oxios.md, astrid.md, ao-rs.md).
// They write real files into real temporary directories.

import { randomUUID } from 'node:crypto'
import { mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { stringify } from 'yaml'

export async function makeTempDir(label = 'sessionscope'): Promise<string> {
  return mkdtemp(join(tmpdir(), `${label}-`))
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
}

export async function writeFileDeep(path: string, content: string | Buffer): Promise<string> {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, content)
  return path
}

/** Every file under a folder with its bytes (base64), to compare whole trees before and after. */
export async function readTree(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  async function walk(folder: string) {
    for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) await walk(path)
      else out[relative(root, path)] = (await readFile(path)).toString('base64')
    }
  }
  await walk(root)
  return out
}

/** Sets a file's mtime (and atime) to an ISO time, so tests control "updated" for mtime-based formats. */
export async function setMtime(path: string, iso: string): Promise<void> {
  const when = new Date(iso)
  await utimes(path, when, when)
}

// ---------- Oxios ----------

export interface OxiosTurnSpec {
  user: string
  agent?: string
  steps?: Array<{ tool: string; args?: unknown; output?: string; durationMs?: number; isError?: boolean; at?: string }>
}

/** A serde-shaped Oxios session document; `extra` keys are merged last (e.g. legacy fields). */
export function oxiosDocument(options: {
  id?: string
  turns?: OxiosTurnSpec[]
  projectId?: string
  metadata?: Record<string, unknown>
  createdAt?: string
  updatedAt?: string
  parentSessionId?: string
  extra?: Record<string, unknown>
}): Record<string, unknown> {
  const turns = options.turns ?? [{ user: 'Hello there', agent: 'Hi!' }]
  // Messages happen before the session was last updated, as in a real file: given only updatedAt,
  // the turns end just before it (prune ages Oxios sessions by their last message).
  const shifted = options.createdAt === undefined && options.updatedAt !== undefined
  const base = shifted
    ? Date.parse(options.updatedAt as string) - turns.length * 60_000
    : Date.parse(options.createdAt ?? '2026-11-01T10:00:00Z')
  const stamp = (offsetMs: number) => new Date(base + offsetMs).toISOString()
  const userMessages: unknown[] = []
  const agentResponses: unknown[] = []
  const steps: Record<string, unknown>[] = []
  turns.forEach((turn, i) => {
    userMessages.push({ content: turn.user, timestamp: stamp(i * 60_000) })
    if (turn.agent === undefined) return
    const start = steps.length
    for (const [s, step] of (turn.steps ?? []).entries()) {
      steps.push({
        tool_name: step.tool,
        tool_args: step.args ?? {},
        output_summary: step.output ?? 'ok',
        duration_ms: step.durationMs ?? 100,
        is_error: step.isError ?? false,
        tool_call_id: `call_${i}_${s}`,
        timestamp: step.at ?? stamp(i * 60_000 + 1000 + s * 500),
      })
    }
    const response: Record<string, unknown> = {
      content: turn.agent,
      session_id: null,
      phase_reached: null,
      evaluation_passed: null,
      timestamp: stamp(i * 60_000 + 30_000),
    }
    if (steps.length > start) response.trajectory_range = { start, end: steps.length }
    agentResponses.push(response)
  })
  const doc: Record<string, unknown> = {
    id: options.id ?? randomUUID(),
    user_id: 'user-1',
    user_messages: userMessages,
    agent_responses: agentResponses,
  }
  if (steps.length > 0) doc.trajectory_steps = steps
  if (options.projectId !== undefined) doc.project_id = options.projectId
  if (options.parentSessionId !== undefined) doc.parent_session_id = options.parentSessionId
  doc.created_at = options.createdAt ?? (shifted ? new Date(base).toISOString() : '2026-11-01T10:00:00Z')
  doc.updated_at = options.updatedAt ?? options.createdAt ?? '2026-11-01T10:00:00Z'
  doc.metadata = options.metadata ?? {}
  return { ...doc, ...options.extra }
}

/** Writes an Oxios document as serde_json::to_string_pretty does; returns its path. */
export async function writeOxios(sessionsDir: string, doc: Record<string, unknown>, folder = ''): Promise<string> {
  return writeFileDeep(join(sessionsDir, folder, `${String(doc.id)}.json`), JSON.stringify(doc, null, 2))
}

// ---------- Astrid ----------

export type AstridMessageSpec = { role: string; content: unknown }

export function astridDocument(options: {
  id?: string
  messages?: AstridMessageSpec[]
  title?: string | null
  workspacePath?: string | null
  model?: string | null
  createdAt?: string
  extra?: Record<string, unknown>
}): Record<string, unknown> {
  return {
    id: options.id ?? randomUUID(),
    user_id: '0123456789abcdef',
    messages: options.messages ?? [
      { role: 'system', content: 'You are Astrid.' },
      { role: 'user', content: 'Hello' },
      { role: 'assistant', content: 'Hi' },
    ],
    system_prompt: 'You are Astrid.',
    created_at: options.createdAt ?? '2026-11-02T09:00:00Z',
    token_count: 1234,
    metadata: {
      title: options.title ?? null,
      tags: [],
      turn_count: 0,
      tool_call_count: 0,
      approval_count: 0,
      custom: {},
    },
    allowances: [],
    budget_snapshot: null,
    escape_state: null,
    workspace_path: options.workspacePath === undefined ? null : options.workspacePath,
    model: options.model === undefined ? 'claude-sonnet-4-20250514' : options.model,
    git_state: null,
    ...options.extra,
  }
}

export async function writeAstrid(sessionsDir: string, doc: Record<string, unknown>, folder = ''): Promise<string> {
  return writeFileDeep(join(sessionsDir, folder, `${String(doc.id)}.json`), JSON.stringify(doc, null, 2))
}

// ---------- ao-rs ----------

export function aoDocument(options: {
  id?: string
  projectId?: string
  status?: string
  task?: string
  createdAtMs?: number
  extra?: Record<string, unknown>
}): Record<string, unknown> {
  const id = options.id ?? randomUUID()
  return {
    id,
    project_id: options.projectId ?? 'demo',
    status: options.status ?? 'working',
    agent: 'claude-code',
    branch: `ao-${id.slice(0, 8)}`,
    task: options.task ?? 'Fix the flaky test',
    workspace_path: '/home/dev/demo',
    runtime_handle: null,
    runtime: 'tmux',
    activity: null,
    created_at: options.createdAtMs ?? Date.parse('2026-11-03T08:00:00Z'),
    ...options.extra,
  }
}

/** Writes an ao-rs session as YAML into <store>/<project>/[.archive/]<id>.yaml. */
export async function writeAo(
  storeDir: string,
  doc: Record<string, unknown>,
  options: { archived?: boolean; folder?: string } = {},
): Promise<string> {
  const folder = options.folder ?? String(doc.project_id)
  const path = join(storeDir, folder, options.archived ? '.archive' : '', `${String(doc.id)}.yaml`)
  return writeFileDeep(path, stringify(doc))
}
