import type { ApiResponse } from '../../../../src-shared/model'
import { type Json, optionalNumber, optionalRecord } from '../../shape'
import type { CodexDetail } from './state'

// The API responses of a rollout (docs/formats/codex-cli.md#api-responses): one per token_count
// event whose cumulative total moved. Codex repeats the last count (a rate-limit update, a
// compaction, a turn's end carry the same info again), so an unchanged total is no new response.

interface Counts {
  input: number
  cached: number
  output: number
}

function countsOf(usage: Json | undefined): Counts | null {
  if (!usage) return null
  return {
    input: optionalNumber(usage, 'input_tokens') ?? 0,
    cached: optionalNumber(usage, 'cached_input_tokens') ?? 0,
    output: optionalNumber(usage, 'output_tokens') ?? 0,
  }
}

function sameCounts(a: Counts | null, b: Counts | null): boolean {
  return a !== null && b !== null && a.input === b.input && a.cached === b.cached && a.output === b.output
}

/** Adds the response a token_count's info reports, if it is a new one. */
export function foldResponse(detail: CodexDetail, info: Json | undefined, at: string | null): void {
  const total = countsOf(optionalRecord(info, 'total_token_usage'))
  const previous = detail.lastTotal
  if (total === null || sameCounts(total, previous)) return
  detail.lastTotal = total
  // last_token_usage is the request's own usage; without it, what the total grew by since the last.
  const own = countsOf(optionalRecord(info, 'last_token_usage')) ?? {
    input: total.input - (previous?.input ?? 0),
    cached: total.cached - (previous?.cached ?? 0),
    output: total.output - (previous?.output ?? 0),
  }
  if (own.input === 0 && own.cached === 0 && own.output === 0) return
  const response: ApiResponse = {
    // Codex records no id for a request or its response: see the doc for how to key one.
    messageId: null,
    requestId: null,
    model: detail.model,
    at,
    // As the session's tokens count them: input includes the cached tokens, output the reasoning.
    input: own.input,
    output: own.output,
    cacheRead: own.cached,
    cacheWrite: 0,
    inputIncludesCache: true,
  }
  detail.responses.push(response)
}
