import type { CompactionMarker, Message, Step, TokenUsage, Turn } from '../../../../src-shared/model'
import { type Json, isRecord, optionalNumber, optionalRecord, optionalString, optionalText } from '../../shape'
import { isoOrNull } from '../../time'

// One pass over a Codex rollout (docs/formats/codex-cli.md#lines-the-reader-uses), folded line by line so that files
// of any size read in bounded memory. Every line is {timestamp, type, payload}; unknown types and
// fields are ignored. The summary state is small (counts, the first prompt, the last token
// totals, the ids of calls); the detail state also keeps every turn's texts and steps, each text
// capped.

/** Longest text kept for one message, output or argument string. */
export const TEXT_CAP = 20_000

/** The first `length` UTF-16 units of a text, one fewer rather than half a surrogate pair. */
function headOf(text: string, length: number): string {
  if (length <= 0) return ''
  const code = text.charCodeAt(length - 1)
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length)
}

export function capText(text: string, cap = TEXT_CAP): string {
  if (text.length <= cap) return text
  const head = headOf(text, cap)
  return `${head}… (${text.length - head.length} more characters)`
}

const capOrNull = (text: string | null) => (text === null ? null : capText(text))

/** Context blocks Codex injects as user messages; they are not prompts. */
const INJECTED_PREFIXES = ['<environment_context>', '<user_instructions>', '# AGENTS.md instructions', '<permissions instructions>']

export function isInjectedContext(text: string): boolean {
  const trimmed = text.trimStart()
  return INJECTED_PREFIXES.some((prefix) => trimmed.startsWith(prefix))
}

/** A title needs only the start of the first prompt. */
const TITLE_SOURCE_CAP = 4000

type Source = 'event' | 'item'

type Entry =
  | { k: 'task' }
  | { k: 'prompt'; src: Source; message: Message }
  | { k: 'agent'; src: Source; message: Message; length: number }
  | { k: 'step'; step: Step }
  | { k: 'compaction'; marker: CompactionMarker }

export interface CodexDetail {
  entries: Entry[]
  /** Steps by call id, to pair outputs and events with their call. */
  calls: Map<string, Step>
  /** Outputs that arrived before their call. */
  earlyOutputs: Map<string, string | null>
  callAtMs: Map<string, number>
  /** Durations by call id: from exec_command_end, from a legacy output's metadata, from timestamps. */
  execMs: Map<string, number>
  metadataMs: Map<string, number>
  timestampMs: Map<string, number>
  sawEventPrompt: boolean
  sawEventAgent: boolean
}

export interface CodexState {
  id: string | null
  createdAt: string | null
  cwd: string | null
  branch: string | null
  parentId: string | null
  cliVersion: string | null
  sawMeta: boolean
  /** Lines that are Codex rollout lines (any known type). */
  known: number
  firstAt: string | null
  lastAt: string | null
  /** turn_context models with how often each appears, in order of first appearance. */
  models: Record<string, number>
  tokens: TokenUsage | null
  /** Context size of the last request (last_token_usage.total_tokens), for compaction markers. */
  contextTokens: number | null
  eventPrompts: number
  itemPrompts: number
  firstEventPrompt: string | null
  firstItemPrompt: string | null
  agentMessages: number
  steps: number
  /** How many tool-call lines carry each call id. */
  stepIds: Map<string, number>
  /** Call ids some record says failed. */
  failed: Set<string>
  compactions: number
  detail: CodexDetail | null
}

export function initialState(withDetail: boolean): CodexState {
  return {
    id: null,
    createdAt: null,
    cwd: null,
    branch: null,
    parentId: null,
    cliVersion: null,
    sawMeta: false,
    known: 0,
    firstAt: null,
    lastAt: null,
    models: {},
    tokens: null,
    contextTokens: null,
    eventPrompts: 0,
    itemPrompts: 0,
    firstEventPrompt: null,
    firstItemPrompt: null,
    agentMessages: 0,
    steps: 0,
    stepIds: new Map(),
    failed: new Set(),
    compactions: 0,
    detail: withDetail
      ? {
          entries: [],
          calls: new Map(),
          earlyOutputs: new Map(),
          callAtMs: new Map(),
          execMs: new Map(),
          metadataMs: new Map(),
          timestampMs: new Map(),
          sawEventPrompt: false,
          sawEventAgent: false,
        }
      : null,
  }
}

