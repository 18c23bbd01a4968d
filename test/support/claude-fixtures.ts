// Builders for Claude Code logs (docs/formats/claude-code.md), written line by line as Claude Code
// does: an envelope on every conversational line, uuids chained through parentUuid, one API
// response split over several assistant lines whose output count grows.

import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { writeFileDeep } from './fixtures'

export type Block = Record<string, unknown>

export interface ClaudeLogOptions {
  sessionId?: string
  cwd?: string
  gitBranch?: string
  version?: string
  /** ISO time of the first line; each line is one second after the previous. */
  start?: string
  /** Sub-agent logs: every line a sidechain with this agentId. */
  agentId?: string
  slug?: string
}

export interface ResponseSpec {
  text?: string
  thinking?: string
  tools?: Array<{ name: string; input?: Record<string, unknown>; id?: string }>
  model?: string
  /** Usage of the response's last line; earlier lines carry a smaller output count. */
  usage?: { input?: number; output?: number; cacheRead?: number; cacheWrite?: number }
  id?: string
}

/** One Claude Code log being written; `toString()` is its JSONL. */
export class ClaudeLog {
  readonly sessionId: string
  readonly lines: Array<Record<string, unknown>> = []
  private last: string | null = null
  private clock: number
  private readonly options: ClaudeLogOptions
  /** Sidechain lines written inline (≤ v1.0) chain apart from the main conversation. */
  private sideLast: string | null = null

  constructor(options: ClaudeLogOptions = {}) {
    this.options = options
    this.sessionId = options.sessionId ?? randomUUID()
    this.clock = Date.parse(options.start ?? '2026-03-01T10:00:00.000Z')
  }

  /** Moves the clock on, so the next line is `ms` later than it would be. */
  wait(ms: number): this {
    this.clock += ms
    return this
  }

  now(): string {
    return new Date(this.clock).toISOString()
  }

  private envelope(
    type: string,
    extra: Record<string, unknown>,
    side: { sidechain: boolean; parent?: string | null } = { sidechain: false },
  ) {
    this.clock += 1000
    const uuid = randomUUID()
    const sidechain = side.sidechain || this.options.agentId !== undefined
    const parentUuid = side.parent !== undefined ? side.parent : side.sidechain ? this.sideLast : this.last
    const line: Record<string, unknown> = {
      parentUuid,
      isSidechain: sidechain,
      userType: 'external',
      cwd: this.options.cwd ?? '/home/dev/demo',
      sessionId: this.sessionId,
      version: this.options.version ?? '2.1.7',
      gitBranch: this.options.gitBranch ?? 'main',
      ...(this.options.agentId !== undefined ? { agentId: this.options.agentId } : {}),
      ...(this.options.slug !== undefined ? { slug: this.options.slug } : {}),
      type,
      ...extra,
      uuid,
      timestamp: this.now(),
    }
    this.lines.push(line)
    if (side.sidechain) this.sideLast = uuid
    else this.last = uuid
    return line
  }

  /** A user line with any content (a prompt, tool results, a command wrapper…). */
  user(content: string | Block[], extra: Record<string, unknown> = {}): this {
    this.envelope('user', { message: { role: 'user', content }, ...extra })
    return this
  }

  prompt(text: string): this {
    this.user(text)
    return this
  }

  /**
   * One API response, one line per content block as Claude Code streams it; every line has the
   * same message id and its own usage, the output count growing to the final one.
   */
  response(spec: ResponseSpec, side = false): string[] {
    const id = spec.id ?? `msg_${randomUUID().replace(/-/g, '').slice(0, 24)}`
    const content: Block[] = []
    if (spec.thinking) content.push({ type: 'thinking', thinking: spec.thinking, signature: 'sig' })
    if (spec.text !== undefined) content.push({ type: 'text', text: spec.text })
    const toolIds: string[] = []
    for (const tool of spec.tools ?? []) {
      const toolId = tool.id ?? `toolu_${randomUUID().replace(/-/g, '').slice(0, 24)}`
      toolIds.push(toolId)
      content.push({ type: 'tool_use', id: toolId, name: tool.name, input: tool.input ?? {} })
    }
    const usage = spec.usage ?? {}
    content.forEach((block, i) => {
      const lastPiece = i === content.length - 1
      this.envelope(
        'assistant',
        {
          message: {
            model: spec.model ?? 'claude-sonnet-4-5-20250929',
            id,
            type: 'message',
            role: 'assistant',
            content: [block],
            stop_reason: lastPiece ? (toolIds.length > 0 ? 'tool_use' : 'end_turn') : null,
            stop_sequence: null,
            usage: {
              input_tokens: usage.input ?? 3,
              cache_creation_input_tokens: usage.cacheWrite ?? 0,
              cache_read_input_tokens: usage.cacheRead ?? 0,
              output_tokens: lastPiece ? (usage.output ?? 10) : 1 + i,
            },
          },
          requestId: `req_${id}`,
        },
        { sidechain: side },
      )
    })
    return toolIds
  }

