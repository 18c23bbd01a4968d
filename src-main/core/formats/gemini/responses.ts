import type { ApiResponse } from '../../../../src-shared/model'
import type { GeminiState } from './records'

// The API responses of a session (docs/formats/gemini-cli.md#api-responses): each gemini message
// with tokens, after replacement and rewinds, so exactly the ones the summary's tokens add up.

export function responsesOf(state: GeminiState): ApiResponse[] {
  const responses: ApiResponse[] = []
  for (const [id, message] of state.messages) {
    if (message.type !== 'gemini' || !message.tokens) continue
    responses.push({
      // The message record's id is the response's identity (the one its re-appends share).
      messageId: id,
      requestId: null,
      model: message.model,
      at: message.at,
      // As the session's tokens count them: input includes the cached tokens.
      input: message.tokens.input,
      output: message.tokens.output,
      cacheRead: message.tokens.cached,
      cacheWrite: 0,
      inputIncludesCache: true,
    })
  }
  return responses
}
