import { describe, expect, it } from 'vitest'
import { MissedBatchError } from '../../../src-shared/index-state'
import type { AppSnapshot } from '../../../src-shared/contract'
import { fromSnapshot, storeIdOfProblem, storeIdOfSession, storeIdsByRoot, withBatch } from '../../../src-renderer/src/state/sessions'
import { STORE_A, STORE_B, summary } from '../../support/summaries'
import { FORMAT_INFOS } from '../../../src-main/core/formats/registry'

const a = summary('a', { updatedAt: '2026-11-03T00:00:00.000Z' })
const b = summary('b', { updatedAt: '2026-11-02T00:00:00.000Z' })

const snapshot: AppSnapshot = {
  seq: 7,
  stores: [STORE_A, STORE_B],
  sessions: [a, b],
  problems: [],
  notice: 'Opened the samples',
  lookedIn: ['/home/u/.oxios'],
  formats: [...FORMAT_INFOS],
  liveWindowMs: 60_000,
  shell: 'electron',
}

describe('sessions data', () => {
  it('starts from a snapshot', () => {
    const data = fromSnapshot(snapshot)
    expect(data.seq).toBe(7)
    expect(data.sessions.map((s) => s.id)).toEqual(['a', 'b'])
    expect(data.notice).toBe('Opened the samples')
  })

  it('applies the next batch with the core applyBatch and keeps the newest-first order', () => {
    const data = fromSnapshot(snapshot)
    const c = summary('c', { updatedAt: '2026-11-04T00:00:00.000Z' })
    const next = withBatch(data, {
      seq: 8,
      events: [
        { type: 'added', path: c.path, id: 'c', session: c },
        { type: 'removed', path: b.path, id: 'b', session: null },
        { type: 'problem', path: `${STORE_A.root}/x.json`, reason: 'empty file' },
      ],
    })
    expect(next.seq).toBe(8)
    expect(next.sessions.map((s) => s.id)).toEqual(['c', 'a'])
    expect(next.problems).toEqual([{ path: `${STORE_A.root}/x.json`, reason: 'empty file' }])
    expect(next.stores).toBe(data.stores)
  })

  it('ignores batches the snapshot already holds and throws on a gap', () => {
    const data = fromSnapshot(snapshot)
    expect(withBatch(data, { seq: 7, events: [{ type: 'removed', path: a.path, id: 'a', session: null }] })).toBe(data)
    expect(() => withBatch(data, { seq: 9, events: [] })).toThrow(MissedBatchError)
  })

  it('tells which store a session and a problem belong to', () => {
    const byRoot = storeIdsByRoot([STORE_A, { ...STORE_B, root: `${STORE_B.root}/` }])
    expect(storeIdOfSession(byRoot, a)).toBe('a')
    expect(storeIdOfSession(byRoot, summary('z', { store: STORE_B.root }))).toBe('b')
    expect(storeIdOfSession(byRoot, summary('z', { store: '/elsewhere' }))).toBeUndefined()
    expect(storeIdOfProblem([STORE_A, STORE_B], { path: `${STORE_B.root}/p/x.json`, reason: 'r' })).toBe('b')
    expect(storeIdOfProblem([STORE_A, STORE_B], { path: `${STORE_B.root}x/x.json`, reason: 'r' })).toBeUndefined()
  })
})
