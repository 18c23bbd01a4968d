import { describe, expect, it } from 'vitest'
import { type IndexState, MissedBatchError, applyBatch } from '../../../../src-shared/index-state'
import { summary } from '../../../support/summaries'

const session = (id: string, updatedAt: string, path = `/s/${id}.json`) => summary(id, { store: '/s', path, title: id, updatedAt })

const a = session('a', '2026-11-03T00:00:00.000Z')
const b = session('b', '2026-11-02T00:00:00.000Z')
const c = session('c', '2026-11-01T00:00:00.000Z')
const base: IndexState = { seq: 4, sessions: [a, b, c], problems: [{ path: '/s/z.json', reason: 'empty file' }] }

describe('applyBatch', () => {
  it('ignores batches the state already holds, and returns the very same state', () => {
    expect(applyBatch(base, { seq: 4, events: [{ type: 'removed', path: a.path, id: 'a', session: null }] })).toBe(base)
    expect(applyBatch(base, { seq: 1, events: [] })).toBe(base)
  })

  it('refuses to skip a batch', () => {
    expect(() => applyBatch(base, { seq: 6, events: [] })).toThrow(MissedBatchError)
  })

  it('adds, replaces and removes sessions by path, keeping the newest-first order, without touching its input', () => {
    const copy = structuredClone(base)
    const newer = { ...c, title: 'moved up', updatedAt: '2026-11-04T00:00:00.000Z' }
    const d = session('d', '2026-11-02T12:00:00.000Z')
    const next = applyBatch(base, {
      seq: 5,
      events: [
        { type: 'changed', path: c.path, id: 'c', session: newer },
        { type: 'removed', path: b.path, id: 'b', session: null },
        { type: 'added', path: d.path, id: 'd', session: d },
      ],
    })
    expect(next.seq).toBe(5)
    expect(next.sessions.map((s) => s.title)).toEqual(['moved up', 'a', 'd'])
    expect(next.problems).toEqual(base.problems)
    expect(base).toEqual(copy)
  })

  it('lets a problem take a session path over, and a session take a problem path over', () => {
    const next = applyBatch(base, {
      seq: 5,
      events: [
        { type: 'removed', path: a.path, id: 'a', session: null },
        { type: 'problem', path: a.path, reason: 'truncated JSON' },
        { type: 'added', path: '/s/z.json', id: 'z', session: session('z', '2026-10-01T00:00:00.000Z', '/s/z.json') },
      ],
    })
    expect(next.sessions.map((s) => s.id)).toEqual(['b', 'c', 'z'])
    expect(next.problems).toEqual([{ path: a.path, reason: 'truncated JSON' }])
  })

  it('drops the problem of a file that went away', () => {
    const next = applyBatch(base, { seq: 5, events: [{ type: 'removed', path: '/s/z.json', id: null, session: null }] })
    expect(next.problems).toEqual([])
    expect(next.sessions).toEqual(base.sessions)
  })

  it('applies the last of several events for one path', () => {
    const next = applyBatch(base, {
      seq: 5,
      events: [
        { type: 'problem', path: b.path, reason: 'empty file' },
        { type: 'changed', path: b.path, id: 'b', session: { ...b, title: 'fixed' } },
      ],
    })
    expect(next.sessions.map((s) => s.title)).toEqual(['a', 'fixed', 'c'])
    expect(next.problems).toEqual(base.problems)
  })
})
