import type { Step, TokenUsage, Turn } from '../../../../src-shared/model'
import { type Json, isRecord, optionalNumber, optionalString } from '../../shape'
import { isoOrNull } from '../../time'
import { titleFromText } from '../../titles'

// Gemini CLI session records (docs/formats/gemini-cli.md#records-and-how-they-fold): the fold over a session's records that
// both the current JSONL log and the legacy single-JSON file feed. Records are replaced by later
// ones with the same id and rewound, so the state keeps the message list itself, each message
// reduced to what a summary (or, in detail mode, the session view) needs, texts capped.

/** Longest text kept per message or tool output; longer ones end with a "… (N more characters)" marker. */
export const TEXT_CAP = 20_000

/** Tool-call ids like "write_todos-1768561360195-92b3…" embed Date.now() at the call's start. */
const EMBEDDED_START = /(?:^|[-_])(\d{13})(?=[-_]|$)/
/** Longest duration the id heuristic is trusted for; beyond it the number is not a start time. */
const MAX_HEURISTIC_MS = 24 * 60 * 60 * 1000

export interface GeminiTokens {
  input: number
  output: number
  cached: number
}

/** One message of the session, reduced. Never mutated once in the state (replacement swaps it). */
export interface GeminiMessage {
  /** "user" | "gemini" | "info" | "error" | "warning", or whatever else a newer writer uses. */
  type: string
  at: string | null
  /** A user message that is a prompt (not only tool results put back by a history sync). */
  prompt: boolean
  /** For a prompt that is not a slash command: its title line; else null. */
  title: string | null
  /** The message's text, capped; only kept in detail mode. */
  text: string | null
  model: string | null
  tokens: GeminiTokens | null
  steps: number
  errors: number
  /** Detail mode only. */
  toolCalls: Step[] | null
}

export interface GeminiMeta {
  sessionId: string | null
  projectHash: string | null
  startTime: string | null
  lastUpdated: string | null
  summary: string | null
  kind: string | null
}

export interface GeminiState {
  detail: boolean
  meta: GeminiMeta
  /** In conversation order; Map.set on a known id keeps its place, as the writer's replacement does. */
  messages: Map<string, GeminiMessage>
  /** Records of a kind this reader knows (metadata, message, $set, $rewindTo). */
  known: number
}

export function initState(detail: boolean): GeminiState {
  return {
    detail,
    meta: { sessionId: null, projectHash: null, startTime: null, lastUpdated: null, summary: null, kind: null },
    messages: new Map(),
    known: 0,
  }
}

/** A copy safe to fold further: messages are never mutated in place, so a shallow copy is enough. */
export function cloneState(state: GeminiState): GeminiState {
  return { ...state, meta: { ...state.meta }, messages: new Map(state.messages) }
}

export function capText(text: string, cap = TEXT_CAP): string {
  if (text.length <= cap) return text
  return `${text.slice(0, cap)}… (${text.length - cap} more characters)`
}

/** Gemini's own test for a slash command: a leading "/" that is not a "//" or "/*" comment. */
export function isSlashCommand(text: string): boolean {
  const trimmed = text.trimStart()
  return trimmed.startsWith('/') && !trimmed.startsWith('//') && !trimmed.startsWith('/*')
}

function partsOf(content: unknown): unknown[] {
  if (content === undefined || content === null) return []
  return Array.isArray(content) ? content : [content]
}

/** The text of a PartListUnion: strings and {text} parts, thought parts left out. */
export function textOf(content: unknown): string {
  const texts: string[] = []
  for (const part of partsOf(content)) {
    if (typeof part === 'string') texts.push(part)
    else if (isRecord(part) && typeof part.text === 'string' && part.thought !== true) texts.push(part.text)
  }
  return texts.join('')
}