/** Copies a summary state (no detail) so a cached one survives a failed resume. */
export function cloneSummaryState(state: CodexState): CodexState {
  return {
    ...state,
    models: { ...state.models },
    tokens: state.tokens && { ...state.tokens },
    stepIds: new Map(state.stepIds),
    failed: new Set(state.failed),
  }
}

const RESPONSE_ITEM_TYPES = new Set([
  'message',
  'reasoning',
  'function_call',
  'function_call_output',
  'custom_tool_call',
  'custom_tool_call_output',
  'local_shell_call',
  'web_search_call',
])

/** Folds one parsed line. */
export function foldCodexLine(state: CodexState, value: unknown): void {
  if (!isRecord(value)) return
  const at = isoOrNull(value.timestamp)
  const payload = optionalRecord(value, 'payload')
  if (!payload) {
    foldLegacy(state, value)
    return
  }
  switch (value.type) {
    case 'session_meta':
      foldMeta(state, payload)
      break
    case 'turn_context': {
      const model = optionalText(payload, 'model')
      if (model !== null) state.models[model] = (state.models[model] ?? 0) + 1
      break
    }
    case 'response_item':
      foldResponseItem(state, payload, at)
      break
    case 'event_msg':
      foldEvent(state, payload, at)
      break
    case 'compacted':
      compaction(state, at)
      break
    default:
      return // world_state, inter_agent_communication, …: not ours to show.
  }
  state.known++
  if (at !== null) {
    state.firstAt ??= at
    state.lastAt = at
  }
}

/** Rollouts from before the {timestamp,type,payload} envelope: a bare meta line, then bare items. */
function foldLegacy(state: CodexState, value: Json): void {
  if (value.record_type !== undefined) return
  if (typeof value.type === 'string' && RESPONSE_ITEM_TYPES.has(value.type)) {
    foldResponseItem(state, value, null)
    state.known++
    return
  }
  if (value.type === undefined && state.known === 0 && typeof value.id === 'string' && typeof value.timestamp === 'string') {
    foldMeta(state, value)
    state.known++
  }
}

function foldMeta(state: CodexState, payload: Json): void {
  // A fork or resume can copy an older session's meta into the file: the first one is this session.
  if (state.sawMeta) return
  state.sawMeta = true
  state.id = optionalText(payload, 'id') ?? optionalText(payload, 'session_id')
  state.createdAt = isoOrNull(payload.timestamp)
  // Capped like every text kept in a cached state: one line may be megabytes long.
  state.cwd = capOrNull(optionalText(payload, 'cwd'))
  state.branch = capOrNull(optionalText(optionalRecord(payload, 'git'), 'branch'))
  state.cliVersion = optionalText(payload, 'cli_version')
  const spawn = optionalRecord(optionalRecord(optionalRecord(payload, 'source'), 'subagent'), 'thread_spawn')
  state.parentId = optionalText(spawn, 'parent_thread_id')
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  const parts: string[] = []
  for (const part of content) {
    if (!isRecord(part)) continue
    if (typeof part.text === 'string') parts.push(part.text)
    else if (part.type === 'input_image' || part.type === 'output_image') parts.push('[image]')
  }
  return parts.join('\n')
}

function promptText(content: unknown): string | null {
  if (!Array.isArray(content)) return typeof content === 'string' && !isInjectedContext(content) ? content : null
  const parts: string[] = []
  for (const part of content) {
    if (!isRecord(part)) continue
    if (typeof part.text === 'string') {
      if (!isInjectedContext(part.text)) parts.push(part.text)
    } else if (part.type === 'input_image') parts.push('[image]')
  }
  const text = parts.join('\n')
  return text.trim() === '' ? null : text
}

function addEntry(state: CodexState, entry: Entry): void {
  state.detail?.entries.push(entry)
}

