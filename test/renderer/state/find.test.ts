import { describe, expect, it } from 'vitest'
import type { Step, Turn } from '../../../src-shared/model'
import {
  countText,
  findMatches,
  findMoved,
  findTyped,
  highlightParts,
  initialFind,
  matchRanges,
  stepActive,
} from '../../../src-renderer/src/state/find'

const step = (tool: string, args: unknown, output: string | null): Step => ({
  id: tool,
  tool,
  args,
  output,
  at: null,
  durationMs: null,
  isError: false,
})

const turn = (index: number, user: string | null, steps: Step[], agent: string | null): Turn => ({
  index,
  user: user === null ? null : { text: user, at: null },
  agent: agent === null ? null : { text: agent, at: null },
  steps,
})

const turns: Turn[] = [
  turn(0, 'Fix the Webhook handler', [step('Read', { path: 'src/webhook.ts' }, 'export function webhook() {}')], 'The webhook is fixed.'),
  turn(1, 'Thanks', [], 'No webhook here? WEBHOOK!'),
  turn(2, null, [step('Grep', 'webhook', null)], null),
]

describe('matchRanges', () => {
  it('finds every occurrence, case-insensitively, without overlaps', () => {
    expect(matchRanges('Webhook webhook WEBHOOK', 'webhook')).toEqual([
      [0, 7],
      [8, 15],
      [16, 23],
    ])
    expect(matchRanges('aaaa', 'aa')).toEqual([
      [0, 2],
      [2, 4],
    ])
  })

  it('matches nothing for an empty query or one longer than the text', () => {
    expect(matchRanges('webhook', '')).toEqual([])
    expect(matchRanges('webhook', '   ')).toEqual([])
    expect(matchRanges('web', 'webhook')).toEqual([])
    expect(matchRanges('', 'a')).toEqual([])
  })

  it('folds unicode case and keeps offsets into the original text', () => {
    expect(matchRanges('L’ÉCOLE et l’école', 'école')).toEqual([
      [2, 7],
      [13, 18],
    ])
    // "İ" lower-cases to two code units: the offsets still point into the original text.
    const text = 'İstanbul istanbul'
    const ranges = matchRanges(text, 'stanbul')
    expect(ranges.map(([start, end]) => text.slice(start, end))).toEqual(['stanbul', 'stanbul'])
    // Astral characters (emoji) count as whole characters.
    expect(matchRanges('🚀 launch 🚀', '🚀')).toEqual([
      [0, 2],
      [10, 12],
    ])
    expect(matchRanges('ΣΊΣΥΦΟΣ', 'σίσυφοσ')).toEqual([[0, 7]])
  })
})

describe('findMatches', () => {
  it('counts each occurrence, in turn order: prompt, tool calls (name, arguments, output), reply', () => {
    const matches = findMatches(turns, 'webhook')
    expect(matches.map((m) => [m.position, m.field, m.step, m.occurrence])).toEqual([
      [0, 'prompt', null, 0],
      [0, 'args', 0, 0],
      [0, 'output', 0, 0],
      [0, 'reply', null, 0],
      [1, 'reply', null, 0],
      [1, 'reply', null, 1],
      [2, 'args', 0, 0],
    ])
  })

  it('finds tool names, and the arguments as the view writes them (JSON)', () => {
    expect(findMatches(turns, 'grep').map((m) => m.field)).toEqual(['tool'])
    expect(findMatches(turns, '"path": "src').map((m) => [m.field, m.step])).toEqual([['args', 0]])
  })

  it('finds nothing for an empty query or one longer than any text', () => {
    expect(findMatches(turns, '')).toEqual([])
    expect(findMatches(turns, ' ')).toEqual([])
    expect(findMatches(turns, 'x'.repeat(500))).toEqual([])
    expect(findMatches([], 'webhook')).toEqual([])
  })
})

describe('next and previous', () => {
  it('wrap around both ways', () => {
    expect(stepActive(0, 3, 1)).toBe(1)
    expect(stepActive(2, 3, 1)).toBe(0)
    expect(stepActive(0, 3, -1)).toBe(2)
    expect(stepActive(-1, 3, 1)).toBe(0)
    expect(stepActive(-1, 3, -1)).toBe(2)
    expect(stepActive(5, 3, 1)).toBe(0)
    expect(stepActive(0, 0, 1)).toBe(-1)
    expect(stepActive(0, 1, 1)).toBe(0)
  })

  it('go through the state: a new query starts at its first match', () => {
    let state = findTyped(initialFind, 'webhook', 7)
    expect(state.active).toBe(0)
    state = findMoved(findMoved(state, 7, 1), 7, 1)
    expect(state.active).toBe(2)
    state = findMoved(findMoved(findMoved(state, 7, -1), 7, -1), 7, -1)
    expect(state.active).toBe(6)
    expect(findTyped(state, 'nothing', 0).active).toBe(-1)
  })

  it('say where they are', () => {
    expect(countText(2, 7, 'webhook')).toBe('3 of 7')
    expect(countText(-1, 0, 'zzz')).toBe('No matches')
    expect(countText(-1, 0, '')).toBe('')
  })
})

describe('highlightParts', () => {
  it('cuts a text at its matches, flagging the active one', () => {
    expect(highlightParts('a Web and a web', 'web', 1)).toEqual([
      { text: 'a ', match: false, active: false },
      { text: 'Web', match: true, active: false },
      { text: ' and a ', match: false, active: false },
      { text: 'web', match: true, active: true },
    ])
    expect(highlightParts('plain', '', null)).toEqual([{ text: 'plain', match: false, active: false }])
    expect(highlightParts('', 'x', null)).toEqual([{ text: '', match: false, active: false }])
  })
})
