import { describe, expect, it } from 'vitest'
import {
  FUTURE_TOLERANCE_MS,
  activityAge,
  compactionLabel,
  describeReason,
  isLive,
  modelsText,
  previewActivity,
  moveRefusal,
  projectShortName,
  relativeTime,
  sessionAccessibleName,
  tokensText,
} from '../../../src-renderer/src/state/format'
import { summary } from '../../support/summaries'
import { capabilitiesOf } from '../../../src-main/core/formats/registry'

const now = Date.parse('2026-11-21T12:00:00.000Z')

describe('format', () => {
  it('names a session for assistive technology', () => {
    expect(sessionAccessibleName(summary('x', { title: 'Fix it', turns: 3, steps: 7, errors: 1 }), true)).toBe(
      'Fix it, 3 turns, 7 steps, 1 error, live',
    )
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

  it('reads a time slightly ahead of the clock (skew, a stale tick) as just now, a time well ahead as in the future', () => {
    expect(relativeTime('2026-11-21T12:00:01.000Z', now)).toBe('just now')
    expect(relativeTime(new Date(now + 5_000).toISOString(), now)).toBe('just now')
    expect(relativeTime(new Date(now + FUTURE_TOLERANCE_MS).toISOString(), now)).toBe('just now')
    expect(relativeTime(new Date(now + FUTURE_TOLERANCE_MS + 1_000).toISOString(), now)).toBe('in the future')
    expect(relativeTime('2027-01-01T00:00:00.000Z', now)).toBe('in the future')
  })

  it("gives a session's age by its last activity, not by its updated time", () => {
    const moved = summary('m', { updatedAt: '2026-11-21T11:59:58.000Z', lastActivityAt: '2026-11-18T12:00:00.000Z' })
    expect(activityAge(moved, now)).toBe('3 d ago')
    expect(activityAge(summary('plain', { updatedAt: '2026-11-21T11:55:00.000Z' }), now)).toBe('5 min ago')
  })

  it('says plainly why a session being written was left alone, and what to do', () => {
    for (const reason of ['live', 'being written by its agent (changed 3 s ago)']) {
      const text = describeReason(reason)
      expect(text).toMatch(/the agent is still writing it/)
      expect(text).toMatch(/split it in two/)
      expect(text).toMatch(/try again once it has been quiet for a minute/)
    }
    expect(describeReason('live')).toMatch(/changed less than a minute ago/)
    expect(describeReason('being written by its agent (changed 3 s ago)')).toMatch(/\(being written by its agent \(changed 3 s ago\)\)/)
    expect(describeReason('not-found')).toBe('it was not found')
  })

  it('shortens path-like project keys', () => {
    expect(projectShortName('/home/u/src/web/')).toBe('web')
    expect(projectShortName('billing-api')).toBe('billing-api')
    expect(projectShortName(null)).toBe('Unfiled')
  })
})

describe('agent-log formats', () => {
  it('names a sub-agent row and a row with sub-agents nested under it', () => {
    const s = summary('x', { title: 'Fix it', turns: 2, steps: 3 })
    expect(sessionAccessibleName(s, false, { subAgents: 2 })).toBe('Fix it, 2 turns, 3 steps, 2 sub-agents')
    expect(sessionAccessibleName(s, false, { subAgents: 1 })).toBe('Fix it, 2 turns, 3 steps, 1 sub-agent')
    expect(sessionAccessibleName(s, false, { isSubAgent: true })).toBe('Fix it, 2 turns, 3 steps, sub-agent')
  })

  it('labels a compaction with what was recorded', () => {
    expect(compactionLabel({ trigger: 'auto', preTokens: 155_979 })).toBe('Conversation compacted · auto · 155,979 tokens before')
    expect(compactionLabel({ trigger: null, preTokens: null })).toBe('Conversation compacted')
    expect(compactionLabel({ trigger: 'manual', preTokens: null })).toBe('Conversation compacted · manual')
  })

  it('lists every model, the most used first', () => {
    expect(modelsText('claude-sonnet-4-5', ['claude-sonnet-4-5', 'claude-haiku-4-5'])).toBe('claude-sonnet-4-5 (most), claude-haiku-4-5')
    expect(modelsText('gpt-5', ['gpt-5'])).toBe('gpt-5')
    expect(modelsText('gpt-5', undefined)).toBe('gpt-5')
    expect(modelsText(null, [])).toBeNull()
  })

  it('keeps the token semantics explicit', () => {
    expect(tokensText({ input: 182_300, output: 6_120, cacheRead: 150_912, cacheWrite: 0, inputIncludesCache: true })).toBe(
      'input 182,300 (includes 150,912 cached) · output 6,120',
    )
    expect(tokensText({ input: 18_230, output: 41_877, cacheRead: 2_310_554, cacheWrite: 188_412 })).toBe(
      'input 18,230 · cache read 2,310,554 · cache write 188,412 · output 41,877',
    )
  })

  it('says why a store’s sessions cannot move', () => {
    expect(moveRefusal(capabilitiesOf('codex'))).toBe('Moving is not supported for Codex CLI sessions')
    expect(moveRefusal(capabilitiesOf('gemini'))).toBe('Moving is not supported for Gemini CLI sessions')
  })
})

describe('prune preview times', () => {
  it("shows a previewed session's last activity, from the listing when the preview row lacks it", () => {
    const row = { id: 'm', title: 'Moved', project: 'a', updatedAt: '2026-11-21T11:59:58.000Z', bytes: 1 }
    const listed = summary('m', { updatedAt: row.updatedAt, lastActivityAt: '2026-10-01T08:00:00.000Z' })
    expect(previewActivity(row, listed)).toBe('2026-10-01T08:00:00.000Z')
    expect(previewActivity({ ...row, lastActivityAt: '2026-09-01T08:00:00.000Z' }, undefined)).toBe('2026-09-01T08:00:00.000Z')
    expect(previewActivity(row, undefined)).toBe(row.updatedAt)
  })
})
