import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'
import { FoldCache, type FoldResult, HEAD_BYTES, foldJsonl } from '../../jsonl'
import { foldResume } from '../../fold-resume'
import type { TokenUsage } from '../../../../src-shared/model'
import { type Json, isRecord } from '../../shape'
import { titleFromText } from '../../titles'
import type { SessionFile } from '../format'
import {
  type Usage,
  blocks,
  capText,
  messageKey,
  modelOf,
  promptKey,
  promptOf,
  rec,
  startsSubAgent,
  str,
  text,
  timeOf,
  usageOf,
  userText,
} from './lines'
import { type ClaudeFileKind, fileKind } from './layout'
import { readEnvelope } from './envelope'
import { NO_SUMMARIES, type SiblingSummaries, siblingSummaries } from './summaries'

// The listing's view of a Claude Code log, folded line by line into a small state that is cached
// per file: a log that only grew (a live session) is read from where the last read stopped.

/** What one conversation (the session's own, or one inline sub-agent's) adds up to. */
export interface Tally {
  /** User and assistant lines. */
  lines: number
  turns: number
  steps: number
  errors: number
  /** A prompt other than a sub-agent's "Warmup". */
  realPrompt: boolean
  /** Title from the first prompt with any content. */
  promptTitle: string | null
  /** Title from the first bare slash command (/init), used only when no prompt says more. */
  commandTitle: string | null
  /** promptKey of the first user line: a sub-agent's task, to match with its parent's Task call. */
  firstUser: string | null
  cwd: string | null
  branch: string | null
  firstMs: number | null
  lastMs: number | null
  /** Per API response (docs/formats/claude-code.md#tokens-and-model: one response is split over several lines): the last line's. */
  messages: Map<string, { model: string | null; usage: Usage | null }>
}

export interface Chain {
  id: string
  tally: Tally
}

export interface SummaryState {
  main: Tally
  firstMs: number | null
  lastMs: number | null
  customTitle: string | null
  aiTitle: string | null
  lastPrompt: string | null
  slug: string | null
  /** The sibling summary titling this session (its leaf is one of our lines); the last match wins. */
  summaryTitle: string | null
  /** Version of the sibling summaries this state was matched against. */
  summaryVersion: string
  sessionId: string | null
  agentId: string | null
  /** Inline sub-agents (≤ v1.0), in order of appearance. */
  chains: Map<string, Chain>
  /** Sidechain line uuid → its chain id. */
  chainOf: Map<string, string>
  /** promptKey of each Task call's prompt → its description. */
  tasks: Map<string, string>
  /** Hash of the bytes just before where the fold stopped, to tell an append from a rewrite. */
  tail: TailCheck | null
}

interface TailCheck {
  offset: number
  hash: string
}

function newTally(): Tally {
  return {
    lines: 0,
    turns: 0,
    steps: 0,
    errors: 0,
    realPrompt: false,
    promptTitle: null,
    commandTitle: null,
    firstUser: null,
    cwd: null,
    branch: null,
    firstMs: null,
    lastMs: null,
    messages: new Map(),
  }
}

export function newState(summaryVersion: string): SummaryState {
  return {
    main: newTally(),
    firstMs: null,
    lastMs: null,
    customTitle: null,
    aiTitle: null,
    lastPrompt: null,
    slug: null,
    summaryTitle: null,
    summaryVersion,
    sessionId: null,
    agentId: null,
    chains: new Map(),
    chainOf: new Map(),
    tasks: new Map(),
    tail: null,
  }
}

/** A text field as kept in the cached state: capped, since a hostile or freak line can make it megabytes long. */
function kept(line: Json, key: string): string | null {
  const value = text(line, key)
  return value === null ? null : capText(value)
}

function widen(span: { firstMs: number | null; lastMs: number | null }, ms: number | null): void {
  if (ms === null) return
  if (span.firstMs === null || ms < span.firstMs) span.firstMs = ms
  if (span.lastMs === null || ms > span.lastMs) span.lastMs = ms
}

/**
 * The inline sub-agent a sidechain line belongs to: its agentId where recorded, else the chain
 * of its parent line, else a new chain named after the line (the first line of a chain has
 * parentUuid null).
 */
export function chainIdOf(chainOf: Map<string, string>, line: Json, lineNumber: number): string {
  const parent = text(line, 'parentUuid')
  const id = text(line, 'agentId') ?? (parent !== null ? chainOf.get(parent) : undefined) ?? text(line, 'uuid') ?? `sidechain-${lineNumber}`
  const uuid = text(line, 'uuid')
  if (uuid !== null) chainOf.set(uuid, id)
  return id
}

function foldConversation(state: SummaryState, tally: Tally, line: Json, lineNumber: number, inMain: boolean): void {
  tally.lines++
  const message = rec(line, 'message')
  if (line.type === 'user') {
    if (tally.firstUser === null) {
      const asked = userText(line)
      if (asked !== null) tally.firstUser = promptKey(asked)
    }
    const prompt = promptOf(line)
    if (prompt) {
      tally.turns++
      if (prompt.text.trim() !== 'Warmup') tally.realPrompt = true
      // A title needs only the start of a prompt that may be megabytes long.
      if (prompt.bare) tally.commandTitle ??= titleFromText(capText(prompt.text), 'plain')
      else tally.promptTitle ??= titleFromText(capText(prompt.text), 'plain')
    }
    for (const block of blocks(message)) if (block.type === 'tool_result' && block.is_error === true) tally.errors++
    return
  }
  for (const block of blocks(message)) {
    if (block.type !== 'tool_use') continue
    tally.steps++
    const input = rec(block, 'input')
    const prompt = str(input, 'prompt')
    if (inMain && startsSubAgent(String(block.name)) && prompt !== null) {
      state.tasks.set(promptKey(prompt), capText(text(input, 'description') ?? ''))
    }
  }
  const key = messageKey(line, lineNumber)
  const before = tally.messages.get(key)
  tally.messages.set(key, { model: modelOf(message) ?? before?.model ?? null, usage: usageOf(message) ?? before?.usage ?? null })
}

