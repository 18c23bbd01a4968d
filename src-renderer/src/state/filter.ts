// The tree's filter box: plain words narrow sessions by title, project or id prefix, and the
// filters of the search language that a session's summary can answer narrow them further:
// agent:, model:, after:, before: and is:error, written as in the search box (several values with
// |, a value with spaces in quotes). The text is the one source of truth: the Filters popover reads
// it and writes it through setFilterValue. A filter that means nothing is a message, never an
// exception, and is left out while the rest of the text applies.
import type { StoreView } from '../../../src-shared/contract'
import type { SessionSummary } from '../../../src-shared/model'
import { lastActivityOf } from '../../../src-shared/session-order'

/** The search language's filters the tree answers. */
export type FilterKey = 'agent' | 'model' | 'after' | 'before' | 'is'

const TREE_KEYS: ReadonlySet<string> = new Set<FilterKey>(['agent', 'model', 'after', 'before', 'is'])
/** The search language's filters that need a session's texts, which the tree does not hold. */
const SEARCH_ONLY_KEYS: ReadonlySet<string> = new Set(['project', 'tool', 'in'])

export interface TreeFilter {
  /** Lower-cased plain words; every one must match. */
  words: string[]
  /** Format names (StoreView.format); any of them. */
  agents: string[]
  /** Lower-cased substrings of the model name; any of them. */
  models: string[]
  /** ISO instants: the session's last activity is at or after `after` and before `before`. */
  after: string | null
  before: string | null
  /** Only sessions with a failed tool call. */
  errorsOnly: boolean
}

export interface ParsedFilter {
  filter: TreeFilter
  /** What is wrong with the text (the first thing), or null. */
  error: string | null
}

/** An agent the filter can name: a format of an open store, by its name and its label. */
export interface AgentChoice {
  name: string
  label: string
}

/** The agents of the open stores, each once, in the stores' order. */
export function agentChoices(stores: readonly Pick<StoreView, 'format' | 'label'>[]): AgentChoice[] {
  const seen = new Map<string, AgentChoice>()
  for (const store of stores) if (!seen.has(store.format)) seen.set(store.format, { name: store.format, label: store.label })
  return [...seen.values()]
}

interface Token {
  /** Where the token is in the text (end exclusive). */
  start: number
  end: number
  /** A filter key of the search language, lower-cased; null for a plain word. */
  key: string | null
  negated: boolean
  /** A filter's values (split on |), or the plain word. */
  values: string[]
  /** Why the token cannot be read (an unclosed quote). */
  broken?: string
}

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch)

/** Splits the text into plain words and key:value filters, with where each one is. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    if (isSpace(text[i])) {
      i++
      continue
    }
    const start = i
    while (i < text.length && !isSpace(text[i])) i++
    const word = text.slice(start, i)
    const match = /^(-?)([A-Za-z]+):/.exec(word)
    const key = match ? (match[2] as string).toLowerCase() : null
    if (!match || key === null || !(TREE_KEYS.has(key) || SEARCH_ONLY_KEYS.has(key))) {
      tokens.push({ start, end: i, key: null, negated: false, values: [word] })
      continue
    }
    const valueStart = start + match[0].length
    let raw = text.slice(valueStart, i)
    let broken: string | undefined
    const quote = raw.indexOf('"')
    if (quote >= 0) {
      // A quoted value may hold spaces: it runs to the closing quote.
      const close = text.indexOf('"', valueStart + quote + 1)
      if (close < 0) {
        broken = `${key}: is missing the closing quote (")`
        i = text.length
      } else {
        i = close + 1
        while (i < text.length && !isSpace(text[i])) i++
      }
      raw = text.slice(valueStart, i)
    }
    const values = raw
      .replace(/"/g, '')
      .split('|')
      .map((value) => value.trim())
      .filter((value) => value !== '')
    tokens.push({ start, end: i, key, negated: match[1] === '-', values, ...(broken ? { broken } : {}) })
  }
  return tokens
}

const EXAMPLES: Record<string, string> = {
  agent: 'claude',
  model: 'opus',
  after: '2026-01-01',
  before: '2026-02-01',
  is: 'error',
}

/** A date as the user wrote it (2026-01-31, or a full ISO time) → an ISO instant; a bare date is the start of that day (UTC), as in the search. */
function parseDate(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return null
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value)
  return Number.isNaN(time) ? null : new Date(time).toISOString()
}

/** Applies one filter token; returns what is wrong with it, or null. */
function applyToken(filter: TreeFilter, token: Token, agents: readonly AgentChoice[]): string | null {
  if (token.broken) return token.broken
  if (token.key === 'project') return 'project: is for the search (Ctrl+K); here, type the project’s name as a word'
  if (token.key === null || !TREE_KEYS.has(token.key)) {
    return `${token.key ?? ''}: is for the search (Ctrl+K); the tree filter knows agent:, model:, after:, before: and is:error`
  }
  const key = token.key as FilterKey
  if (token.negated) return `-${key}: cannot be excluded here; leave the filter out instead`
  if (token.values.length === 0) return `${key}: needs a value, as in ${key}:${EXAMPLES[key] ?? 'value'}`
  switch (key) {
    case 'agent': {
      const names = token.values.map((value) => value.toLowerCase())
      const unknown = names.find((name) => !agents.some((agent) => agent.name === name))
      if (unknown !== undefined) {
        const known = agents.map((agent) => agent.name).join(', ')
        return `agent:${unknown} is not an agent of the open stores${known ? ` (${known})` : ''}`
      }
      for (const name of names) if (!filter.agents.includes(name)) filter.agents.push(name)
      return null
    }
    case 'model':
      for (const value of token.values) filter.models.push(value.toLowerCase())
      return null
    case 'is': {
      const wrong = token.values.find((value) => value.toLowerCase() !== 'error')
      if (wrong !== undefined) return `is:${wrong} is not a filter; is:error finds sessions with failed tool calls`
      filter.errorsOnly = true
      return null
    }
    case 'after':
    case 'before': {
      if (token.values.length !== 1) return `${key}: takes one date`
      const value = token.values[0] as string
      const instant = parseDate(value)
      if (instant === null) return `${key}: takes a date such as 2026-01-31, not "${value}"`
      filter[key] = instant
      return null
    }
  }
}

