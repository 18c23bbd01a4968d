import type { SessionDetail } from '../../../src-shared/model'
import type { SearchField } from './query'

// What of a session is searchable, as the index stores it: one text per prompt, per reply, and
// per tool call its name, its arguments and its output, each with where it sits (turn, step) and
// when it was said. Arguments and outputs keep their first and last 2 K characters, so a 100 MB
// tool output costs the index 4 K; every cut is at a character boundary.

export interface SearchText {
  /** 0-based turn. */
  turn: number
  /** 0-based step within the turn; null for the prompt and the reply. */
  step: number | null
  field: SearchField
  text: string
  /** ISO-8601, where the format records when it was said. */
  at: string | null
  /** Only for tool texts: the tool's name and whether the call failed (for tool: and is:error). */
  tool: string | null
  isError: boolean
}

/** At most this many characters of a tool call's arguments or of its output are searchable: the first and the last half. */
export const MAX_TOOL_TEXT = 4 * 1024
/** Prompts and replies are people's words: kept whole up to this (a pasted log can be huge). */
export const MAX_MESSAGE_TEXT = 256 * 1024

function cutAt(text: string, end: number): number {
  // Never half a surrogate pair: the kept text must still be valid UTF-16.
  return /[\uD800-\uDBFF]/.test(text[end - 1] ?? '') ? end - 1 : end
}

/** Messages keep their start. */
function capped(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, cutAt(text, max))
}

/**
 * Tool texts keep their start and their end (half the cap each): a command's output says what it
 * ran first and how it ended last (the failed test, the exit code), and the middle of a 10 MB file
 * read is what nobody searches for.
 */
function headAndTail(text: string, max: number): string {
  if (text.length <= max) return text
  const half = Math.floor(max / 2)
  const tailStart = text.length - half
  const start = /[\uDC00-\uDFFF]/.test(text[tailStart] ?? '') ? tailStart + 1 : tailStart
  return `${text.slice(0, cutAt(text, half))}\n…\n${text.slice(start)}`
}

function argsText(args: unknown): string {
  if (args === null || args === undefined) return ''
  if (typeof args === 'string') return args
  try {
    return JSON.stringify(args) ?? ''
  } catch {
    return ''
  }
}

export function searchTextsOf(detail: SessionDetail): SearchText[] {
  const texts: SearchText[] = []
  for (const turn of detail.turns) {
    const message = (field: 'prompt' | 'reply', at: string | null, text: string | undefined) => {
      if (text && text.trim() !== '') {
        texts.push({ turn: turn.index, step: null, field, text: capped(text, MAX_MESSAGE_TEXT), at, tool: null, isError: false })
      }
    }
    message('prompt', turn.user?.at ?? null, turn.user?.text)
    turn.steps.forEach((step, i) => {
      const base = { turn: turn.index, step: i, at: step.at, tool: step.tool, isError: step.isError }
      texts.push({ ...base, field: 'tool', text: step.tool })
      const args = argsText(step.args)
      if (args.trim() !== '') texts.push({ ...base, field: 'args', text: headAndTail(args, MAX_TOOL_TEXT) })
      if (step.output && step.output.trim() !== '') texts.push({ ...base, field: 'output', text: headAndTail(step.output, MAX_TOOL_TEXT) })
    })
    message('reply', turn.agent?.at ?? null, turn.agent?.text)
  }
  return texts
}
