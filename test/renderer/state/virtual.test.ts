import { describe, expect, it } from 'vitest'
import { ROW_HEIGHT, SESSION_ROW_HEIGHT, rowAt, rowOffsets } from '../../../src-renderer/src/state/virtual'

const rows = [
  { kind: 'store' as const },
  { kind: 'project' as const },
  { kind: 'session' as const },
  { kind: 'session' as const },
  { kind: 'trash' as const },
]

describe('virtual rows', () => {
  it('stacks rows by their kind’s height', () => {
    expect(rowOffsets(rows)).toEqual([
      0,
      28,
      56,
      56 + SESSION_ROW_HEIGHT,
      56 + 2 * SESSION_ROW_HEIGHT,
      56 + 2 * SESSION_ROW_HEIGHT + ROW_HEIGHT,
    ])
  })

  it('finds the row at a height', () => {
    const offsets = rowOffsets(rows)
    expect(rowAt(offsets, 0)).toBe(0)
    expect(rowAt(offsets, 27)).toBe(0)
    expect(rowAt(offsets, 28)).toBe(1)
    expect(rowAt(offsets, 60)).toBe(2)
    expect(rowAt(offsets, 56 + SESSION_ROW_HEIGHT)).toBe(3)
    expect(rowAt(offsets, 100_000)).toBe(4)
    expect(rowAt(rowOffsets([]), 10)).toBe(0)
  })
})