function foldResponseItem(state: CodexState, item: Json, at: string | null): void {
  switch (item.type) {
    case 'message': {
      if (item.role === 'user') {
        const text = promptText(item.content)
        if (text === null) return
        state.itemPrompts++
        state.firstItemPrompt ??= text.slice(0, TITLE_SOURCE_CAP)
        const detail = state.detail
        if (detail && !detail.sawEventPrompt) addEntry(state, { k: 'prompt', src: 'item', message: { text: capText(text), at } })
      } else if (item.role === 'assistant') {
        const detail = state.detail
        const text = contentText(item.content)
        if (detail && !detail.sawEventAgent && text.trim() !== '')
          addEntry(state, { k: 'agent', src: 'item', message: { text: capText(text), at }, length: text.length })
      }
      return
    }
    case 'function_call':
    case 'custom_tool_call':
    case 'local_shell_call':
      foldCall(state, item, at)
      return
    case 'function_call_output':
    case 'custom_tool_call_output':
      foldOutput(state, item, at)
      return
    default:
      return
  }
}

function foldCall(state: CodexState, item: Json, at: string | null): void {
  state.steps++
  const callId = optionalText(item, 'call_id') ?? optionalText(item, 'id')
  if (callId !== null) state.stepIds.set(callId, (state.stepIds.get(callId) ?? 0) + 1)
  const detail = state.detail
  if (!detail) return
  let tool: string
  let args: unknown
  if (item.type === 'function_call') {
    tool = optionalText(item, 'name') ?? 'function'
    args = parseArguments(item.arguments)
  } else if (item.type === 'custom_tool_call') {
    tool = optionalText(item, 'name') ?? 'custom_tool'
    args = typeof item.input === 'string' ? capText(item.input) : (item.input ?? null)
  } else {
    tool = 'local_shell'
    args = item.action ?? null
  }
  const step: Step = { id: callId ?? `step-${state.steps}`, tool, args, output: null, at, durationMs: null, isError: false }
  addEntry(state, { k: 'step', step })
  if (callId === null) return
  detail.calls.set(callId, step)
  if (at !== null) detail.callAtMs.set(callId, Date.parse(at))
  if (detail.earlyOutputs.has(callId)) {
    step.output = detail.earlyOutputs.get(callId) ?? null
    detail.earlyOutputs.delete(callId)
  }
}

/** function_call.arguments is JSON in a string, but need not be: the parsed value, else the string. */
function parseArguments(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw ?? null
  if (raw.length > TEXT_CAP) return capText(raw)
  try {
    return JSON.parse(raw)
  } catch {
    return raw
  }
}

export interface OutputFacts {
  text: string | null
  /** The exit code the output reports, where it reports one. */
  exitCode: number | null
  success: boolean | null
  durationSeconds: number | null
}

const EXIT_LINE = /^(?:Process exited with code|Exit code:) (-?\d+)\s*$/m

/** The lines of a shell tool's output before its "Output:" line (where Codex puts the exit code). */
function outputHeader(text: string): string {
  const head = text.slice(0, 2048)
  const marker = head.indexOf('\nOutput:')
  return marker >= 0 ? head.slice(0, marker) : head.slice(0, 512)
}

/** What a tool output says: its text, and the exit code, success flag and duration it records. */
export function outputFacts(output: unknown): OutputFacts {
  const facts: OutputFacts = { text: null, exitCode: null, success: null, durationSeconds: null }
  if (typeof output === 'string') {
    facts.text = output
    // Legacy shell output: a JSON string {"output": …, "metadata": {"exit_code", "duration_seconds"}}.
    if (output.startsWith('{') && output.includes('"metadata"')) {
      try {
        const parsed: unknown = JSON.parse(output)
        const metadata = isRecord(parsed) ? optionalRecord(parsed, 'metadata') : undefined
        if (isRecord(parsed) && metadata) {
          facts.exitCode = optionalNumber(metadata, 'exit_code')
          facts.durationSeconds = optionalNumber(metadata, 'duration_seconds')
          const inner = optionalString(parsed, 'output')
          if (inner !== null) facts.text = inner
          return facts
        }
      } catch {
        // Not JSON after all: plain text.
      }
    }
    const exit = EXIT_LINE.exec(outputHeader(output))
    if (exit) facts.exitCode = Number(exit[1])
    return facts
  }
  if (Array.isArray(output)) {
    facts.text = contentText(output)
    return facts
  }
  if (isRecord(output)) {
    // Some older versions: {content, success}.
    facts.text =
      typeof output.content === 'string'
        ? output.content
        : output.content === undefined
          ? JSON.stringify(output)
          : contentText(output.content)
    if (typeof output.success === 'boolean') facts.success = output.success
    return facts
  }
  return facts
}

