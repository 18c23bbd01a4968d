import { describe, expect, it } from 'vitest'
import type { SearchHitView, SearchResultView } from '../../../src-shared/contract'
import {
  activeHit,
  answerArrived,
  groupHits,
  hitPlace,
  initialSearch,
  moveActive,
  orderedHits,
  queryTyped,
  setActive,
  snippetParts,
} from '../../../src-renderer/src/state/search'

const hit = (id: string, turn: number, step: number | null = null): SearchHitView => ({
  ref: { storeId: 's1', id },
  title: `Session ${id}`,
  project: 'web',
  turn,
  step,
  field: step === null ? 'prompt' : 'output',
  snippet: `a \uE000match\uE001 in ${id}`,
  score: 1,
  at: '2026-01-01T00:00:00.000Z',
})

const result = (hits: SearchHitView[]): SearchResultView => ({ total: hits.length, hits })

describe('search state', () => {
  it('awaits an answer for each query typed, and none for an empty one', () => {
    const typed = queryTyped(initialSearch, 'csv')
    expect(typed).toMatchObject({ query: 'csv', seq: 1, status: 'searching' })
    const cleared = queryTyped(answerArrived(typed, 1, { ok: true, value: result([hit('a', 0)]) }), '  ')
    expect(cleared).toEqual({ ...initialSearch, seq: 2 })
  })

  it('shows only the newest query’s answer, whatever order the answers arrive in', () => {
    let state = queryTyped(initialSearch, 'cs')
    state = queryTyped(state, 'csv')
    const newer = result([hit('new', 1)])
    state = answerArrived(state, 2, { ok: true, value: newer })
    const late = answerArrived(state, 1, { ok: true, value: result([hit('old', 0)]) })
    expect(late).toBe(state)
    expect(state).toMatchObject({ status: 'ready', result: newer, active: 0, error: null })
    // A later refusal of the older query changes nothing either.
    expect(answerArrived(state, 1, { ok: false, reason: 'late' })).toBe(state)
  })

  it('shows a malformed query’s message in place of the hits', () => {
    let state = answerArrived(queryTyped(initialSearch, 'csv'), 1, { ok: true, value: result([hit('a', 0)]) })
    state = queryTyped(state, '"csv')
    // While the new query is asked, the last hits stay on screen.
    expect(state.result?.hits).toHaveLength(1)
    state = answerArrived(state, 2, { ok: false, reason: 'a phrase is missing its closing quote (")' })
    expect(state).toMatchObject({ status: 'error', error: expect.stringContaining('closing quote'), result: null, active: -1 })
  })

  it('groups hits by session where each session’s best hit ranks, and walks them in that order', () => {
    const hits = [hit('a', 0), hit('b', 2, 1), hit('a', 3, 0), hit('c', 1)]
    const groups = groupHits(hits)
    expect(groups.map((group) => [group.ref.id, group.hits.map((entry) => [entry.hit.turn, entry.index])])).toEqual([
      [
        'a',
        [
          [0, 0],
          [3, 1],
        ],
      ],
      ['b', [[2, 2]]],
      ['c', [[1, 3]]],
    ])
    let state = answerArrived(queryTyped(initialSearch, 'match'), 1, { ok: true, value: result(hits) })
    expect(orderedHits(state.result).map((h) => h.ref.id)).toEqual(['a', 'a', 'b', 'c'])
    expect(activeHit(state)).toBe(hits[0])
    state = moveActive(state, 1)
    expect(activeHit(state)).toBe(hits[2])
    state = moveActive(moveActive(moveActive(state, 1), 1), 1)
    expect(state.active).toBe(3)
    expect(moveActive(state, 1)).toBe(state)
    expect(moveActive(setActive(state, 0), -1).active).toBe(0)
    expect(setActive(state, 9)).toBe(state)
    expect(moveActive(initialSearch, 1)).toBe(initialSearch)
  })

  it('cuts a snippet at its marks, dropping stray ones', () => {
    const marks = ['\uE000', '\uE001'] as const
    expect(snippetParts('a \uE000b\uE001 c \uE000d\uE001', marks)).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
      { text: ' c ', match: false },
      { text: 'd', match: true },
    ])
    expect(snippetParts('<b>x</b> \uE000y', marks)).toEqual([{ text: '<b>x</b> y', match: false }])
    expect(snippetParts('', marks)).toEqual([])
  })

  it('says where a hit was said, counting from 1', () => {
    expect(hitPlace({ field: 'prompt', turn: 0, step: null })).toBe('Prompt · turn 1')
    expect(hitPlace({ field: 'output', turn: 2, step: 3 })).toBe('Output · turn 3, step 4')
  })
})
