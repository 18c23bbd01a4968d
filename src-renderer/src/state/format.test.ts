import { describe, expect, it } from 'vitest'
import { isLive, projectShortName, relativeTime, sessionAccessibleName } from './format'
import { summary } from './test-support'

const now = Date.parse('2026-11-21T12:00:00.000Z')

describe('format', () => {
  it('names a session for assistive technology', () => {
    expect(sessionAccessibleName(summary('x', { title: 'Fix it', turns: 3, steps: 7, errors: 1 }), true)).toBe('Fix it, 3 turns, 7 steps, 1 error, live')
    expect(sessionAccessibleName(summary('x', { title: 'Fix it', turns: 1, steps: 1, errors: 0, archived: true }), false)).toBe(
      'Fix it, 1 turn, 1 step, archived',
    )
    expect(sessionAccessibleName(summary('x', { title: '  ' }), false)).toMatch(/^Untitled session,/)
  })

  it('tells live sessions by their file time', () => {
    expect(isLive({ modifiedAt: '2026-11-21T11:59:30.000Z' }, now, 60_000)).toBe(true)
    expect(isLive({ modifiedAt: '2026-11-21T11:58:30.000Z' }, now, 60_000)).toBe(false)
    expect(isLive({ modifiedAt: 'garbage' }, now, 60_000)).toBe(false)
  })

  it('writes relative times', () => {
    expect(relativeTime('2026-11-21T11:59:50.000Z', now)).toBe('just now')
    expect(relativeTime('2026-11-21T11:55:00.000Z', now)).toBe('5 min ago')
    expect(relativeTime('2026-11-21T09:00:00.000Z', now)).toBe('3 h ago')
    expect(relativeTime('2026-11-18T12:00:00.000Z', now)).toBe('3 d ago')
    expect(relativeTime('2025-01-02T12:00:00.000Z', now)).toBe('Jan 2, 2025')
  })

  it('shortens path-like project keys', () => {
    expect(projectShortName('/home/u/src/web/')).toBe('web')
    expect(projectShortName('billing-api')).toBe('billing-api')
    expect(projectShortName(null)).toBe('Unfiled')
  })
})