function foldOutput(state: CodexState, item: Json, at: string | null): void {
  const callId = optionalText(item, 'call_id')
  const facts = outputFacts(item.output)
  if (callId === null) return
  if ((facts.exitCode !== null && facts.exitCode !== 0) || facts.success === false) state.failed.add(callId)
  const detail = state.detail
  if (!detail) return
  const text = facts.text === null ? null : capText(facts.text)
  const step = detail.calls.get(callId)
  if (step) step.output = text
  else detail.earlyOutputs.set(callId, text)
  if (facts.durationSeconds !== null) detail.metadataMs.set(callId, Math.round(facts.durationSeconds * 1000))
  const startMs = detail.callAtMs.get(callId)
  if (at !== null && startMs !== undefined) detail.timestampMs.set(callId, Math.max(0, Date.parse(at) - startMs))
}

function foldEvent(state: CodexState, event: Json, at: string | null): void {
  switch (event.type) {
    case 'user_message': {
      const kind = optionalString(event, 'kind')
      if (kind !== null && kind !== 'plain') return // older versions' injected context
      let text = optionalString(event, 'message') ?? ''
      if (isInjectedContext(text)) return
      const images = Array.isArray(event.images) ? event.images.length : 0
      if (text.trim() === '' && images > 0) text = images === 1 ? '[image]' : `[${images} images]`
      state.eventPrompts++
      state.firstEventPrompt ??= text.slice(0, TITLE_SOURCE_CAP)
      const detail = state.detail
      if (detail) {
        if (!detail.sawEventPrompt) {
          // Events carry the prompts: the copies among the response items are not wanted.
          detail.sawEventPrompt = true
          detail.entries = detail.entries.filter((entry) => !(entry.k === 'prompt' && entry.src === 'item'))
        }
        addEntry(state, { k: 'prompt', src: 'event', message: { text: capText(text), at } })
      }
      return
    }
    case 'agent_message': {
      state.agentMessages++
      const detail = state.detail
      const text = optionalString(event, 'message') ?? ''
      if (detail) {
        if (!detail.sawEventAgent) {
          detail.sawEventAgent = true
          detail.entries = detail.entries.filter((entry) => !(entry.k === 'agent' && entry.src === 'item'))
        }
        if (text.trim() !== '') addEntry(state, { k: 'agent', src: 'event', message: { text: capText(text), at }, length: text.length })
      }
      return
    }
    case 'task_started':
    case 'turn_started':
      addEntry(state, { k: 'task' })
      return
    case 'token_count': {
      const info = optionalRecord(event, 'info')
      const total = optionalRecord(info, 'total_token_usage')
      if (total) {
        // OpenAI semantics: input_tokens includes the cached ones, output_tokens the reasoning.
        state.tokens = {
          input: optionalNumber(total, 'input_tokens') ?? 0,
          output: optionalNumber(total, 'output_tokens') ?? 0,
          cacheRead: optionalNumber(total, 'cached_input_tokens') ?? 0,
          cacheWrite: 0,
          inputIncludesCache: true,
        }
      }
      // The context the last request sent. Codex's own compaction request reports zero input and
      // an odd total: only real requests count.
      const last = optionalRecord(info, 'last_token_usage')
      const input = optionalNumber(last, 'input_tokens') ?? 0
      if (input > 0) state.contextTokens = optionalNumber(last, 'total_tokens') ?? input + (optionalNumber(last, 'output_tokens') ?? 0)
      return
    }
    case 'exec_command_end': {
      const callId = optionalText(event, 'call_id')
      if (callId === null) return
      const exitCode = optionalNumber(event, 'exit_code')
      if ((exitCode !== null && exitCode !== 0) || event.status === 'failed') state.failed.add(callId)
      const duration = optionalRecord(event, 'duration')
      const secs = optionalNumber(duration, 'secs')
      if (state.detail && secs !== null)
        state.detail.execMs.set(callId, Math.round(secs * 1000 + (optionalNumber(duration, 'nanos') ?? 0) / 1e6))
      return
    }
    case 'patch_apply_end': {
      const callId = optionalText(event, 'call_id')
      if (callId !== null && event.success === false) state.failed.add(callId)
      return
    }
    case 'context_compacted':
      compaction(state, at)
      return
    default:
      return
  }
}

