// Builders for Codex CLI rollouts (docs/formats/codex-cli.md), written by the tests themselves:
// every line is the {timestamp, type, payload} envelope Codex writes, field by field.

import { join } from 'node:path'
import { writeFileDeep } from './fixtures'

export interface CodexLine {
  timestamp: string
  type: string
  payload: Record<string, unknown>
}

export interface RolloutOptions {
  id?: string
  cwd?: string
  /** ISO UTC time of session_meta; later lines step one second each. */
  start?: string
  branch?: string | null
  cliVersion?: string
  source?: unknown
  /** Write no session_meta line. */
  noMeta?: boolean
  metaExtra?: Record<string, unknown>
}

export const CODEX_ID = '019a0000-1111-7222-8333-444455556666'

/** A rollout under construction; each method appends lines the way Codex does. */
export class Rollout {
  readonly lines: Array<CodexLine | string> = []
  readonly id: string
  private clock: number
  private calls = 0

  constructor(readonly options: RolloutOptions = {}) {
    this.id = options.id ?? CODEX_ID
    this.clock = Date.parse(options.start ?? '2026-11-05T09:00:00.000Z')
    if (!options.noMeta) {
      this.push('session_meta', {
        id: this.id,
        timestamp: new Date(this.clock).toISOString(),
        cwd: options.cwd ?? '/home/dev/shop',
        originator: 'codex_cli_rs',
        cli_version: options.cliVersion ?? '0.135.0',
        source: options.source ?? 'cli',
        model_provider: 'openai',
        base_instructions: { text: 'You are Codex.' },
        ...(options.branch === null
          ? {}
          : { git: { commit_hash: 'abc123', branch: options.branch ?? 'main', repository_url: 'git@example.com:dev/shop.git' } }),
        ...options.metaExtra,
      })
    }
  }

  /** Milliseconds to move the clock before the next line (default one second per line). */
  wait(ms: number): this {
    this.clock += ms - 1000
    return this
  }

  now(): string {
    return new Date(this.clock).toISOString()
  }

  push(type: string, payload: Record<string, unknown>): this {
    this.lines.push({ timestamp: new Date(this.clock).toISOString(), type, payload })
    this.clock += 1000
    return this
  }

  raw(text: string): this {
    this.lines.push(text)
    return this
  }

  event(payload: Record<string, unknown>): this {
    return this.push('event_msg', payload)
  }

  item(payload: Record<string, unknown>): this {
    return this.push('response_item', payload)
  }

  turnContext(model: string, turnId = `turn-${this.lines.length}`): this {
    return this.push('turn_context', {
      turn_id: turnId,
      cwd: this.options.cwd ?? '/home/dev/shop',
      approval_policy: 'on-request',
      sandbox_policy: { type: 'workspace-write' },
      model,
      summary: 'auto',
    })
  }

  /** The injected context Codex writes as user messages at the start of a session. */
  context(): this {
    this.item({
      type: 'message',
      role: 'developer',
      content: [{ type: 'input_text', text: '<permissions instructions>sandboxed</permissions instructions>' }],
    })
    this.item({
      type: 'message',
      role: 'user',
      content: [{ type: 'input_text', text: '# AGENTS.md instructions for /home/dev/shop\n\nUse pnpm.' }],
    })
    return this.item({
      type: 'message',
      role: 'user',
      content: [{ type: 'input_text', text: '<environment_context>\n  <cwd>/home/dev/shop</cwd>\n</environment_context>' }],
    })
  }

  taskStarted(turnId = `task-${this.lines.length}`): this {
    return this.event({ type: 'task_started', turn_id: turnId, model_context_window: 258400, collaboration_mode_kind: 'default' })
  }

  taskComplete(turnId = 'task'): this {
    return this.event({ type: 'task_complete', turn_id: turnId, last_agent_message: null })
  }

  /** A prompt as Codex records it: a user response item, then the user_message event. */
  prompt(text: string): this {
    this.item({ type: 'message', role: 'user', content: [{ type: 'input_text', text }] })
    return this.event({ type: 'user_message', message: text, images: [], local_images: [], text_elements: [] })
  }

