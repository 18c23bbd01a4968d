import { type Json, optionalNumber, optionalRecord, optionalString, optionalText } from '../../shape'
import { foldResponse } from './responses'
import { type CodexState, addEntry, compaction } from './state'
import { TITLE_SOURCE_CAP, capText, isInjectedContext } from './texts'

// `event_msg` lines: what the CLI showed the user. Their prompts and agent texts are the ones a
// session view wants; token counts and command ends add to the summary.

export function foldEvent(state: CodexState, event: Json, at: string | null): void {
  switch (event.type) {
    case 'user_message':
      foldUserMessage(state, event, at)
      return
    case 'agent_message':
      foldAgentMessage(state, event, at)
      return
    case 'task_started':
    case 'turn_started':
      addEntry(state, { k: 'task' })
      return
    case 'token_count':
      foldTokenCount(state, event)
      if (state.detail) foldResponse(state.detail, optionalRecord(event, 'info'), at)
      return
    case 'exec_command_end':
      foldExecEnd(state, event)
      return
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

function foldUserMessage(state: CodexState, event: Json, at: string | null): void {
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
}

function foldAgentMessage(state: CodexState, event: Json, at: string | null): void {
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
}

function foldTokenCount(state: CodexState, event: Json): void {
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
}

function foldExecEnd(state: CodexState, event: Json): void {
  const callId = optionalText(event, 'call_id')
  if (callId === null) return
  const exitCode = optionalNumber(event, 'exit_code')
  if ((exitCode !== null && exitCode !== 0) || event.status === 'failed') state.failed.add(callId)
  const duration = optionalRecord(event, 'duration')
  const secs = optionalNumber(duration, 'secs')
  if (state.detail && secs !== null)
    state.detail.execMs.set(callId, Math.round(secs * 1000 + (optionalNumber(duration, 'nanos') ?? 0) / 1e6))
}
