import { describe, expect, it } from 'vitest'
import { type RawFsEvent, type RawFsKind, coalesceEvents } from '../../../../src-main/core/watch/coalesce'

const on =
  (path: string) =>
  (kind: RawFsKind): RawFsEvent => ({ kind, path })
const p = on('/s/a.json')

/** "add change" → the kinds of one path in order; "-" means the burst leaves no event. */
function table(rows: string): Array<[RawFsKind[], RawFsKind | null]> {
  return rows
    .trim()
    .split('\n')
    .map((row) => {
      const [input = '', output = ''] = row.split('=>').map((part) => part.trim())
      return [input.split(/\s+/) as RawFsKind[], output === '-' ? null : (output as RawFsKind)]
    })
}

function coalesceOne(kinds: RawFsKind[]): RawFsKind | null {
  const result = coalesceEvents(kinds.map(p))
  expect(result.length).toBeLessThanOrEqual(1)
  return result[0]?.kind ?? null
}

describe('coalesceEvents', () => {
  it('returns nothing for nothing', () => {
    expect(coalesceEvents([])).toEqual([])
  })

  it.each(
    table(`
    add => add
    change => change
    unlink => unlink
  `),
  )('keeps a single %j as %s', (kinds, expected) => {
    expect(coalesceOne(kinds)).toBe(expected)
  })

  it.each(
    table(`
    add add => add
    add change => add
    add unlink => -
    change add => change
    change change => change
    change unlink => unlink
    unlink add => change
    unlink change => change
    unlink unlink => unlink
  `),
  )('folds the pair %j into %s', (kinds, expected) => {
    expect(coalesceOne(kinds)).toBe(expected)
  })

  it.each(
    table(`
    add add add => add
    add add change => add
    add add unlink => -
    add change add => add
    add change change => add
    add change unlink => -
    add unlink add => add
    add unlink change => add
    add unlink unlink => -
    change add add => change
    change add change => change
    change add unlink => unlink
    change change add => change
    change change change => change
    change change unlink => unlink
    change unlink add => change
    change unlink change => change
    change unlink unlink => unlink
    unlink add add => change
    unlink add change => change
    unlink add unlink => unlink
    unlink change add => change
    unlink change change => change
    unlink change unlink => unlink
    unlink unlink add => change
    unlink unlink change => change
    unlink unlink unlink => unlink
  `),
  )('folds the run %j into %s', (kinds, expected) => {
    expect(coalesceOne(kinds)).toBe(expected)
  })

  it('folds each path on its own and keeps the order in which paths were first seen', () => {
    const a = on('/s/a.json')
    const b = on('/s/b.json')
    const c = on('/s/c.json')
    const d = on('/s/d.json')
    expect(
      coalesceEvents([b('change'), a('add'), c('add'), b('unlink'), d('unlink'), a('change'), c('unlink'), d('add'), b('add')]),
    ).toEqual([
      { kind: 'change', path: '/s/b.json' },
      { kind: 'add', path: '/s/a.json' },
      { kind: 'change', path: '/s/d.json' },
    ])
  })

  it('gives a path that came, went and came back its first place', () => {
    const a = on('/s/a.json')
    const b = on('/s/b.json')
    expect(coalesceEvents([a('add'), b('change'), a('unlink'), a('add')])).toEqual([
      { kind: 'add', path: '/s/a.json' },
      { kind: 'change', path: '/s/b.json' },
    ])
  })

  it('does not touch its input', () => {
    const input = [p('add'), p('unlink')]
    const copy = structuredClone(input)
    coalesceEvents(input)
    expect(input).toEqual(copy)
  })
})
