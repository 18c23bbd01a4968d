import { describe, expect, it } from 'vitest'
import type { Step } from '../../../src-shared/model'
import { assignLanes, layoutTimeline, niceTicks, tickLabel } from '../../../src-renderer/src/state/timeline'

const step = (id: string, at: string | null, durationMs: number | null, isError = false): Step => ({
  id,
  tool: 'shell',
  args: {},
  output: '',
  at,
  durationMs,
  isError,
})

describe('assignLanes', () => {
  it('keeps sequential calls on one lane and puts overlapping ones on the next free lane', () => {
    expect(
      assignLanes([
        { start: 0, end: 10 },
        { start: 10, end: 20 },
        { start: 25, end: 30 },
      ]),
    ).toEqual([0, 0, 0])
    expect(
      assignLanes([
        { start: 0, end: 10 },
        { start: 2, end: 5 },
        { start: 3, end: 12 },
        { start: 6, end: 8 },
      ]),
    ).toEqual([0, 1, 2, 1])
  })

  it('answers in input order whatever the order of the intervals', () => {
    expect(
      assignLanes([
        { start: 5, end: 8 },
        { start: 0, end: 10 },
      ]),
    ).toEqual([1, 0])
  })

  it('handles no intervals', () => {
    expect(assignLanes([])).toEqual([])
  })
})

describe('layoutTimeline', () => {
  it('places bars by start time and sizes them by duration, laning parallel calls', () => {
    const layout = layoutTimeline([
      step('a', '2026-11-20T10:00:00.000Z', 1000),
      step('b', '2026-11-20T10:00:00.500Z', 1000),
      step('c', '2026-11-20T10:00:02.000Z', 2000, true),
    ])
    expect(layout.mode).toBe('time')
    expect(layout.spanMs).toBe(4000)
    expect(layout.lanes).toBe(2)
    expect(layout.bars.map((bar) => [bar.left, bar.width, bar.lane])).toEqual([
      [0, 0.25, 0],
      [0.125, 0.25, 1],
      [0.5, 0.5, 0],
    ])
    expect(layout.ticks).toEqual([0, 1000, 2000, 3000, 4000])
  })

  it('spaces calls evenly, on one lane, where the format records no times', () => {
    const layout = layoutTimeline([step('a', null, null), step('b', null, null), step('c', null, null), step('d', null, null)])
    expect(layout.mode).toBe('even')
    expect(layout.lanes).toBe(1)
    expect(layout.bars.map((bar) => bar.left)).toEqual([0, 0.25, 0.5, 0.75])
    expect(layout.ticks).toEqual([])
  })

  it('keeps calls with a start but no duration visible', () => {
    const layout = layoutTimeline([step('a', '2026-11-20T10:00:00.000Z', null), step('b', '2026-11-20T10:00:10.000Z', 0)])
    for (const bar of layout.bars) {
      expect(bar.width).toBeGreaterThan(0)
      expect(bar.left + bar.width).toBeLessThanOrEqual(1)
    }
  })
})

describe('niceTicks', () => {
  it('uses round steps', () => {
    expect(niceTicks(4000)).toEqual([0, 1000, 2000, 3000, 4000])
    expect(niceTicks(9_500)).toEqual([0, 2000, 4000, 6000, 8000])
    expect(niceTicks(130)).toEqual([0, 50, 100])
    expect(niceTicks(0)).toEqual([0])
  })

  it('labels ticks', () => {
    expect(tickLabel(0)).toBe('0')
    expect(tickLabel(500)).toBe('500 ms')
    expect(tickLabel(2000)).toBe('2 s')
    expect(tickLabel(2500)).toBe('2.5 s')
    expect(tickLabel(120_000)).toBe('2 min')
  })
})
