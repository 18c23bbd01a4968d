// Per-turn timeline layout: one bar per tool call, placed by start time and sized by duration
// where the format records them, evenly spaced where it does not; overlapping calls on lanes.
import type { Step } from '../../../src-shared/model'

export interface Interval {
  start: number
  end: number
}

/**
 * Assigns each interval the lowest lane in which it overlaps nothing (greedy by start time, which
 * uses the fewest lanes). Touching intervals (one ends where the next starts) share a lane.
 * Returns the lane of each interval, in input order.
 */
export function assignLanes(intervals: readonly Interval[]): number[] {
  const order = intervals
    .map((_, i) => i)
    .sort((a, b) => {
      const x = intervals[a] as Interval
      const y = intervals[b] as Interval
      return x.start - y.start || x.end - y.end || a - b
    })
  const laneEnds: number[] = []
  const lanes = new Array<number>(intervals.length).fill(0)
  for (const i of order) {
    const { start, end } = intervals[i] as Interval
    let lane = laneEnds.findIndex((laneEnd) => laneEnd <= start)
    if (lane < 0) {
      lane = laneEnds.length
      laneEnds.push(end)
    } else laneEnds[lane] = end
    lanes[i] = lane
  }
  return lanes
}

export interface TimelineBar {
  step: Step
  index: number
  /** Fractions of the axis, 0..1. */
  left: number
  width: number
  lane: number
  /** Milliseconds from the axis origin; null in even mode. */
  startMs: number | null
}

export interface TimelineLayout {
  mode: 'time' | 'even'
  bars: TimelineBar[]
  lanes: number
  /** Time-mode only: the axis length and its tick marks (ms from the origin). */
  spanMs: number
  ticks: number[]
  origin: number | null
}

/** A bar never shrinks below this fraction of the axis, so instant calls stay clickable. */
const MIN_WIDTH = 0.006

/** Round tick spacing (1, 2, 5 × 10^k ms) giving at most `maxTicks` intervals over `span`. */
export function niceTicks(spanMs: number, maxTicks = 6): number[] {
  if (!(spanMs > 0)) return [0]
  const raw = spanMs / maxTicks
  const power = Math.pow(10, Math.floor(Math.log10(raw)))
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw) ?? 10 * power
  const ticks: number[] = []
  for (let t = 0; t <= spanMs + 1e-9; t += step) ticks.push(Math.round(t * 1000) / 1000)
  return ticks
}

export function layoutTimeline(steps: readonly Step[]): TimelineLayout {
  const starts = steps.map((step) => (step.at === null ? NaN : Date.parse(step.at)))
  const timed = steps.length > 0 && starts.every((t) => Number.isFinite(t))
  if (!timed) {
    const n = Math.max(steps.length, 1)
    const gap = Math.min(0.15 / n, 0.004)
    return {
      mode: 'even',
      bars: steps.map((step, index) => ({ step, index, left: index / n, width: 1 / n - gap, lane: 0, startMs: null })),
      lanes: 1,
      spanMs: 0,
      ticks: [],
      origin: null,
    }
  }
  const origin = Math.min(...starts)
  const ends = steps.map((step, i) => (starts[i] as number) + Math.max(step.durationMs ?? 0, 0))
  const spanMs = Math.max(Math.max(...ends) - origin, 1)
  const intervals = steps.map((_, i) => {
    const start = (starts[i] as number) - origin
    // A call with no duration is drawn (and laned) as a sliver.
    const end = Math.max((ends[i] as number) - origin, start + MIN_WIDTH * spanMs)
    return { start, end }
  })
  const lanes = assignLanes(intervals)
  const bars = steps.map((step, index) => {
    const { start, end } = intervals[index] as Interval
    const left = Math.min(start / spanMs, 1 - MIN_WIDTH)
    return {
      step,
      index,
      left,
      width: Math.min(Math.max((end - start) / spanMs, MIN_WIDTH), 1 - left),
      lane: lanes[index] as number,
      startMs: start,
    }
  })
  return { mode: 'time', bars, lanes: Math.max(1, ...lanes.map((l) => l + 1)), spanMs, ticks: niceTicks(spanMs), origin }
}

/** "+1.5 s" style tick label. */
export function tickLabel(ms: number): string {
  if (ms === 0) return '0'
  if (ms < 1000) return `${Math.round(ms)} ms`
  const s = ms / 1000
  if (s < 60) return `${Number.isInteger(s) ? s : s.toFixed(1)} s`
  const m = Math.floor(s / 60)
  const rest = Math.round(s % 60)
  return rest ? `${m} min ${rest} s` : `${m} min`
}
