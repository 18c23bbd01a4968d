import { describe, expect, it } from 'vitest'
import { typeAhead } from '../../../src-renderer/src/state/typeahead'

const texts = ['Oxios', 'billing-api', 'Fix proration', 'Add CSV export', 'billing report', 'Unfiled', 'Astrid']

describe('typeAhead', () => {
  it('jumps to the next row starting with a letter, after the focused one, wrapping', () => {
    expect(typeAhead(texts, 0, 'b')).toBe(1)
    expect(typeAhead(texts, 1, 'b')).toBe(4)
    expect(typeAhead(texts, 4, 'b')).toBe(1)
    expect(typeAhead(texts, 6, 'o')).toBe(0)
  })

  it('refines the match as more letters are typed, from the current row', () => {
    expect(typeAhead(texts, 1, 'bi')).toBe(1)
    expect(typeAhead(texts, 1, 'billing r')).toBe(4)
    expect(typeAhead(texts, 2, 'add')).toBe(3)
  })

  it('cycles when the same letter is repeated', () => {
    expect(typeAhead(texts, 3, 'aa')).toBe(6)
  })

  it('is case-insensitive and answers -1 when nothing matches', () => {
    expect(typeAhead(texts, 0, 'UN')).toBe(5)
    expect(typeAhead(texts, 0, 'zz')).toBe(-1)
    expect(typeAhead([], 0, 'a')).toBe(-1)
  })
})
