import { MAX_SEARCH_QUERY } from '../../../src-shared/contract'
import { isKnownFormat } from '../formats/registry'

// The search box's language, parsed into what the index is asked. A user can guess it: words
// (all must match), "a phrase", prefix*, -excluded, and filters written key:value (several values
// with |, a value with spaces in quotes). A query that cannot mean anything is an error message
// for the user, never an exception.

/** Where in a session a text was said. */
export type SearchField = 'prompt' | 'reply' | 'tool' | 'args' | 'output'

export interface SearchTerm {
  kind: 'word' | 'phrase' | 'prefix'
  text: string
}

export interface SearchFilters {
  /** Project keys or names, matched case-insensitively; any of them. */
  projects: string[]
  /** Format names (agent:claude|codex). */
  agents: string[]
  /** Model names, matched as case-insensitive substrings ("opus" finds claude-opus-4-1). */
  models: string[]
  /** Tool names, case-insensitive. */
  tools: string[]
  /** Only failed tool calls (is:error). */
  errorsOnly: boolean
  /** ISO-8601 instants: the text was said at or after `after` and before `before`. */
  after: string | null
  before: string | null
  /** The fields to look in; empty: all of them. */
  fields: SearchField[]
}

export interface SearchQuery {
  terms: SearchTerm[]
  excluded: SearchTerm[]
  filters: SearchFilters
}

export type ParsedQuery = { ok: true; query: SearchQuery } | { ok: false; error: string }

/** Longer queries are refused (the IPC contract caps them too): no one types this much into a search box. */
export const MAX_QUERY_LENGTH = MAX_SEARCH_QUERY

const FIELDS_OF: Record<string, SearchField[]> = {
  prompt: ['prompt'],
  reply: ['reply'],
  // A tool call is its name and its arguments; "args" alone narrows to the arguments.
  tool: ['tool', 'args'],
  args: ['args'],
  output: ['output'],
}

const FILTER_KEYS = new Set(['project', 'agent', 'model', 'tool', 'is', 'after', 'before', 'in'])

interface Token {
  negated: boolean
  key: string | null
  /** The values (one unless key:a|b); a term's text when key is null. */
  values: string[]
  quoted: boolean
  prefix: boolean
}

class QueryError extends Error {}

/** Splits the text into tokens, honouring quotes: `-"a b"`, `project:"my app"`, `tool:Bash|Read`. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  const readQuoted = (): string => {
    const end = text.indexOf('"', i + 1)
    if (end < 0) throw new QueryError('a phrase is missing its closing quote (")')
    const value = text.slice(i + 1, end)
    i = end + 1
    return value
  }
  while (i < text.length) {
    if (/\s/.test(text[i] as string)) {
      i++
      continue
    }
    const negated = text[i] === '-' && i + 1 < text.length && !/\s/.test(text[i + 1] as string)
    if (negated) i++
    if (text[i] === '"') {
      const value = readQuoted()
      const prefix = text[i] === '*'
      if (prefix) i++
      tokens.push({ negated, key: null, values: [value], quoted: true, prefix })
      continue
    }
    const start = i
    while (i < text.length && !/\s/.test(text[i] as string) && text[i] !== '"') i++
    const word = text.slice(start, i)
    const colon = word.indexOf(':')
    const key = colon > 0 ? word.slice(0, colon).toLowerCase() : null
    if (key !== null && FILTER_KEYS.has(key)) {
      let rest = word.slice(colon + 1)
      if (rest === '' && text[i] === '"') rest = readQuoted()
      else if (rest.endsWith('|') && text[i] === '"') rest += readQuoted()
      if (rest === '') throw new QueryError(`${key}: needs a value, as in ${key}:${exampleOf(key)}`)
      tokens.push({ negated, key, values: rest.split('|').filter((v) => v !== ''), quoted: false, prefix: false })
      continue
    }
    // A quote inside a word ends it: he"llo is two tokens, so no quote is ever left unread.
    if (text[i] === '"' && word !== '') {
      tokens.push(termToken(negated, word))
      continue
    }
    if (word !== '') tokens.push(termToken(negated, word))
  }
  return tokens
}

function termToken(negated: boolean, word: string): Token {
  const prefix = word.endsWith('*')
  return { negated, key: null, values: [prefix ? word.replace(/\*+$/, '') : word], quoted: false, prefix }
}

function exampleOf(key: string): string {
  const examples: Record<string, string> = {
    project: 'billing-api',
    agent: 'claude',
    model: 'opus',
    tool: 'Bash',
    is: 'error',
    after: '2026-01-01',
    before: '2026-02-01',
    in: 'prompt',
  }
  return examples[key] ?? 'value'
}

/** A date as the user wrote it (2026-01-31, or a full ISO time) → an ISO instant; a bare date is the start of that day (UTC). */
function parseDate(key: string, value: string): string {
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(value)
  const time = Date.parse(bare ? `${value}T00:00:00Z` : value)
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time)) {
    throw new QueryError(`${key}: takes a date such as 2026-01-31, not "${value}"`)
  }
  return new Date(time).toISOString()
}

