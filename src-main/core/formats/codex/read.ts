import { type Json, isRecord, optionalRecord, optionalText } from '../../shape'
import { isoOrNull } from '../../time'
import { foldEvent } from './events'
import { RESPONSE_ITEM_TYPES, foldResponseItem } from './response-items'
import { type CodexState, compaction } from './state'
import { capOrNull } from './texts'

// One pass over a Codex rollout (docs/formats/codex-cli.md#lines-the-reader-uses), folded line by line so that files
// of any size read in bounded memory. Every line is {timestamp, type, payload}; unknown types and
// fields are ignored. The summary state is small (counts, the first prompt, the last token
// totals, the ids of calls); the detail state also keeps every turn's texts and steps, each text
// capped.

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
      if (model !== null && state.detail) state.detail.model = model
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
