import { describe, expect, it } from 'vitest'
import type { IndexProgressView } from '../../../src-shared/contract'
import { nextProgress, progressFigures, progressLabel } from '../../../src-renderer/src/state/index-progress'

const MB = 1024 * 1024

function view(overrides: Partial<IndexProgressView> = {}): IndexProgressView {
  return {
    phase: 'texts',
    files: 9_900,
    done: 1_234,
    bytes: 1_060 * MB,
    doneBytes: 120 * MB,
    startedAt: 1_000_000,
    elapsedMs: 2_000,
    finished: false,
    ...overrides,
  }
}

describe('progressFigures', () => {
  it('takes the rate from the run’s own elapsed time and the time left from that rate', () => {
    const figures = progressFigures(view({ doneBytes: 100 * MB, bytes: 1_000 * MB, elapsedMs: 4_000 }))
    expect(figures.fraction).toBeCloseTo(0.1)
    expect(figures.bytesPerSecond).toBe(25 * MB)
    expect(figures.msLeft).toBe(36_000)
  })

  it('has no rate or time left before anything is read, and counts files when there are no bytes', () => {
    expect(progressFigures(view({ doneBytes: 0, done: 0 }))).toEqual({ fraction: 0, bytesPerSecond: null, msLeft: null })
    expect(progressFigures(view({ elapsedMs: 0 })).bytesPerSecond).toBeNull()
    expect(progressFigures(view({ bytes: 0, doneBytes: 0, files: 4, done: 1 })).fraction).toBe(0.25)
    expect(progressFigures(view({ bytes: 0, doneBytes: 0, files: 0, done: 0 })).fraction).toBe(0)
    // A file that grew while it was read never makes the bar overflow or the time go negative.
    const over = progressFigures(view({ doneBytes: 11 * MB, bytes: 10 * MB }))
    expect(over.fraction).toBe(1)
    expect(over.msLeft).toBe(0)
  })
})

describe('progressLabel', () => {
  it('says files, bytes, rate and time left with the shared display helpers', () => {
    expect(progressLabel(view({ elapsedMs: 2_000 + 2_000 / 3 }))).toBe(
      'Indexing for search: 1,234 of 9,900 files · 120 MB of 1.0 GB · 45 MB/s · about 21 s left',
    )
    expect(progressLabel(view({ doneBytes: 10 * MB, bytes: 1_000 * MB, elapsedMs: 1_000 }))).toBe(
      'Indexing for search: 1,234 of 9,900 files · 10 MB of 1000 MB · 10 MB/s · about 1 min 39 s left',
    )
    expect(progressLabel(view({ doneBytes: 999 * MB, bytes: 1_000 * MB, elapsedMs: 999 }))).toMatch(/about 1 s left$/)
    expect(progressLabel(view({ done: 0, doneBytes: 0 }))).toBe('Indexing for search: 0 of 9,900 files · 0 B of 1.0 GB')
  })
})

describe('nextProgress', () => {
  it('shows a run’s reports as they come and hides the bar at its finished report', () => {
    const first = view({ done: 200, doneBytes: 10 })
    const second = view({ done: 400, doneBytes: 20 })
    expect(nextProgress(null, first)).toBe(first)
    expect(nextProgress(first, second)).toBe(second)
    expect(nextProgress(second, view({ done: 400, doneBytes: 20, finished: true }))).toBeNull()
    expect(nextProgress(null, view({ finished: true }))).toBeNull()
  })

  it('never goes back: an older report of the run, or any report of an older run, changes nothing', () => {
    const second = view({ done: 400, doneBytes: 20 })
    expect(nextProgress(second, view({ done: 200, doneBytes: 10 }))).toBe(second)
    const newer = view({ startedAt: 2_000_000, done: 5 })
    expect(nextProgress(newer, second)).toBe(newer)
    expect(nextProgress(newer, view({ finished: true }))).toBe(newer)
    // A newer run replaces the one shown, finished or not.
    expect(nextProgress(second, newer)).toBe(newer)
  })

  it('takes the answer “no build under way” as the end of whatever was shown', () => {
    expect(nextProgress(view(), null)).toBeNull()
    expect(nextProgress(null, null)).toBeNull()
  })
})
