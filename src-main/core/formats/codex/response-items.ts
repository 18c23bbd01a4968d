import type { Step } from '../../../../src-shared/model'
import { type Json, optionalText } from '../../shape'
import { type CodexState, addEntry } from './state'
import { TITLE_SOURCE_CAP, capText, contentText, promptText } from './texts'
import { outputFacts, parseArguments } from './tool-output'

// `response_item` lines: the model's messages and tool calls as sent to and from the API. Where
// the rollout has events for the same prompts and agent texts, the events win (see events.ts).

export const RESPONSE_ITEM_TYPES = new Set([
  'message',
  'reasoning',
  'function_call',
  'function_call_output',
  'custom_tool_call',
  'custom_tool_call_output',
  'local_shell_call',
  'web_search_call',
])

export function foldResponseItem(state: CodexState, item: Json, at: string | null): void {
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
