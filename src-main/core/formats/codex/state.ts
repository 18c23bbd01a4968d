import type { ApiResponse, CompactionMarker, Message, Step, TokenUsage } from '../../../../src-shared/model'

// What the fold of a rollout keeps: a small summary state that is cached between reads of a
// growing file, and in detail mode the entries the turns are built from.

export type Source = 'event' | 'item'

export type Entry =
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
  /** One per request, in file order (responses.ts). */
  responses: ApiResponse[]
  /** The latest turn_context's model: the one the requests after it were sent to. */
  model: string | null
  /** The last cumulative token total, to tell a new response from a repeated count. */
  lastTotal: { input: number; cached: number; output: number } | null
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
          responses: [],
          model: null,
          lastTotal: null,
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

export function addEntry(state: CodexState, entry: Entry): void {
  state.detail?.entries.push(entry)
}

/** A compaction, from a `compacted` line or a `context_compacted` event: it marks the next turn. */
export function compaction(state: CodexState, at: string | null): void {
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
