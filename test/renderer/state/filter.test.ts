// The tree's filter box as pure functions: what the text means, what is wrong with it, which
// sessions it keeps, and how the Filters popover rewrites the text.
import { describe, expect, it } from 'vitest'
import { STORE_A, STORE_B, STORE_CLAUDE, STORE_CODEX, claude, summary } from '../../support/summaries'
import {
  activeFilterCount,
  agentChoices,
  clearFilters,
  dateRangeOf,
  isFiltering,
  matchesFilter,
  parseFilter,
  setFilterValue,
  setFromDate,
  setToDate,
} from '../../../src-renderer/src/state/filter'

const agents = agentChoices([STORE_A, STORE_B, STORE_CLAUDE, STORE_CODEX, { ...STORE_CLAUDE, id: 'c2' }])

const parse = (text: string) => parseFilter(text, agents)
const keeps = (text: string, session = summary('s1')) => matchesFilter(session, parse(text).filter)

describe('agentChoices', () => {
  it('names each open store’s format once, with its label, in the stores’ order', () => {
    expect(agents).toEqual([
      { name: 'oxios', label: 'Oxios' },
      { name: 'astrid', label: 'Astrid' },
      { name: 'claude', label: 'Claude Code' },
      { name: 'codex', label: 'Codex CLI' },
    ])
  })
})

describe('parseFilter', () => {
  it('reads plain words as before: lower-cased, split on spaces', () => {
    expect(parse('  Fix  LOGIN ')).toEqual({
      filter: { words: ['fix', 'login'], agents: [], models: [], after: null, before: null, errorsOnly: false },
      error: null,
    })
  })

  it('reads agent:, model:, is:error, after: and before: as in the search language', () => {
    const { filter, error } = parse('vat agent:Claude|codex model:Opus is:error after:2026-11-01 before:2026-11-20T12:00:00Z')
    expect(error).toBeNull()
    expect(filter).toEqual({
      words: ['vat'],
      agents: ['claude', 'codex'],
      models: ['opus'],
      after: '2026-11-01T00:00:00.000Z',
      before: '2026-11-20T12:00:00.000Z',
      errorsOnly: true,
    })
    expect(activeFilterCount(filter)).toBe(4)
    expect(isFiltering(filter)).toBe(true)
  })

  it('takes a quoted value with spaces, and several filters of one key as any of them', () => {
    expect(parse('model:"gpt 5" agent:oxios agent:astrid').filter).toMatchObject({ models: ['gpt 5'], agents: ['oxios', 'astrid'] })
  })

  it('keeps words with other colons as words (a title may hold "Changelog:")', () => {
    expect(parse('changelog: http://x').filter.words).toEqual(['changelog:', 'http://x'])
  })

  it('says what is wrong with a filter, leaves it out and applies the rest', () => {
    const cases: Array<[string, RegExp]> = [
      ['agent:cursor', /^agent:cursor is not an agent of the open stores \(oxios, astrid, claude, codex\)$/],
      ['is:live', /^is:live is not a filter; is:error/],
      ['after:yesterday', /^after: takes a date such as 2026-01-31, not "yesterday"$/],
      ['before:2026-13-45', /^before: takes a date/],
      ['after:2026-01-01|2026-02-01', /^after: takes one date$/],
      ['model:', /^model: needs a value, as in model:opus$/],
      ['-agent:codex', /^-agent: cannot be excluded/],
      ['tool:Bash', /^tool: is for the search \(Ctrl\+K\)/],
      ['project:billing', /^project: is for the search/],
      ['model:"gpt 5', /^model: is missing the closing quote/],
      ['after:2026-02-01 before:2026-01-01', /^after: must be earlier than before:$/],
    ]
    for (const [text, message] of cases) {
      const parsed = parse(`fix ${text}`)
      expect(parsed.error, text).toMatch(message)
      expect(parsed.filter.words, text).toEqual(['fix'])
    }
    expect(parse('agent:cursor agent:codex').filter.agents).toEqual(['codex'])
    // The first problem is the one shown.
    expect(parse('is:live agent:cursor').error).toMatch(/^is:live/)
  })

  it('never throws, whatever the text', () => {
    for (const text of ['"', ':', '-', 'agent:|', 'is:"', 'after:"2026-01-01"', '-"a b"', 'a:b:c', '\u0000 \n\t model:|||'])
      expect(() => parse(text), text).not.toThrow()
    expect(parse('agent:|').error).toMatch(/needs a value/)
    expect(parse('after:"2026-01-01"').filter.after).toBe('2026-01-01T00:00:00.000Z')
  })

  it('knows no agent when no store is open', () => {
    expect(parseFilter('agent:claude').error).toBe('agent:claude is not an agent of the open stores')
  })
})

