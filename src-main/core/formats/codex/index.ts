import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { FoldCache, type JsonlStats, foldJsonl, unreadableLogReason } from '../../jsonl'
import { foldResume } from '../../fold-resume'
import type { SessionDetail, SessionSummary, Store } from '../../../../src-shared/model'
import { titleFromText } from '../../titles'
import { NotASession, UnreadableSession } from '../../unreadable'
import type { SessionFile, FormatModule } from '../format'
import { threadNames } from './session-names'
import { archivedPathOfCodex, classifyCodex, isCompressed, scanCodex, sniffCodex, unarchivedPathOfCodex, uuidFromName } from './layout'
import { foldCodexLine } from './read'
import { type CodexState, cloneSummaryState, errorCount, firstPrompt, initialState, modelsByUse, promptCount } from './state'
import { buildTurns } from './turns'
import { foldZstdJsonl } from './zstd'

// OpenAI Codex CLI (docs/formats/codex-cli.md). The store root is the Codex home ($CODEX_HOME or
// ~/.codex); rollouts are JSONL logs appended while the agent runs (.jsonl.zst when compressed).
// Codex keeps the project (cwd) in its own record, so sessions cannot be moved between projects.

/** Where each live rollout's summary fold stopped, so a growing file is read from there. */
const summaryFolds = new FoldCache<CodexState>(512)
/** Bump the version whenever CodexState changes shape or meaning. */
const summaryResume = foldResume(summaryFolds, 'codex-1')

async function readRollout(file: SessionFile, withDetail: boolean): Promise<{ state: CodexState; stats: JsonlStats }> {
  const init = () => initialState(withDetail)
  if (isCompressed(file.path)) return foldZstdJsonl(file.path, init, foldCodexLine)
  return foldJsonl(file.path, init, foldCodexLine, withDetail ? {} : { cache: summaryFolds, clone: cloneSummaryState })
}

function requireSession(file: SessionFile, state: CodexState, stats: JsonlStats): void {
  if (state.known === 0) {
    // A compressed file's bytes are not its lines': what counts is what it decoded to.
    const unreadable = unreadableLogReason(stats, isCompressed(file.path) ? stats.offset : file.size)
    if (unreadable !== null) throw new UnreadableSession(unreadable)
    if (stats.lines === 0 && stats.badLines === 0) throw new NotASession('an empty rollout')
    // Codex writes its first line (session_meta) whole when the session starts: a file cut inside
    // it is damaged (a crash, a full disk), not one being written.
    if (stats.lines === 0 && stats.badLines === 1 && stats.unfinishedTail) {
      throw new UnreadableSession('cut off inside its first line: no complete line')
    }
    throw new UnreadableSession(
      stats.lines === 0
        ? `no readable line (${stats.badLines} bad)`
        : 'not a Codex rollout: no session_meta, response_item or event_msg line',
    )
  }
  if (promptCount(state) === 0 && state.agentMessages === 0 && state.steps === 0) {
    throw new NotASession('a rollout without any prompt, answer or tool call')
  }
  if (state.id === null && uuidFromName(file.path) === null)
    throw new UnreadableSession('no session id: no session_meta line and no uuid in the file name')
}

async function summarize(store: Store, file: SessionFile, state: CodexState): Promise<SessionSummary> {
  const id = state.id ?? (uuidFromName(file.path) as string)
  const modified = new Date(file.mtimeMs).toISOString()
  const named = (await threadNames(store.root)).get(id)
  const title = titleFromText(named, 'plain') ?? titleFromText(firstPrompt(state), 'plain') ?? id
  return {
    id,
    format: 'codex',
    store: store.root,
    path: file.path,
    project: state.cwd,
    projectPath: state.cwd,
    title,
    createdAt: state.createdAt ?? state.firstAt ?? modified,
    updatedAt: state.lastAt ?? modified,
    modifiedAt: modified,
    turns: promptCount(state),
    steps: state.steps,
    errors: errorCount(state),
    archived: file.archived,
    bytes: file.size,
    model: modelsByUse(state)[0] ?? null,
    status: null,
    parentId: state.parentId,
    tokens: state.tokens && { ...state.tokens },
    agent: null,
    branch: state.branch,
    costUsd: null,
  }
}

export const codexFormat: FormatModule = {
  format: 'codex',
  label: 'Codex CLI',
  homeExample: '~/.codex',
  layoutExample: 'sessions/YYYY/MM/DD/rollout-*.jsonl',
  sampleHome: 'codex',
  capabilities: { hasUnfiled: false, nestsSubAgents: true, namesProjectsByPath: false },
  moves: 'unsupported',
  // The store root is the Codex home itself, which sniff recognises; no layout below a home.
  homeLayouts: [],
  // A user may name ~/.codex/sessions (or archived_sessions) for the store that is ~/.codex.
  innerFolders: ['sessions', 'archived_sessions'],
  pathHint: /[\\/]\.codex([\\/]|$)/,
  defaultRoots: (home, env) => [env.CODEX_HOME || join(home, '.codex')],
  sniff: sniffCodex,
  // sessions/YYYY/MM/DD/rollout-….jsonl: files five levels down, so the day folders (level four)
  // are watched (watchDepth counts the file's level, as ao-rs' <project>/<file> is 2).
  watchDepth: 5,
  classify: classifyCodex,
  scan: (root, options) => scanCodex(root, options.archived),
  archivedPathOf: archivedPathOfCodex,
  unarchivedPathOf: unarchivedPathOfCodex,
  resumeState: summaryResume,
  async summarize(store, file) {
    // Where both exist, Codex reads the plain rollout: the compressed one is not a session of its own.
    if (file.path.endsWith('.zst') && (await stat(file.path.slice(0, -'.zst'.length)).catch(() => null))) {
      throw new NotASession('a plain rollout of the same name takes precedence')
    }
    const { state, stats } = await readRollout(file, false)
    requireSession(file, state, stats)
    return summarize(store, file, state)
  },
  async load(store, file): Promise<SessionDetail> {
    const { state, stats } = await readRollout(file, true)
    requireSession(file, state, stats)
    const detail = state.detail
    return {
      session: await summarize(store, file, state),
      turns: detail ? buildTurns(detail, state.failed) : [],
      responses: detail?.responses ?? [],
      models: modelsByUse(state),
      skippedLines: stats.badLines,
    }
  },
}
