import { basename } from 'node:path'
import { unreadableLogReason } from '../../jsonl'
import type { SessionSummary, Store } from '../../../../src-shared/model'
import { UNTITLED, titleFromText } from '../../titles'
import { NotASession, UnreadableSession } from '../../unreadable'
import type { SessionFile } from '../format'
import { type FoldedSummary, type Tally, factsOf, foldSummary, isWarmup } from './fold'
import { isoOf } from './lines'
import { agentDescription } from './layout'

// A folded log as the listing shows it: the session's summary, titled from the best source the
// log has, with its inline sub-agents as children.

interface Common {
  store: Store
  file: SessionFile
  project: string
  projectPath: string | null
}

function summaryOf(
  common: Common,
  id: string,
  parentId: string | null,
  title: string,
  tally: Tally,
  span: { firstMs: number | null; lastMs: number | null },
): SessionSummary {
  const { file } = common
  const facts = factsOf(tally)
  const mtime = new Date(file.mtimeMs).toISOString()
  return {
    id,
    format: 'claude',
    store: common.store.root,
    path: file.path,
    project: common.project,
    projectPath: tally.cwd ?? common.projectPath,
    title,
    createdAt: isoOf(span.firstMs) ?? mtime,
    updatedAt: isoOf(span.lastMs) ?? mtime,
    modifiedAt: mtime,
    turns: tally.turns,
    steps: tally.steps,
    errors: tally.errors,
    archived: file.archived,
    bytes: file.size,
    model: facts.model,
    status: null,
    parentId,
    tokens: facts.tokens,
    agent: null,
    branch: tally.branch,
    costUsd: null,
  }
}

function pickTitle(...candidates: Array<string | null>): string {
  for (const candidate of candidates) {
    const title = titleFromText(candidate, 'plain')
    if (title !== null) return title
  }
  return UNTITLED
}

/** Turns a folded state into the session's summary; throws when the file holds no session to list. */
export async function summaryFromFold(store: Store, file: SessionFile, { where, fold }: FoldedSummary): Promise<SessionSummary> {
  const { state, stats } = fold
  const { main } = state
  if (main.lines === 0) {
    // Lines were there but none could be read: a damaged file, unlike a merely empty or
    // bookkeeping-only one (or a first line still being written).
    const unreadable = unreadableLogReason(stats, file.size)
    if (unreadable !== null) throw new UnreadableSession(unreadable)
    const damaged = stats.badLines - (stats.unfinishedTail ? 1 : 0)
    if (stats.lines === 0 && damaged > 0)
      throw new UnreadableSession(`no readable line: ${damaged} line${damaged === 1 ? ' is' : 's are'} not valid JSON`)
    throw new NotASession('no conversation in this log')
  }
  const common: Common = { store, file, project: basename(where.projectDir), projectPath: main.cwd }
  if (where.kind === 'agent') {
    if (isWarmup(main)) throw new NotASession('a warm-up sub-agent')
    const id = where.layout === 'subagents' ? where.agentId : (state.agentId ?? where.agentId)
    const parentId = where.layout === 'subagents' ? where.parentFromPath : state.sessionId
    const description = where.layout === 'subagents' ? await agentDescription(file.path) : null
    const title = pickTitle(
      state.customTitle,
      state.aiTitle,
      description,
      main.promptTitle,
      main.commandTitle,
      state.lastPrompt,
      state.slug,
      id,
    )
    return summaryOf(common, id, parentId, title, main, state)
  }
  const id = where.sessionId
  const title = pickTitle(
    state.customTitle,
    state.aiTitle,
    state.summaryTitle,
    main.promptTitle,
    main.commandTitle,
    state.lastPrompt,
    state.slug,
    id,
  )
  const summary = summaryOf(common, id, null, title, main, state)
  const children: SessionSummary[] = []
  for (const chain of state.chains.values()) {
    if (chain.tally.lines === 0 || isWarmup(chain.tally)) continue
    const description = chain.tally.firstUser !== null ? (state.tasks.get(chain.tally.firstUser) ?? null) : null
    const childTitle = pickTitle(description, chain.tally.promptTitle, chain.tally.commandTitle, chain.id)
    // An inline sub-agent has no file of its own: it is listed with its parent's path and no size.
    children.push({ ...summaryOf(common, chain.id, id, childTitle, chain.tally, chain.tally), bytes: 0 })
  }
  if (children.length > 0) summary.children = children
  return summary
}

export async function summarizeClaude(store: Store, file: SessionFile): Promise<SessionSummary> {
  return summaryFromFold(store, file, await foldSummary(file))
}