/** Whether content holds nothing but function responses (tool results synced back from history). */
function onlyFunctionResponses(content: unknown): boolean {
  const parts = partsOf(content)
  return parts.length > 0 && parts.every((part) => isRecord(part) && isRecord(part.functionResponse))
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

function responseOf(part: unknown): Json | undefined {
  if (!isRecord(part) || !isRecord(part.functionResponse)) return undefined
  const response = part.functionResponse.response
  return isRecord(response) ? response : undefined
}

function hasError(response: Json | undefined): boolean {
  const error = response?.error
  return error !== undefined && error !== null && error !== '' && error !== false
}

const FAILED_STATUSES = new Set(['error', 'cancelled'])

export function toolCallFailed(call: Json): boolean {
  if (typeof call.status === 'string' && FAILED_STATUSES.has(call.status)) return true
  return partsOf(call.result).some((part) => hasError(responseOf(part)))
}

/** The call's result as text: function responses' output (or error), text parts, else resultDisplay. */
export function toolOutput(call: Json): string | null {
  const texts: string[] = []
  for (const part of partsOf(call.result)) {
    const response = responseOf(part)
    if (response) {
      if (hasError(response)) texts.push(stringify(response.error))
      else if (response.output !== undefined && response.output !== null) texts.push(stringify(response.output))
      else texts.push(stringify(response))
    } else if (typeof part === 'string') texts.push(part)
    else if (isRecord(part) && typeof part.text === 'string') texts.push(part.text)
  }
  if (texts.length === 0 && typeof call.resultDisplay === 'string' && call.resultDisplay !== '') texts.push(call.resultDisplay)
  return texts.length > 0 ? capText(texts.join('\n')) : null
}

/**
 * When and for how long a call ran. Gemini stores only the completion time; default call ids
 * embed the start (Date.now()), so the duration is their difference when that is plausible.
 */
export function toolTiming(call: Json): { at: string | null; durationMs: number | null } {
  const end = isoOrNull(call.timestamp)
  const match = typeof call.id === 'string' ? EMBEDDED_START.exec(call.id) : null
  if (end !== null && match) {
    const start = Number(match[1])
    const duration = Date.parse(end) - start
    if (duration >= 0 && duration <= MAX_HEURISTIC_MS) return { at: new Date(start).toISOString(), durationMs: duration }
  }
  return { at: end, durationMs: null }
}

function capArgs(args: unknown): unknown {
  if (args === undefined) return null
  const text = stringify(args)
  return text.length > TEXT_CAP ? capText(text) : args
}

function toStep(call: Json, messageId: string, index: number): Step {
  return {
    id: optionalString(call, 'id') ?? `${messageId}-call-${index}`,
    tool: optionalString(call, 'name') ?? optionalString(call, 'displayName') ?? 'unknown',
    args: capArgs(call.args),
    output: toolOutput(call),
    ...toolTiming(call),
    isError: toolCallFailed(call),
  }
}

function tokensOf(value: unknown): GeminiTokens | null {
  if (!isRecord(value)) return null
  return {
    input: optionalNumber(value, 'input') ?? 0,
    output: optionalNumber(value, 'output') ?? 0,
    cached: optionalNumber(value, 'cached') ?? 0,
  }
}

/** Reduces one MessageRecord (a record with a string id). */
export function compactMessage(record: Json, detail: boolean): GeminiMessage {
  const type = typeof record.type === 'string' ? record.type : 'unknown'
  const message: GeminiMessage = {
    type,
    at: isoOrNull(record.timestamp),
    prompt: false,
    title: null,
    text: null,
    model: null,
    tokens: null,
    steps: 0,
    errors: 0,
    toolCalls: null,
  }
  // What the user typed (displayContent) reads better than the expanded prompt sent to the model.
  const shown =
    type === 'user' && record.displayContent !== undefined && record.displayContent !== null ? record.displayContent : record.content
  if (type === 'user') {
    message.prompt = !onlyFunctionResponses(record.content)
    if (message.prompt) {
      const text = textOf(shown)
      // A title needs only the start of a prompt that may be megabytes long.
      message.title = isSlashCommand(text) ? null : titleFromText(capText(text), 'plain')
    }
  }
  if (detail) message.text = capText(textOf(shown))
  if (type === 'gemini') {
    message.model = optionalString(record, 'model')
    message.tokens = tokensOf(record.tokens)
    const calls = Array.isArray(record.toolCalls) ? record.toolCalls.filter(isRecord) : []
    message.steps = calls.length
    message.errors = calls.filter(toolCallFailed).length
    if (detail) message.toolCalls = calls.map((call, i) => toStep(call, record.id as string, i))
  }
  return message
}

const META_KEYS = ['sessionId', 'projectHash', 'startTime', 'lastUpdated', 'summary', 'kind'] as const

function mergeMeta(state: GeminiState, update: Json): void {
  for (const key of META_KEYS) {
    const value = update[key]
    if (typeof value === 'string') state.meta[key] = capText(value)
  }
  // A messages array is a checkpoint (or a whole legacy record): the list is rebuilt from it.
  if (Array.isArray(update.messages)) {
    const messages = new Map<string, GeminiMessage>()
    for (const entry of update.messages) {
      if (isRecord(entry) && typeof entry.id === 'string') messages.set(entry.id, compactMessage(entry, state.detail))
    }
    state.messages = messages
  }
}

function rewindTo(state: GeminiState, id: string): void {
  if (!state.messages.has(id)) {
    state.messages.clear()
    return
  }
  let found = false
  for (const key of [...state.messages.keys()]) {
    if (key === id) found = true
    if (found) state.messages.delete(key)
  }
}

/** Folds one record, in the loader's order: $rewindTo, MessageRecord, $set, metadata. Others are ignored. */
export function foldRecord(state: GeminiState, value: unknown): void {
  if (!isRecord(value)) return
  if (typeof value.$rewindTo === 'string') rewindTo(state, value.$rewindTo)
  else if (typeof value.id === 'string') state.messages.set(value.id, compactMessage(value, state.detail))
  else if (isRecord(value.$set)) mergeMeta(state, value.$set)
  else if (typeof value.sessionId === 'string') mergeMeta(state, value)
  else return
  state.known++
}

/** A whole legacy ConversationRecord: its metadata, and its messages as the list. */
export function foldConversationRecord(state: GeminiState, record: Json): void {
  mergeMeta(state, { ...record, messages: Array.isArray(record.messages) ? record.messages : [] })
  state.known++
}

export function hasConversation(state: GeminiState): boolean {
  for (const message of state.messages.values()) if (message.type === 'user' || message.type === 'gemini') return true
  return false
}

export interface GeminiFacts {
  title: string | null
  turns: number
  steps: number
  errors: number
  /** Most used first; ties in order of first use. */
  models: string[]
  tokens: TokenUsage | null
  firstAt: string | null
  lastAt: string | null
}

export function factsOf(state: GeminiState): GeminiFacts {
  let title: string | null = null
  let turns = 0
  let steps = 0
  let errors = 0
  let firstAt: string | null = null
  let lastAt: string | null = null
  let tokens: TokenUsage | null = null
  const models = new Map<string, number>()
  for (const message of state.messages.values()) {
    if (message.at !== null) {
      firstAt ??= message.at
      lastAt = message.at
    }
    if (message.type === 'user' && message.prompt) {
      turns++
      title ??= message.title
    }
    if (message.type !== 'gemini') continue
    steps += message.steps
    errors += message.errors
    if (message.model) models.set(message.model, (models.get(message.model) ?? 0) + 1)
    if (message.tokens) {
      tokens ??= { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, inputIncludesCache: true }
      tokens.input += message.tokens.input
      tokens.output += message.tokens.output
      tokens.cacheRead += message.tokens.cached
    }
  }
  const order = [...models.keys()]
  const ranked = order.sort((a, b) => (models.get(b) ?? 0) - (models.get(a) ?? 0))
  return { title, turns, steps, errors, models: ranked, tokens, firstAt, lastAt }
}

const NOTE_LABELS: Record<string, string> = { info: 'Info', warning: 'Warning', error: 'Error' }

/**
 * A turn per prompt: the agent's text is the gemini messages' text up to the next prompt, with
 * info, warning and error messages as quoted notes; the steps are those messages' tool calls.
 * Messages before the first prompt make a turn without a user message.
 */
export function turnsOf(state: GeminiState): Turn[] {
  const turns: Turn[] = []
  let texts: string[] = []
  let current: Turn | null = null
  const close = () => {
    if (current?.agent) current.agent.text = texts.join('\n\n')
    texts = []
  }
  for (const message of state.messages.values()) {
    if (message.type === 'user') {
      if (!message.prompt) continue
      close()
      current = { index: turns.length, user: { text: message.text ?? '', at: message.at }, agent: null, steps: [] }
      turns.push(current)
      continue
    }
    const label = NOTE_LABELS[message.type]
    if (message.type !== 'gemini' && label === undefined) continue
    if (!current) {
      current = { index: turns.length, user: null, agent: null, steps: [] }
      turns.push(current)
    }
    current.agent = { text: '', at: message.at ?? current.agent?.at ?? null }
    const text = (message.text ?? '').trim()
    if (message.type === 'gemini') {
      if (text !== '') texts.push(text)
      current.steps.push(...(message.toolCalls ?? []))
    } else if (text !== '') {
      texts.push(`> **${label}:** ${text.replace(/\n/g, '\n> ')}`)
    }
  }
  close()
  return turns
}
