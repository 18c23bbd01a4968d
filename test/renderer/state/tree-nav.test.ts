import { describe, expect, it } from 'vitest'
import { navigate } from '../../../src-renderer/src/state/tree-nav'

const rows = [
  { id: 'store', level: 1 as const, kind: 'store' as const, expanded: true },
  { id: 'p1', level: 2 as const, kind: 'project' as const, expanded: true },
  { id: 's1', level: 3 as const, kind: 'session' as const },
  { id: 's2', level: 3 as const, kind: 'session' as const },
  { id: 'p2', level: 2 as const, kind: 'project' as const, expanded: false },
]

describe('navigate', () => {
  it('moves up and down, stopping at the ends', () => {
    expect(navigate(rows, 0, 'ArrowDown')).toEqual({ type: 'focus', index: 1 })
    expect(navigate(rows, 4, 'ArrowDown')).toEqual({ type: 'focus', index: 4 })
    expect(navigate(rows, 0, 'ArrowUp')).toEqual({ type: 'focus', index: 0 })
    expect(navigate(rows, 3, 'Home')).toEqual({ type: 'focus', index: 0 })
    expect(navigate(rows, 0, 'End')).toEqual({ type: 'focus', index: 4 })
  })

  it('expands a closed node with Right, and enters an open one', () => {
    expect(navigate(rows, 4, 'ArrowRight')).toEqual({ type: 'expand', id: 'p2', expanded: true })
    expect(navigate(rows, 1, 'ArrowRight')).toEqual({ type: 'focus', index: 2 })
    expect(navigate(rows, 2, 'ArrowRight')).toEqual({ type: 'none' })
  })

  it('collapses an open node with Left, or goes to the parent', () => {
    expect(navigate(rows, 1, 'ArrowLeft')).toEqual({ type: 'expand', id: 'p1', expanded: false })
    expect(navigate(rows, 3, 'ArrowLeft')).toEqual({ type: 'focus', index: 1 })
    expect(navigate(rows, 4, 'ArrowLeft')).toEqual({ type: 'focus', index: 0 })
    expect(navigate(rows, 0, 'ArrowLeft')).toEqual({ type: 'expand', id: 'store', expanded: false })
  })

  it('focuses the first row when nothing is focused yet', () => {
    expect(navigate(rows, -1, 'ArrowDown')).toEqual({ type: 'focus', index: 0 })
    expect(navigate([], 0, 'ArrowDown')).toEqual({ type: 'none' })
  })
})