export function foldSummaryLine(
  state: SummaryState,
  value: unknown,
  lineNumber: number,
  agentFile: boolean,
  summaries: SiblingSummaries,
): void {
  if (!isRecord(value)) return
  const line = value
  const ms = timeOf(line)
  widen(state, ms)
  switch (line.type) {
    case 'custom-title':
      state.customTitle = kept(line, 'customTitle') ?? state.customTitle
      return
    case 'ai-title':
      state.aiTitle = kept(line, 'aiTitle') ?? state.aiTitle
      return
    case 'last-prompt':
      state.lastPrompt = kept(line, 'lastPrompt') ?? state.lastPrompt
      return
    case 'summary':
      return
  }
  const uuid = text(line, 'uuid')
  if (uuid !== null) {
    const summary = summaries.byLeaf.get(uuid)
    if (summary !== undefined) state.summaryTitle = summary
  }
  state.slug = kept(line, 'slug') ?? state.slug
  state.sessionId ??= text(line, 'sessionId')
  state.agentId ??= text(line, 'agentId')
  let tally = state.main
  const inMain = agentFile || line.isSidechain !== true
  if (!inMain) {
    const id = chainIdOf(state.chainOf, line, lineNumber)
    let chain = state.chains.get(id)
    if (!chain) {
      chain = { id, tally: newTally() }
      state.chains.set(id, chain)
    }
    tally = chain.tally
  }
  widen(tally, ms)
  tally.cwd ??= kept(line, 'cwd')
  tally.branch = kept(line, 'gitBranch') ?? tally.branch
  if (line.type !== 'user' && line.type !== 'assistant') return
  foldConversation(state, tally, line, lineNumber, inMain)
}

export interface TallyFacts {
  model: string | null
  /** Most used first. */
  models: string[]
  tokens: TokenUsage | null
}

export function factsOf(tally: Tally): TallyFacts {
  const counts = new Map<string, number>()
  const tokens: TokenUsage = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, inputIncludesCache: false }
  let anyUsage = false
  for (const { model, usage } of tally.messages.values()) {
    if (model !== null) counts.set(model, (counts.get(model) ?? 0) + 1)
    if (usage) {
      anyUsage = true
      tokens.input += usage.input
      tokens.output += usage.output
      tokens.cacheRead += usage.cacheRead
      tokens.cacheWrite += usage.cacheWrite
    }
  }
  const models = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([model]) => model)
  return { model: models[0] ?? null, models, tokens: anyUsage ? tokens : null }
}

/** A sub-agent that only answered Claude Code's start-up "Warmup" (docs/formats/claude-code.md#warm-up-agents): not shown. */
export function isWarmup(tally: Tally): boolean {
  return !tally.realPrompt && tally.steps === 0 && tally.messages.size <= 1
}

const cache = new FoldCache<SummaryState>(256)

/** Saved folds across restarts; bump the version whenever SummaryState or Tally changes shape or meaning. */
export const summaryResume = foldResume(cache, 'claude-1')

async function tailOf(path: string, offset: number): Promise<TailCheck | null> {
  const length = Math.min(HEAD_BYTES, offset)
  const handle = await open(path, 'r').catch(() => null)
  if (!handle) return null
  try {
    const bytes = Buffer.alloc(length)
    const { bytesRead } = await handle.read(bytes, 0, length, offset - length)
    if (bytesRead !== length) return null
    return { offset, hash: createHash('sha1').update(bytes).digest('hex') }
  } finally {
    await handle.close()
  }
}

/**
 * Whether the file still holds, just before where the last fold stopped, the bytes it held then.
 * The fold's own check looks at the file's first bytes only, and a real log has been seen
 * rewritten further in (a line inserted in the middle of a sub-agent's log).
 */
async function tailUnchanged(path: string, tail: TailCheck | null): Promise<boolean> {
  if (tail === null) return false
  return (await tailOf(path, tail.offset))?.hash === tail.hash
}

export interface FoldedSummary {
  where: ClaudeFileKind
  fold: FoldResult<SummaryState>
}

/** Folds a log into its summary state, resuming where the last fold of the file stopped. */
export async function foldSummary(file: SessionFile): Promise<FoldedSummary> {
  const where = fileKind(file.path)
  const agentFile = where.kind === 'agent'
  const summaries = agentFile ? NO_SUMMARIES : await siblingSummaries(where.projectDir, file)
  const cached = cache.get(file.path)?.state
  // Start over when the state was matched against other sibling summaries (it may have missed
  // its title) or the file no longer holds what was folded.
  if (cached && (cached.summaryVersion !== summaries.version || !(await tailUnchanged(file.path, cached.tail)))) cache.delete(file.path)
  const fold = await foldJsonl(
    file.path,
    () => newState(summaries.version),
    (state, value, line) => foldSummaryLine(state, value, line, agentFile, summaries),
    { cache, readLine: (bytes) => readEnvelope(bytes) },
  )
  // The cache holds this very state object: the check travels with it. Its hash is the one the
  // cache entry keeps of the same bytes (the 4 KiB before the offset), so they are not read again.
  if (fold.state.tail?.offset !== fold.stats.offset) {
    const entry = cache.get(file.path)
    fold.state.tail =
      entry?.offset === fold.stats.offset ? { offset: entry.offset, hash: entry.end } : await tailOf(file.path, fold.stats.offset)
  }
  return { where, fold }
}