  /** An answer: the agent_message event and its assistant response item. */
  answer(text: string): this {
    this.event({ type: 'agent_message', message: text, phase: 'final_answer' })
    return this.item({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text }], phase: 'final_answer' })
  }

  nextCallId(): string {
    this.calls++
    return `call_${this.calls}`
  }

  functionCall(name: string, args: unknown, callId = this.nextCallId()): this {
    return this.item({ type: 'function_call', name, arguments: typeof args === 'string' ? args : JSON.stringify(args), call_id: callId })
  }

  functionOutput(callId: string, output: unknown): this {
    return this.item({ type: 'function_call_output', call_id: callId, output })
  }

  customCall(name: string, input: string, callId = this.nextCallId()): this {
    return this.item({ type: 'custom_tool_call', status: 'completed', call_id: callId, name, input })
  }

  customOutput(callId: string, output: string): this {
    return this.item({ type: 'custom_tool_call_output', call_id: callId, output })
  }

  localShell(command: string[], callId = this.nextCallId()): this {
    return this.item({
      type: 'local_shell_call',
      call_id: callId,
      status: 'completed',
      action: { type: 'exec', command, timeout_ms: 10000, working_directory: null, env: null, user: null },
    })
  }

  execEnd(callId: string, options: { exitCode?: number; secs?: number; nanos?: number; status?: string } = {}): this {
    return this.event({
      type: 'exec_command_end',
      call_id: callId,
      turn_id: 'task',
      command: ['bash', '-lc', 'true'],
      cwd: '/home/dev/shop',
      parsed_cmd: [],
      source: 'agent',
      stdout: '',
      stderr: '',
      aggregated_output: '',
      exit_code: options.exitCode ?? 0,
      duration: { secs: options.secs ?? 0, nanos: options.nanos ?? 0 },
      formatted_output: '',
      status: options.status ?? 'completed',
    })
  }

  patchApplyEnd(callId: string, success: boolean): this {
    return this.event({
      type: 'patch_apply_end',
      call_id: callId,
      turn_id: 'task',
      stdout: '',
      stderr: '',
      success,
      changes: {},
      status: success ? 'completed' : 'failed',
    })
  }

  tokens(
    total: { input: number; cached: number; output: number; reasoning?: number } | null,
    last?: { input: number; cached?: number; output: number },
  ): this {
    if (total === null) return this.event({ type: 'token_count', info: null, rate_limits: { primary: null } })
    const usage = (t: { input: number; cached?: number; output: number; reasoning?: number }) => ({
      input_tokens: t.input,
      cached_input_tokens: t.cached ?? 0,
      output_tokens: t.output,
      reasoning_output_tokens: t.reasoning ?? 0,
      total_tokens: t.input + t.output,
    })
    return this.event({
      type: 'token_count',
      info: { total_token_usage: usage(total), last_token_usage: usage(last ?? total), model_context_window: 258400 },
      rate_limits: null,
    })
  }

  /** An automatic compaction: the compacted line and its context_compacted event. */
  compaction(): this {
    this.push('compacted', {
      message: 'Summary of the work so far',
      replacement_history: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'old prompt' }] }],
    })
    return this.event({ type: 'context_compacted' })
  }

  text(): string {
    return this.lines.map((line) => `${typeof line === 'string' ? line : JSON.stringify(line)}\n`).join('')
  }
}

/** Codex's file name: rollout-<local time>-<uuid>.jsonl. */
export function rolloutName(id: string, localStamp = '2026-11-05T10-00-00'): string {
  return `rollout-${localStamp}-${id}.jsonl`
}

/**
 * Writes a rollout into a Codex home: sessions/YYYY/MM/DD/ from the name's date, or
 * archived_sessions/; content may be text or (compressed) bytes.
 */
export async function writeRollout(
  home: string,
  content: Rollout | string | Buffer,
  options: { id?: string; stamp?: string; archived?: boolean; suffix?: '' | '.zst' } = {},
): Promise<string> {
  const id = options.id ?? (content instanceof Rollout ? content.id : CODEX_ID)
  const stamp = options.stamp ?? '2026-11-05T10-00-00'
  const name = rolloutName(id, stamp) + (options.suffix ?? '')
  const [year, month, day] = stamp.slice(0, 10).split('-') as [string, string, string]
  const path = options.archived ? join(home, 'archived_sessions', name) : join(home, 'sessions', year, month, day, name)
  return writeFileDeep(path, content instanceof Rollout ? content.text() : content)
}

/** A zstd block: stored bytes, or one byte repeated (an RLE block, up to 128 KiB of output for 4 bytes). */
export type ZstdBlock = { raw: Buffer } | { repeat: number; times: number }

/** A valid zstd frame (no content size, not single-segment, no checksum, window 128 KiB) of these blocks. */
export function zstdFrame(blocks: readonly ZstdBlock[]): Buffer {
  const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38])]
  blocks.forEach((block, i) => {
    const last = i === blocks.length - 1 ? 1 : 0
    const rle = 'repeat' in block
    const size = rle ? block.times : block.raw.length
    const header = (size << 3) | ((rle ? 1 : 0) << 1) | last
    parts.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]), rle ? Buffer.from([block.repeat]) : block.raw)
  })
  return Buffer.concat(parts)
}

/**
 * A valid zstd frame holding `data` in raw (stored) blocks: what a zstd encoder emits for data it
 * cannot shrink. Lets the tests make .zst files without a compressor.
 */
export function zstdRawFrame(data: Buffer, blockBytes = 128 * 1024): Buffer {
  const blocks: ZstdBlock[] = []
  let offset = 0
  do {
    blocks.push({ raw: data.subarray(offset, offset + blockBytes) })
    offset += blockBytes
  } while (offset < data.length)
  return zstdFrame(blocks)
}

/** RLE blocks that decode to `bytes` copies of one byte: a few bytes per 128 KiB, the stuff of zstd bombs. */
export function zstdRepeat(byte: number, bytes: number): ZstdBlock[] {
  const blocks: ZstdBlock[] = []
  for (let left = bytes; left > 0; left -= 128 * 1024) blocks.push({ repeat: byte, times: Math.min(left, 128 * 1024) })
  return blocks
}

/**
 * The rollout behind test-support/codex-compressed.jsonl.zst (made with `zstd -19` from this
 * text; the tests check the decoded file against it).
 */
export function compressedFixtureRollout(): Rollout {
  const rollout = new Rollout({ id: '019a0000-2222-7333-8444-555566667777', cwd: '/home/dev/zipped' })
  rollout.turnContext('gpt-5.5').taskStarted().prompt('Summarise the compressed rollout').answer('It is compressed with zstd.')
  for (let i = 0; i < 20; i++) {
    const id = rollout.nextCallId()
    rollout
      .functionCall('exec_command', { cmd: `echo ${i}` }, id)
      .functionOutput(id, `Chunk ID: ${i}\nWall time: 0.1 seconds\nProcess exited with code ${i === 7 ? 1 : 0}\nOutput:\n${i}\n`)
  }
  return rollout.tokens({ input: 5000, cached: 4000, output: 200 }).taskComplete()
}
