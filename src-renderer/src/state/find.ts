// Find in the open session, as pure functions: the matches of a query in what the session
// records (each turn's prompt, its tool calls' names, arguments and outputs, its reply), in the
// order the view shows them, and the active match moving with wrap-around.
import type { Step, Turn } from '../../../src-shared/model'

export type FindField = 'prompt' | 'tool' | 'args' | 'output' | 'reply'

/** One occurrence of the query. */
export interface FindMatch {
  /** The turn's position in the session's list (0-based). */
  position: number
  field: FindField
  /** The tool call's index in its turn; null for the prompt and the reply. */
  step: number | null
  /** Which occurrence it is in its text (0-based). */
  occurrence: number
}

/** A tool call's arguments as the view writes them. */
export function prettyArgs(value: unknown): string {
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value, null, 2) ?? String(value)
  } catch {
    return String(value)
  }
}

/** A tool call's output as the view writes it. */
export const outputText = (step: Pick<Step, 'output'>): string => (step.output === null ? '' : step.output || '(empty)')

/** Lower-cases a text code point by code point, remembering where each folded unit came from. */
function fold(text: string): { folded: string; from: number[]; starts: Set<number> } {
  let folded = ''
  const from: number[] = []
  const starts = new Set<number>()
  let offset = 0
  for (const char of text) {
    const lower = char.toLowerCase()
    starts.add(folded.length)
    for (let i = 0; i < lower.length; i++) from.push(offset)
    folded += lower
    offset += char.length
  }
  starts.add(folded.length)
  from.push(offset)
  return { folded, from, starts }
}

/**
 * Where a query occurs in a text, case-insensitively, as [start, end) offsets into the text;
 * occurrences do not overlap. An empty (or all-space) query matches nothing.
 */
export function matchRanges(text: string, query: string): Array<[number, number]> {
  const needle = fold(query).folded
  if (needle.trim() === '' || text.length === 0) return []
  const { folded, from, starts } = fold(text)
  const ranges: Array<[number, number]> = []
  let at = folded.indexOf(needle)
  while (at >= 0) {
    const end = at + needle.length
    // Only matches on whole characters (a letter whose lower case is two units is not half-matched).
    if (starts.has(at) && starts.has(end)) {
      ranges.push([from[at] as number, from[end] as number])
      at = folded.indexOf(needle, end)
    } else at = folded.indexOf(needle, at + 1)
  }
  return ranges
}

/** Every match of the query in the turns, by turn, then prompt, tool calls (name, arguments, output), reply. */
export function findMatches(turns: readonly Turn[], query: string): FindMatch[] {
  if (query.trim() === '') return []
  const matches: FindMatch[] = []
  const add = (position: number, field: FindField, step: number | null, text: string) => {
    const count = matchRanges(text, query).length
    for (let occurrence = 0; occurrence < count; occurrence++) matches.push({ position, field, step, occurrence })
  }
  turns.forEach((turn, position) => {
    if (turn.user) add(position, 'prompt', null, turn.user.text)
    turn.steps.forEach((step, index) => {
      add(position, 'tool', index, step.tool)
      add(position, 'args', index, prettyArgs(step.args))
      add(position, 'output', index, outputText(step))
    })
    if (turn.agent) add(position, 'reply', null, turn.agent.text)
  })
  return matches
}

/** Next (+1) or previous (-1) of `count` matches, wrapping around; -1 when there are none. */
export function stepActive(active: number, count: number, delta: number): number {
  if (count === 0) return -1
  if (active < 0 || active >= count) return delta < 0 ? count - 1 : 0
  return (((active + delta) % count) + count) % count
}

/** What the bar says: "3 of 12", "No matches", or nothing before a query. */
export function countText(active: number, count: number, query: string): string {
  if (query.trim() === '') return ''
  if (count === 0) return 'No matches'
  return `${active >= 0 ? active + 1 : 0} of ${count}`
}

/** A text cut at a query's matches, for the view to wrap them in <mark>; `active` flags one occurrence. */
export function highlightParts(
  text: string,
  query: string,
  active: number | null,
): Array<{ text: string; match: boolean; active: boolean }> {
  const parts: Array<{ text: string; match: boolean; active: boolean }> = []
  let at = 0
  matchRanges(text, query).forEach(([start, end], occurrence) => {
    if (start > at) parts.push({ text: text.slice(at, start), match: false, active: false })
    parts.push({ text: text.slice(start, end), match: true, active: occurrence === active })
    at = end
  })
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), match: false, active: false })
  return parts
}

/** The find bar's state: open or not, what was typed, which match is active. */
export interface FindState {
  open: boolean
  query: string
  active: number
}

export const initialFind: FindState = { open: false, query: '', active: -1 }

export const findOpened = (state: FindState): FindState => ({ ...state, open: true })
export const findClosed = (state: FindState): FindState => ({ ...state, open: false })
/** A new query: its first match is active (none while there is none). */
export const findTyped = (state: FindState, query: string, count: number): FindState => ({ ...state, query, active: count > 0 ? 0 : -1 })
export const findMoved = (state: FindState, count: number, delta: number): FindState => ({
  ...state,
  active: stepActive(state.active, count, delta),
})