describe('matchesFilter', () => {
  const opus = claude('c1', {
    title: 'Fix VAT rounding',
    model: 'claude-opus-4-1',
    errors: 2,
    updatedAt: '2026-11-20T10:00:00.000Z',
  })
  const codex = summary('x1', {
    format: 'codex',
    store: STORE_CODEX.root,
    model: 'gpt-5.1-codex',
    errors: 0,
    updatedAt: '2026-11-10T10:00:00.000Z',
  })

  it('keeps a session of a named agent, by its format', () => {
    expect(keeps('agent:claude', opus)).toBe(true)
    expect(keeps('agent:claude', codex)).toBe(false)
    expect(keeps('agent:oxios|codex', codex)).toBe(true)
  })

  it('matches the model as a substring, any of several; a session with no model matches none', () => {
    expect(keeps('model:OPUS', opus)).toBe(true)
    expect(keeps('model:sonnet|codex', opus)).toBe(false)
    expect(keeps('model:sonnet|codex', codex)).toBe(true)
    expect(keeps('model:gpt', summary('s', { model: null }))).toBe(false)
  })

  it('is:error keeps sessions with a failed tool call', () => {
    expect(keeps('is:error', opus)).toBe(true)
    expect(keeps('is:error', codex)).toBe(false)
  })

  it('dates go by the last activity: after: from the start of its day, before: up to the start of its day', () => {
    expect(keeps('after:2026-11-20', opus)).toBe(true)
    expect(keeps('after:2026-11-21', opus)).toBe(false)
    expect(keeps('before:2026-11-20', opus)).toBe(false)
    expect(keeps('before:2026-11-21', opus)).toBe(true)
    expect(keeps('after:2026-11-01 before:2026-11-15', codex)).toBe(true)
    // The agent's own last activity wins over an updatedAt the app's edits moved.
    const moved = { ...codex, updatedAt: '2026-12-01T00:00:00.000Z', lastActivityAt: '2026-11-10T10:00:00.000Z' }
    expect(keeps('before:2026-11-15', moved)).toBe(true)
  })

  it('every word and every filter must hold', () => {
    expect(keeps('vat agent:claude is:error', opus)).toBe(true)
    expect(keeps('vat agent:codex', opus)).toBe(false)
    expect(keeps('payouts agent:claude', opus)).toBe(false)
  })

  it('a malformed filter is left out, so the rest still narrows', () => {
    expect(keeps('agent:cursor vat', opus)).toBe(true)
    expect(keeps('agent:cursor', codex)).toBe(true)
  })
})

describe('the popover’s edits of the text', () => {
  it('sets a key’s values at the end and keeps the rest as written', () => {
    expect(setFilterValue('fix login', 'agent', ['claude'])).toBe('fix login agent:claude')
    expect(setFilterValue('fix agent:codex login', 'agent', ['codex', 'claude'])).toBe('fix login agent:codex|claude')
    expect(setFilterValue('', 'is', ['error'])).toBe('is:error')
    expect(setFilterValue('model:"gpt 5" x', 'model', ['gpt 5'])).toBe('x model:"gpt 5"')
  })

  it('removes every token of the key, excluded, malformed and repeated ones too', () => {
    expect(setFilterValue('a agent:x -agent:codex b agent: agent:claude c', 'agent', [])).toBe('a b c')
    expect(setFilterValue('a model:"open', 'model', [])).toBe('a')
  })

  it('reads back what it wrote', () => {
    let text = 'vat'
    text = setFilterValue(text, 'agent', ['claude', 'codex'])
    text = setFilterValue(text, 'model', ['opus'])
    text = setFilterValue(text, 'is', ['error'])
    text = setToDate(setFromDate(text, '2026-11-01'), '2026-11-20')
    expect(text).toBe('vat agent:claude|codex model:opus is:error after:2026-11-01 before:2026-11-21')
    const { filter, error } = parse(text)
    expect(error).toBeNull()
    expect(dateRangeOf(filter)).toEqual({ from: '2026-11-01', to: '2026-11-20' })
    expect(clearFilters(text)).toBe('vat')
    expect(clearFilters('x tool:Bash agent:claude')).toBe('x tool:Bash')
  })

  it('"To" is the last day shown: before: the next day, across a month’s end', () => {
    expect(setToDate('', '2026-11-30')).toBe('before:2026-12-01')
    expect(setToDate('before:2026-12-01', '')).toBe('')
    expect(setFromDate('after:2026-01-01 x', '')).toBe('x')
    expect(dateRangeOf(parse('before:2026-03-01T12:00:00Z').filter)).toEqual({ from: '', to: '2026-03-01' })
    expect(dateRangeOf(parse('').filter)).toEqual({ from: '', to: '' })
  })
})