function compaction(state: CodexState, at: string | null): void {
  state.compactions++
  addEntry(state, { k: 'compaction', marker: { at, trigger: null, preTokens: state.contextTokens } })
}

/** Failed tool calls: call lines whose id some record marks as failed. */
export function errorCount(state: CodexState): number {
  let errors = 0
  for (const id of state.failed) errors += state.stepIds.get(id) ?? 0
  return errors
}

/** User prompts: the user_message events, or, in files that have none, the user response items. */
export function promptCount(state: CodexState): number {
  return state.eventPrompts > 0 ? state.eventPrompts : state.itemPrompts
}

export function firstPrompt(state: CodexState): string | null {
  return state.firstEventPrompt ?? state.firstItemPrompt
}

/** Models most used first (ties: first seen first). */
export function modelsByUse(state: CodexState): string[] {
  return Object.entries(state.models)
    .map(([model, count], order) => ({ model, count, order }))
    .sort((a, b) => b.count - a.count || a.order - b.order)
    .map((entry) => entry.model)
}

/**
 * The turns: one per prompt, a task (task_started) without a prompt of its own also opens one;
 * agent texts and steps belong to the turn they follow. A compaction marks the next turn.
 */
export function buildTurns(detail: CodexDetail, failed: ReadonlySet<string>): Turn[] {
  const turns: Turn[] = []
  const agentParts = new Map<Turn, CappedText[]>()
  let current: Turn | null = null
  let taskPending = false
  let compaction: CompactionMarker | null = null
  const open = (user: Message | null): Turn => {
    const turn: Turn = { index: turns.length, user, agent: null, steps: [] }
    if (compaction) {
      turn.compactedBefore = compaction
      compaction = null
    }
    turns.push(turn)
    taskPending = false
    return turn
  }
  for (const entry of detail.entries) {
    switch (entry.k) {
      case 'task':
        taskPending = true
        break
      case 'prompt':
        current = open(entry.message)
        break
      case 'agent': {
        if (current === null || taskPending) current = open(null)
        const parts = agentParts.get(current)
        const part = { text: entry.message.text, length: entry.length }
        if (parts) parts.push(part)
        else {
          agentParts.set(current, [part])
          current.agent = { text: '', at: entry.message.at }
        }
        break
      }
      case 'step':
        if (current === null || taskPending) current = open(null)
        current.steps.push(entry.step)
        break
      case 'compaction':
        compaction ??= entry.marker
        break
    }
  }
  for (const turn of turns) {
    const parts = agentParts.get(turn)
    if (turn.agent && parts) turn.agent.text = joinCapped(parts, '\n\n')
    for (const step of turn.steps) {
      step.durationMs = detail.execMs.get(step.id) ?? detail.metadataMs.get(step.id) ?? detail.timestampMs.get(step.id) ?? null
      step.isError = failed.has(step.id)
    }
  }
  return turns
}

/** A text as kept (perhaps capped by capText) with the length it had. */
export interface CappedText {
  text: string
  length: number
}

/** Joins texts, stopping at TEXT_CAP characters in all with the same marker as capText. */
export function joinCapped(parts: readonly CappedText[], separator: string): string {
  let text = ''
  let more = 0
  for (const [i, part] of parts.entries()) {
    const sep = i === 0 ? '' : separator
    if (more === 0 && text.length + sep.length + part.length <= TEXT_CAP) {
      text += sep + part.text
      continue
    }
    // A capped part starts with its first TEXT_CAP characters, more than the room left.
    const kept = more === 0 ? headOf(sep + part.text, TEXT_CAP - text.length) : ''
    text += kept
    more += sep.length + part.length - kept.length
  }
  return more > 0 ? `${text}… (${more} more characters)` : text
}