/** Words hold at least one letter or digit: "--", "*" or "…" alone find nothing and mean nothing. */
function hasText(value: string): boolean {
  return /[\p{L}\p{N}]/u.test(value)
}

function applyFilter(filters: SearchFilters, token: Token): void {
  const { key, values } = token
  if (token.negated) throw new QueryError(`-${key}: cannot be excluded; leave the filter out instead`)
  switch (key) {
    case 'project':
      filters.projects.push(...values)
      return
    case 'agent': {
      const names = values.map((v) => v.toLowerCase())
      const unknown = names.find((name) => !isKnownFormat(name))
      if (unknown !== undefined) throw new QueryError(`agent:${unknown} is not an agent SessionScope reads`)
      filters.agents.push(...names)
      return
    }
    case 'model':
      filters.models.push(...values.map((v) => v.toLowerCase()))
      return
    case 'tool':
      filters.tools.push(...values.map((v) => v.toLowerCase()))
      return
    case 'is':
      for (const value of values) {
        if (value.toLowerCase() !== 'error') throw new QueryError(`is:${value} is not a filter; is:error finds failed tool calls`)
      }
      filters.errorsOnly = true
      return
    case 'after':
    case 'before': {
      if (values.length !== 1) throw new QueryError(`${key}: takes one date`)
      filters[key] = parseDate(key, values[0] as string)
      return
    }
    case 'in':
      for (const value of values) {
        const fields = FIELDS_OF[value.toLowerCase()]
        if (!fields) throw new QueryError(`in:${value} is not a place; use in:prompt, in:reply, in:tool or in:output`)
        for (const field of fields) if (!filters.fields.includes(field)) filters.fields.push(field)
      }
      return
  }
}

export function parseSearchQuery(text: string): ParsedQuery {
  if (text.length > MAX_QUERY_LENGTH) return { ok: false, error: `a search is limited to ${MAX_QUERY_LENGTH} characters` }
  const query: SearchQuery = {
    terms: [],
    excluded: [],
    filters: { projects: [], agents: [], models: [], tools: [], errorsOnly: false, after: null, before: null, fields: [] },
  }
  try {
    for (const token of tokenize(text)) {
      if (token.key !== null) {
        applyFilter(query.filters, token)
        continue
      }
      const value = (token.values[0] as string).trim()
      if (!hasText(value)) {
        if (token.quoted) throw new QueryError('an empty phrase ("") finds nothing')
        continue
      }
      const term: SearchTerm = { kind: token.prefix ? 'prefix' : token.quoted ? 'phrase' : 'word', text: value }
      ;(token.negated ? query.excluded : query.terms).push(term)
    }
  } catch (error) {
    if (error instanceof QueryError) return { ok: false, error: error.message }
    throw error
  }
  const { filters } = query
  if (filters.after && filters.before && filters.after >= filters.before) {
    return { ok: false, error: 'after: must be earlier than before:' }
  }
  const filtered = filters.projects.length + filters.agents.length + filters.models.length + filters.tools.length > 0
  if (query.terms.length === 0 && query.excluded.length > 0) {
    return { ok: false, error: 'a search needs a word to look for, not only words to leave out' }
  }
  if (query.terms.length === 0 && !filtered && !filters.errorsOnly && !filters.after && !filters.before) {
    return { ok: false, error: 'type a word to search for' }
  }
  return { ok: true, query }
}

/** A term as an FTS5 string: always quoted (so no word is read as an operator), quotes doubled. */
function ftsString(term: SearchTerm): string {
  const quoted = `"${term.text.replace(/"/g, '""')}"`
  return term.kind === 'prefix' ? `${quoted}*` : quoted
}

/**
 * The FTS5 MATCH expression for the query's words, or null when it has none (a filters-only
 * search). Every word must match; an excluded word removes the texts that hold it.
 */
export function ftsMatchOf(query: SearchQuery): string | null {
  if (query.terms.length === 0) return null
  const all = query.terms.map(ftsString).join(' ')
  return query.excluded.reduce((expression, term) => `${expression} NOT ${ftsString(term)}`, `(${all})`)
}
