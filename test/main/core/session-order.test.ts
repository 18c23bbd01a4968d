import { describe, expect, it } from 'vitest'
import type { SessionSummary } from '../../../src-shared/model'
import { withChildrenAfterParents } from '../../../src-shared/session-order'
import { summary } from '../../support/summaries'

const session = (id: string, extra: Partial<SessionSummary> = {}) =>
  summary(id, { store: '/s', project: 'p', path: `/s/p/${id}`, updatedAt: '2026-11-01T00:00:00.000Z', ...extra })

describe('withChildrenAfterParents', () => {
  it('puts file and inline sub-agents right after their parent, in the parent order', () => {
    const inline = session('inline', { parentId: 'b' })
    const ordered = withChildrenAfterParents([
      session('a'),
      session('child-of-b', { parentId: 'b' }),
      session('b', { children: [inline] }),
      session('orphan', { parentId: 'missing' }),
    ])
    expect(ordered.map((s) => s.id)).toEqual(['a', 'b', 'inline', 'child-of-b', 'orphan'])
  })

  it('prefers the parent in the same project when two share an id, and survives cycles', () => {
    const ordered = withChildrenAfterParents([
      session('turn', { project: 'one', path: '/s/one/turn' }),
      session('turn', { project: 'two', path: '/s/two/turn' }),
      session('agent', { project: 'two', parentId: 'turn' }),
      session('x', { parentId: 'y' }),
      session('y', { parentId: 'x' }),
    ])
    expect(ordered.map((s) => `${s.project}/${s.id}`)).toEqual(['one/turn', 'two/turn', 'two/agent', 'p/x', 'p/y'])
  })
})
