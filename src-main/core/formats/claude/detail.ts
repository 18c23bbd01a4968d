import { foldJsonl } from '../../jsonl'
import type { ApiResponse, CompactionMarker, SessionDetail, SessionSummary, Step, Store, Turn } from '../../../../src-shared/model'
import { type Json, isRecord } from '../../shape'
import { UnreadableSession } from '../../unreadable'
import type { LoadOptions, SessionFile } from '../format'
import {
  MAX_TEXT_CHARS,
  blocks,
  capArgs,
  capText,
  isoOf,
  messageKey,
  modelOf,
  num,
  promptKey,
  promptOf,
  rec,
  resultText,
  startsSubAgent,
  str,
  text,
  timeOf,
  usageOf,
  userText,
} from './lines'
import { chainIdOf } from './fold'
import { summarizeClaude } from './session-summary'
import { fileKind, hasAgentFile } from './layout'

// The whole transcript of one conversation in a log: the session's own, or one inline sub-agent's.
// Read in one streaming pass; every text kept is capped, and raw lines are never kept.

/** Which lines of the log make up the conversation being read. */
type Scope = { kind: 'main' } | { kind: 'file' } | { kind: 'chain'; id: string }

/** Text gathered from many lines, kept up to MAX_TEXT_CHARS. */
class CappedText {
  private parts: string[] = []
  private length = 0
  private dropped = 0

  add(piece: string): void {
    const separator = this.parts.length > 0 ? 2 : 0
    const room = MAX_TEXT_CHARS - this.length - separator
    if (room <= 0) {
      this.dropped += piece.length
      return
    }
    const kept = piece.length > room ? piece.slice(0, room) : piece
    this.parts.push(kept)
    this.length += kept.length + separator
    this.dropped += piece.length - kept.length
  }

  toString(): string {
    const joined = this.parts.join('\n\n')
    return this.dropped > 0 ? `${joined}\n… (${this.dropped} more characters)` : joined
  }
}

interface OpenTurn {
  turn: Turn
  agent: CappedText | null
  agentAt: string | null
}

interface PendingStep {
  step: Step
  startMs: number | null
}

interface DetailState {
  turns: OpenTurn[]
  /** Steps waiting for their tool_result, by tool_use id. */
  pending: Map<string, PendingStep>
  /** A compaction seen since the last turn began: it marks the next turn. */
  compaction: CompactionMarker | null
  /** Model per API response, to list the models by use. */
  models: Map<string, string | null>
  /** Every API response of the file, by messageKey: one response is split over several lines, the last line's usage counts. */
  responses: Map<string, ApiResponse>
  chainOf: Map<string, string>
  /** First user message (promptKey) of each inline sub-agent. */
  chainFirst: Map<string, string>
  /** Task calls with the promptKey of their prompt, to link inline sub-agents afterwards. */
  tasks: Array<{ step: Step; key: string }>
  /** Task calls with the agentId their result names, to link sub-agent files afterwards. */
  agentLinks: Array<{ step: Step; agentId: string }>
}

function newState(): DetailState {
  return {
    turns: [],
    pending: new Map(),
    compaction: null,
    models: new Map(),
    responses: new Map(),
    chainOf: new Map(),
    chainFirst: new Map(),
    tasks: [],
    agentLinks: [],
  }
}

function openTurn(state: DetailState, user: Turn['user']): OpenTurn {
  const turn: Turn = { index: state.turns.length, user, agent: null, steps: [] }
  if (state.compaction) turn.compactedBefore = state.compaction
  state.compaction = null
  const open: OpenTurn = { turn, agent: null, agentAt: null }
  state.turns.push(open)
  return open
}

/**
 * The turn agent output belongs to. After a compaction the agent may carry on without a new
 * prompt (auto-compaction mid-turn): that work opens a turn of its own, marked, with no prompt.
 */
function currentTurn(state: DetailState): OpenTurn {
  const last = state.turns[state.turns.length - 1]
  return last && !state.compaction ? last : openTurn(state, null)
}

const AGENT_ID_IN_TEXT = /agentId:\s*([\w-]+)/

function agentIdOf(toolUseResult: unknown, output: string): string | null {
  if (isRecord(toolUseResult)) {
    const id = text(toolUseResult, 'agentId')
    if (id !== null) return id
  }
  return AGENT_ID_IN_TEXT.exec(output)?.[1] ?? null
}

function reportedDuration(toolUseResult: unknown): number | null {
  if (!isRecord(toolUseResult)) return null
  const ms = num(toolUseResult, 'durationMs') ?? num(toolUseResult, 'totalDurationMs')
  if (ms !== null) return ms
  const seconds = num(toolUseResult, 'durationSeconds')
  return seconds === null ? null : Math.round(seconds * 1000)
}

function foldUser(state: DetailState, line: Json, ms: number | null): void {
  const prompt = promptOf(line)
  if (prompt) openTurn(state, { text: capText(prompt.text), at: isoOf(ms) })
  const results = blocks(rec(line, 'message')).filter((block) => block.type === 'tool_result')
  for (const block of results) {
    const pending = state.pending.get(String(block.tool_use_id))
    if (!pending) continue
    state.pending.delete(String(block.tool_use_id))
    const { step } = pending
    const output = resultText(block.content)
    step.output = capText(output)
    step.isError = block.is_error === true
    // The line-level toolUseResult describes the line's only result.
    const own = results.length === 1 ? line.toolUseResult : undefined
    step.durationMs = reportedDuration(own) ?? (ms !== null && pending.startMs !== null ? Math.max(0, ms - pending.startMs) : null)
    if (startsSubAgent(step.tool)) {
      const agentId = agentIdOf(own, output)
      if (agentId !== null) state.agentLinks.push({ step, agentId })
    }
  }
}

