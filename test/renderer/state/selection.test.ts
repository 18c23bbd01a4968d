import { describe, expect, it } from 'vitest'
import { emptySelection, modeOf, select, selectAll, visibleSelection } from '../../../src-renderer/src/state/selection'

const order = ['store', 'p1', 'a', 'b', 'p2', 'c', 'd']
const isSession = (id: string) => id.length === 1

describe('select', () => {
  it('replaces on a plain click and sets the anchor', () => {
    const s = select(emptySelection, order, 'b', 'replace')
    expect([...s.selected]).toEqual(['b'])
    expect(s.anchor).toBe('b')
  })

  it('toggles on Ctrl/Cmd-click', () => {
    let s = select(emptySelection, order, 'a', 'replace')
    s = select(s, order, 'c', 'toggle')
    expect([...s.selected].sort()).toEqual(['a', 'c'])
    s = select(s, order, 'a', 'toggle')
    expect([...s.selected]).toEqual(['c'])
  })

  it('selects the selectable rows between the anchor and the click on Shift-click, either direction', () => {
    const s = select(select(emptySelection, order, 'a', 'replace'), order, 'd', 'range', isSession)
    expect(visibleSelection(s, order)).toEqual(['a', 'b', 'c', 'd'])
    expect(s.anchor).toBe('a')
    const back = select(s, order, 'b', 'range', isSession)
    expect(visibleSelection(back, order)).toEqual(['a', 'b'])
    const up = select(select(emptySelection, order, 'd', 'replace'), order, 'b', 'range', isSession)
    expect(visibleSelection(up, order)).toEqual(['b', 'c', 'd'])
  })

  it('adds a range to the selection with Ctrl+Shift', () => {
    let s = select(emptySelection, order, 'a', 'replace')
    s = select(s, order, 'c', 'toggle')
    s = select(s, order, 'd', 'range-add', isSession)
    expect(visibleSelection(s, order)).toEqual(['a', 'c', 'd'])
  })

  it('falls back to the clicked row when the anchor is no longer visible', () => {
    const s = select({ selected: new Set(['gone']), anchor: 'gone' }, order, 'c', 'range', isSession)
    expect([...s.selected]).toEqual(['c'])
  })

  it('reads the mode from the modifier keys', () => {
    expect(modeOf({ shiftKey: false, ctrlKey: false, metaKey: false })).toBe('replace')
    expect(modeOf({ shiftKey: false, ctrlKey: true, metaKey: false })).toBe('toggle')
    expect(modeOf({ shiftKey: false, ctrlKey: false, metaKey: true })).toBe('toggle')
    expect(modeOf({ shiftKey: true, ctrlKey: false, metaKey: false })).toBe('range')
    expect(modeOf({ shiftKey: true, ctrlKey: true, metaKey: false })).toBe('range-add')
  })

  it('selects every selectable row', () => {
    expect([...selectAll(order, isSession).selected]).toEqual(['a', 'b', 'c', 'd'])
  })
})