/** Reads the filter box's text; `agents` are the formats agent: may name (agentChoices of the open stores). */
export function parseFilter(text: string, agents: readonly AgentChoice[] = []): ParsedFilter {
  const filter: TreeFilter = { words: [], agents: [], models: [], after: null, before: null, errorsOnly: false }
  let error: string | null = null
  for (const token of tokenize(text)) {
    if (token.key === null) {
      filter.words.push((token.values[0] as string).toLowerCase())
      continue
    }
    const problem = applyToken(filter, token, agents)
    error ??= problem
  }
  if (filter.after !== null && filter.before !== null && filter.after >= filter.before) {
    error ??= 'after: must be earlier than before:'
  }
  return { filter, error }
}

/** Whether the filter narrows anything at all. */
export function isFiltering(filter: TreeFilter): boolean {
  return (
    filter.words.length > 0 ||
    filter.agents.length > 0 ||
    filter.models.length > 0 ||
    filter.after !== null ||
    filter.before !== null ||
    filter.errorsOnly
  )
}

/** How many of the filters (not the words) are set: what the Filters button counts. */
export function activeFilterCount(filter: TreeFilter): number {
  return (
    (filter.agents.length > 0 ? 1 : 0) +
    (filter.models.length > 0 ? 1 : 0) +
    (filter.after !== null || filter.before !== null ? 1 : 0) +
    (filter.errorsOnly ? 1 : 0)
  )
}

/**
 * Every word must match the title or the project (anywhere) or the start of the id. The project
 * matches by its key and by `projectLabel`, the name the tree shows for it when that differs
 * (a Claude Code project's working directory). Every filter must hold too: the agent is the
 * session's format, the model a substring of its model, the dates are its last activity.
 */
export function matchesFilter(
  session: Pick<SessionSummary, 'title' | 'project' | 'id' | 'format' | 'model' | 'errors' | 'updatedAt' | 'lastActivityAt'>,
  filter: TreeFilter,
  projectLabel?: string,
): boolean {
  if (filter.agents.length > 0 && !filter.agents.includes(session.format.toLowerCase())) return false
  if (filter.errorsOnly && session.errors <= 0) return false
  if (filter.models.length > 0) {
    const model = session.model?.toLowerCase() ?? ''
    if (!filter.models.some((part) => model.includes(part))) return false
  }
  if (filter.after !== null || filter.before !== null) {
    const at = Date.parse(lastActivityOf(session))
    if (filter.after !== null && !(at >= Date.parse(filter.after))) return false
    if (filter.before !== null && !(at < Date.parse(filter.before))) return false
  }
  if (filter.words.length === 0) return true
  const title = session.title.toLowerCase()
  const project = (session.project ?? 'unfiled').toLowerCase()
  const label = projectLabel?.toLowerCase() ?? ''
  const id = session.id.toLowerCase()
  return filter.words.every(
    (word) => title.includes(word) || project.includes(word) || (label !== '' && label.includes(word)) || id.startsWith(word),
  )
}

// ---------- Editing the text (the Filters popover) ----------

const quoted = (value: string) => (/[\s"|]/.test(value) ? `"${value.replace(/"/g, '')}"` : value)

/**
 * The text with every `key:` filter taken out (excluded, malformed and quoted ones too) and, when
 * `values` has any, `key:a|b` put at its end. The rest of the text stays as the user wrote it.
 */
export function setFilterValue(text: string, key: FilterKey, values: readonly string[]): string {
  let kept = ''
  let at = 0
  for (const token of tokenize(text)) {
    if (token.key !== key) continue
    kept += text.slice(at, token.start)
    at = token.end
  }
  kept = (kept + text.slice(at)).replace(/\s+/g, ' ').trim()
  if (values.length === 0) return kept
  const filter = `${key}:${values.map(quoted).join('|')}`
  return kept === '' ? filter : `${kept} ${filter}`
}

/** The text without any of the tree's filters: only the plain words (and filters of the search only) stay. */
export function clearFilters(text: string): string {
  return (['agent', 'model', 'after', 'before', 'is'] as const).reduce((rest, key) => setFilterValue(rest, key, []), text)
}

const DAY_MS = 24 * 60 * 60 * 1000
const dateOf = (time: number) => new Date(time).toISOString().slice(0, 10)

/**
 * The popover's date range as date inputs hold it (YYYY-MM-DD, '' for none). "To" is the last
 * day shown, so it is the day before `before:` (which, as in the search, is exclusive).
 */
export function dateRangeOf(filter: Pick<TreeFilter, 'after' | 'before'>): { from: string; to: string } {
  return {
    from: filter.after === null ? '' : dateOf(Date.parse(filter.after)),
    to: filter.before === null ? '' : dateOf(Date.parse(filter.before) - 1),
  }
}

/** The text with the popover's "From" date (after:) set, or removed for ''. */
export function setFromDate(text: string, from: string): string {
  return setFilterValue(text, 'after', parseDate(from) === null ? [] : [from])
}

/** The text with the popover's "To" date set as `before:` the next day, or removed for ''. */
export function setToDate(text: string, to: string): string {
  const instant = parseDate(to)
  return setFilterValue(text, 'before', instant === null ? [] : [dateOf(Date.parse(instant) + DAY_MS)])
}