  /** A tool_result for a tool_use id, on a user line of its own. */
  result(
    toolUseId: string,
    content: string | Block[],
    options: { isError?: boolean; toolUseResult?: unknown; after?: number; side?: boolean } = {},
  ): this {
    if (options.after !== undefined) this.clock += options.after - 1000
    const block: Block = { tool_use_id: toolUseId, type: 'tool_result', content }
    if (options.isError !== undefined) block.is_error = options.isError
    const extra: Record<string, unknown> = { message: { role: 'user', content: [block] } }
    if (options.toolUseResult !== undefined) extra.toolUseResult = options.toolUseResult
    this.envelope('user', extra, { sidechain: options.side ?? false })
    return this
  }

  /** The first line of an inline sidechain (≤ v1.0): a user line with parentUuid null. */
  sidechainPrompt(text: string): this {
    this.envelope('user', { message: { role: 'user', content: text } }, { sidechain: true, parent: null })
    return this
  }

  meta(text: string): this {
    this.user([{ type: 'text', text }], { isMeta: true })
    return this
  }

  compaction(trigger: 'auto' | 'manual', preTokens: number): this {
    this.envelope(
      'system',
      {
        subtype: 'compact_boundary',
        content: 'Conversation compacted',
        isMeta: false,
        level: 'info',
        compactMetadata: { trigger, preTokens },
      },
      { sidechain: false, parent: null },
    )
    this.user('This session is being continued from a previous conversation that ran out of context. Summary: …', {
      isCompactSummary: true,
      isVisibleInTranscriptOnly: true,
    })
    return this
  }

  system(subtype: string, extra: Record<string, unknown> = {}): this {
    this.envelope('system', { subtype, ...extra })
    return this
  }

  /** A bookkeeping line without the envelope (summary, custom-title, file-history-snapshot…). */
  raw(line: Record<string, unknown>): this {
    this.lines.push(line)
    return this
  }

  summary(summary: string, leafUuid: string): this {
    return this.raw({ type: 'summary', summary, leafUuid })
  }

  snapshot(): this {
    const messageId = randomUUID()
    return this.raw({
      type: 'file-history-snapshot',
      messageId,
      snapshot: { messageId, trackedFileBackups: {}, timestamp: this.now() },
      isSnapshotUpdate: false,
    })
  }

  /** Uuids of the lines written so far, in order. */
  uuids(): string[] {
    return this.lines.map((line) => line.uuid).filter((uuid): uuid is string => typeof uuid === 'string')
  }

  toString(): string {
    return this.lines.map((line) => `${JSON.stringify(line)}\n`).join('')
  }
}

/** <root>/<project>/<name>.jsonl, by default named after the session id. */
export async function writeClaudeSession(root: string, project: string, log: ClaudeLog | string, name?: string): Promise<string> {
  const fileName = `${name ?? (typeof log === 'string' ? randomUUID() : log.sessionId)}.jsonl`
  return writeFileDeep(join(root, project, fileName), log.toString())
}

/** An old-style sub-agent beside its parent: <root>/<project>/agent-<agentId>.jsonl. */
export async function writeOldAgent(root: string, project: string, agentId: string, log: ClaudeLog): Promise<string> {
  return writeFileDeep(join(root, project, `agent-${agentId}.jsonl`), log.toString())
}

/** A new-style sub-agent: <root>/<project>/<sessionId>/subagents/agent-<agentId>.jsonl (+ .meta.json). */
export async function writeNewAgent(
  root: string,
  project: string,
  sessionId: string,
  agentId: string,
  log: ClaudeLog,
  meta?: Record<string, unknown>,
): Promise<string> {
  const dir = join(root, project, sessionId, 'subagents')
  if (meta) await writeFileDeep(join(dir, `agent-${agentId}.meta.json`), JSON.stringify(meta))
  return writeFileDeep(join(dir, `agent-${agentId}.jsonl`), log.toString())
}
