import { describe, expect, it } from 'vitest'
import { MAX_QUERY_LENGTH, ftsMatchOf, parseSearchQuery } from '../../../../src-main/core/search/query'

function parsed(text: string) {
  const result = parseSearchQuery(text)
  if (!result.ok) throw new Error(`expected "${text}" to parse: ${result.error}`)
  return result.query
}

function refused(text: string): string {
  const result = parseSearchQuery(text)
  if (result.ok) throw new Error(`expected "${text}" to be refused`)
  return result.error
}

describe('the search query language', () => {
  it('reads words, phrases, prefixes and excluded words', () => {
    const query = parsed('retry  "card payments" dunn* -flaky -"test run"')
    expect(query.terms).toEqual([
      { kind: 'word', text: 'retry' },
      { kind: 'phrase', text: 'card payments' },
      { kind: 'prefix', text: 'dunn' },
    ])
    expect(query.excluded).toEqual([
      { kind: 'word', text: 'flaky' },
      { kind: 'phrase', text: 'test run' },
    ])
  })

  it('reads every filter, several values with |, a value with spaces in quotes', () => {
    const query = parsed(
      'timeout project:"billing api" project:docs agent:claude|codex model:opus tool:Bash|read is:error after:2026-01-01 before:2026-02-01T12:00:00Z in:prompt|tool',
    )
    expect(query.terms).toEqual([{ kind: 'word', text: 'timeout' }])
    expect(query.filters).toEqual({
      projects: ['billing api', 'docs'],
      agents: ['claude', 'codex'],
      models: ['opus'],
      tools: ['bash', 'read'],
      errorsOnly: true,
      after: '2026-01-01T00:00:00.000Z',
      before: '2026-02-01T12:00:00.000Z',
      fields: ['prompt', 'tool', 'args'],
    })
  })

  it('takes a word with a colon that names no filter as a word (a URL, a time)', () => {
    expect(parsed('http://localhost:3000 12:30').terms).toEqual([
      { kind: 'word', text: 'http://localhost:3000' },
      { kind: 'word', text: '12:30' },
    ])
  })

  it('allows a search by filters alone (every failed Bash call)', () => {
    const query = parsed('tool:Bash is:error')
    expect(query.terms).toEqual([])
    expect(ftsMatchOf(query)).toBeNull()
  })

  it('turns what cannot mean anything into a message, never an exception', () => {
    expect(refused('')).toBe('type a word to search for')
    expect(refused('   * -- ')).toBe('type a word to search for')
    expect(refused('"card payments')).toMatch(/closing quote/)
    expect(refused('-flaky')).toMatch(/needs a word to look for/)
    expect(refused('agent:cursorx')).toMatch(/not an agent/)
    expect(refused('x is:slow')).toMatch(/is:error finds failed tool calls/)
    expect(refused('x after:yesterday')).toMatch(/takes a date such as/)
    expect(refused('x after:2026-13-45')).toMatch(/takes a date such as/)
    expect(refused('x after:2026-02-01 before:2026-01-01')).toMatch(/earlier than/)
    expect(refused('x in:everywhere')).toMatch(/not a place/)
    expect(refused('x project:')).toMatch(/needs a value/)
    expect(refused('x -tool:Bash')).toMatch(/cannot be excluded/)
    expect(refused('x ""')).toMatch(/empty phrase/)
    expect(refused('x'.repeat(MAX_QUERY_LENGTH + 1))).toMatch(/limited to/)
    // Whatever is typed, parsing answers: no input makes it throw.
    for (const text of ['"', '-', '-"', ':', 'a:"', 'project:"a', 'in:|', '"""', '*"x"*', 'tool:|||', '\u0000', 'é" -"ü']) {
      expect(() => parseSearchQuery(text)).not.toThrow()
    }
  })

  it('builds an FTS5 expression that quotes every word, so none is read as an operator', () => {
    expect(ftsMatchOf(parsed('retry "card payments" dunn*'))).toBe('("retry" "card payments" "dunn"*)')
    expect(ftsMatchOf(parsed('NOT OR AND near -x -"a b"'))).toBe('("NOT" "OR" "AND" "near") NOT "x" NOT "a b"')
    expect(ftsMatchOf(parsed(`it's "don't stop"`))).toBe(`("it's" "don't stop")`)
  })
})