function foldAssistant(state: DetailState, line: Json, ms: number | null, lineNumber: number, linkInline: boolean): void {
  const message = rec(line, 'message')
  const key = messageKey(line, lineNumber)
  state.models.set(key, modelOf(message) ?? state.models.get(key) ?? null)
  for (const block of blocks(message)) {
    if (block.type === 'text' && typeof block.text === 'string' && block.text.trim() !== '') {
      const open = currentTurn(state)
      open.agent ??= new CappedText()
      open.agent.add(block.text)
      open.agentAt = isoOf(ms)
    } else if (block.type === 'tool_use') {
      const tool = typeof block.name === 'string' ? block.name : 'unknown'
      const step: Step = {
        id: typeof block.id === 'string' ? block.id : `line-${lineNumber}`,
        tool,
        args: capArgs(block.input),
        output: null,
        at: isoOf(ms),
        durationMs: null,
        isError: false,
      }
      if (startsSubAgent(tool)) {
        step.childSessionId = null
        const prompt = str(rec(block, 'input'), 'prompt')
        if (linkInline && prompt !== null) state.tasks.push({ step, key: promptKey(prompt) })
      }
      currentTurn(state).turn.steps.push(step)
      state.pending.set(step.id, { step, startMs: ms })
    }
  }
}

/** Notes the API response an assistant line belongs to (whatever conversation of the file it is in). */
function noteResponse(state: DetailState, line: Json, lineNumber: number): void {
  const message = rec(line, 'message')
  const usage = usageOf(message)
  if (usage === null) return
  const key = messageKey(line, lineNumber)
  const known = state.responses.get(key)
  state.responses.set(key, {
    messageId: text(message, 'id'),
    requestId: text(line, 'requestId'),
    model: modelOf(message) ?? known?.model ?? null,
    at: known?.at ?? isoOf(timeOf(line)),
    input: usage.input,
    output: usage.output,
    cacheRead: usage.cacheRead,
    cacheWrite: usage.cacheWrite,
    inputIncludesCache: false,
  })
}

function foldDetailLine(state: DetailState, value: unknown, lineNumber: number, scope: Scope): void {
  if (!isRecord(value)) return
  const line = value
  if (line.type === 'assistant' && scope.kind !== 'chain') noteResponse(state, line, lineNumber)
  if (scope.kind !== 'file') {
    const sidechain = line.isSidechain === true
    if (sidechain) {
      const chain = chainIdOf(state.chainOf, line, lineNumber)
      if (scope.kind === 'main') {
        if (line.type === 'user' && !state.chainFirst.has(chain)) {
          const asked = userText(line)
          if (asked !== null) state.chainFirst.set(chain, promptKey(asked))
        }
        return
      }
      if (chain !== scope.id) return
    } else if (scope.kind === 'chain') return
  }
  const ms = timeOf(line)
  if (line.type === 'user') foldUser(state, line, ms)
  else if (line.type === 'assistant') foldAssistant(state, line, ms, lineNumber, scope.kind === 'main')
  else if (line.type === 'system' && line.subtype === 'compact_boundary') {
    const metadata = rec(line, 'compactMetadata')
    state.compaction = { at: isoOf(ms), trigger: text(metadata, 'trigger'), preTokens: num(metadata, 'preTokens') }
  }
}

function modelsByUse(models: Map<string, string | null>): string[] {
  const counts = new Map<string, number>()
  for (const model of models.values()) if (model !== null) counts.set(model, (counts.get(model) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([model]) => model)
}

/** The whole session, or with childId the inline sub-agent of that id. */
export async function loadClaude(store: Store, file: SessionFile, options: LoadOptions = {}): Promise<SessionDetail> {
  // A summary known to be of this version of the file spares reading every sibling's head again.
  const summary = options.summary?.path === file.path ? options.summary : await summarizeClaude(store, file)
  let session: SessionSummary = summary
  let scope: Scope = fileKind(file.path).kind === 'main' ? { kind: 'main' } : { kind: 'file' }
  if (options.childId !== undefined) {
    const child = summary.children?.find((candidate) => candidate.id === options.childId)
    if (!child) throw new UnreadableSession(`no sub-agent ${options.childId} inside this session`)
    session = child
    scope = { kind: 'chain', id: child.id }
  }
  const { state, stats } = await foldJsonl(file.path, newState, (s, value, line) => foldDetailLine(s, value, line, scope))
  if (state.compaction) openTurn(state, null)
  if (scope.kind === 'main') {
    const inline = new Set((summary.children ?? []).map((child) => child.id))
    for (const { step, key } of state.tasks) {
      for (const [chain, first] of state.chainFirst) {
        if (first === key && inline.has(chain)) {
          step.childSessionId = chain
          inline.delete(chain)
          break
        }
      }
    }
    for (const { step, agentId } of state.agentLinks) {
      if (step.childSessionId == null && (await hasAgentFile(file.path, agentId))) step.childSessionId = agentId
    }
  }
  const turns = state.turns.map(({ turn, agent, agentAt }) => ({ ...turn, agent: agent ? { text: agent.toString(), at: agentAt } : null }))
  const responses = scope.kind === 'chain' ? {} : { responses: [...state.responses.values()] }
  return { session, turns, models: modelsByUse(state.models), skippedLines: stats.badLines, ...responses }
}
