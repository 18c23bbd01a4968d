import { readdir, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { FoldCache, foldJsonl, unreadableLogReason } from '../../jsonl'
import { foldResume } from '../../fold-resume'
import type { SessionDetail, SessionSummary, Store } from '../../../../src-shared/model'
import { ARCHIVE_DIR, TRASH_DIR, filesIn, isTempFile, readHead, segmentsBelow, subdirectories } from '../../scan'
import { requireRecord, requireString } from '../../shape'
import { isoFromMs } from '../../time'
import { UNTITLED, titleFromText } from '../../titles'
import { readSessionJson } from '../../capped-json/read-session-json'
import { NotASession, UnreadableSession } from '../../unreadable'
import type { SessionFile, Sniff, FormatModule } from '../format'
import { type GeminiState, cloneState, factsOf, foldConversationRecord, foldRecord, hasConversation, initState, turnsOf } from './records'
import { resolveGeminiProject } from './project'
import { responsesOf } from './responses'

// Gemini CLI: ~/.gemini/tmp/<project-id>/chats/session-<time>-<id8>.jsonl (an append log; older
// versions wrote a pretty-printed session-*.json, converted to .jsonl beside it when resumed).
// Sub-agents: chats/<parentSessionId>/<sessionId>.jsonl. The store root is ~/.gemini/tmp; archived
// sessions mirror chats/ in chats/.archive/. See docs/formats/gemini-cli.md#file-layout.

const CHATS_DIR = 'chats'
const MAIN_NAME = /^session-.+\.jsonl?$/
const isMainName = (name: string) => MAIN_NAME.test(name)
const isSubagentName = (name: string) => name.endsWith('.jsonl') && name !== '.jsonl'
const isVisible = (name: string) => !name.startsWith('.') && !isTempFile(name)

/** The first line of a JSONL log is the metadata record; a legacy file opens with sessionId too. */
const MARKER = /"(sessionId|projectHash)"\s*:|"type"\s*:\s*"(user|gemini|info|error|warning)"/

interface Place {
  project: string
  /** Sub-agents: the folder named after the parent session. */
  parentId: string | null
  archived: boolean
}

/** Where a path sits in the layout, or null when it is not a session file of the store. */
function placeOf(root: string, path: string): Place | null {
  const parts = segmentsBelow(root, path)
  if (!parts || parts.length < 3 || parts[1] !== CHATS_DIR) return null
  const project = parts[0] as string
  const name = parts[parts.length - 1] as string
  if (project.startsWith('.') || !isVisible(name)) return null
  const archived = parts[2] === ARCHIVE_DIR
  const below = parts.slice(archived ? 3 : 2)
  if (below.length === 1 && isMainName(name)) return { project, parentId: null, archived }
  if (below.length === 2 && isVisible(below[0] as string) && isSubagentName(name))
    return { project, parentId: below[0] as string, archived }
  return null
}

/** A legacy session-*.json whose converted session-*.jsonl sits beside it: the .jsonl is the session. */
function withoutConverted(files: SessionFile[]): SessionFile[] {
  const paths = new Set(files.map((file) => file.path))
  return files.filter((file) => !(file.path.endsWith('.json') && paths.has(`${file.path}l`)))
}

async function scanChats(chats: string, archived: boolean): Promise<SessionFile[]> {
  const files = await filesIn(chats, isMainName, archived)
  for (const parent of await subdirectories(chats)) files.push(...(await filesIn(parent, isSubagentName, archived)))
  return withoutConverted(files)
}

async function scan(root: string, includeArchived: boolean): Promise<SessionFile[]> {
  const files: SessionFile[] = []
  for (const project of await subdirectories(root)) {
    const chats = join(project, CHATS_DIR)
    files.push(...(await scanChats(chats, false)))
    if (includeArchived) files.push(...(await scanChats(join(chats, ARCHIVE_DIR), true)))
  }
  return files
}

async function sniff(root: string): Promise<Sniff> {
  const projects = await subdirectories(root)
  const files: SessionFile[] = []
  for (const project of projects) {
    const chats = join(project, CHATS_DIR)
    files.push(...(await filesIn(chats, isMainName, false)), ...(await filesIn(join(chats, ARCHIVE_DIR), isMainName, true)))
    if (files.length >= 8) break
  }
  for (const file of files.slice(0, 8)) {
    try {
      if (MARKER.test(await readHead(file.path, 4096))) return 'yes'
    } catch {
      // Unreadable file: try the next one.
    }
  }
  if (files.length > 0) return 'no'
  return projects.length > 0 || (await isEmptyDir(root)) ? 'empty' : 'no'
}

async function isEmptyDir(dir: string): Promise<boolean> {
  const names = await readdir(dir).catch(() => [] as string[])
  return !names.some(isVisible)
}

function idFromName(path: string): string {
  return basename(path, extname(path))
}

// Summaries resume where the last read of a growing log stopped; a session view reads afresh,
// its own small cache only saving the re-read of a live session's start.
const summaryCache = new FoldCache<GeminiState>()
const detailCache = new FoldCache<GeminiState>(8)
/** Bump the version whenever GeminiState changes shape or meaning. */
const summaryResume = foldResume(summaryCache, 'gemini-1')

interface Read {
  state: GeminiState
  skippedLines: number
}

async function readJsonl(file: SessionFile, detail: boolean): Promise<Read> {
  const { state, stats } = await foldJsonl(file.path, () => initState(detail), foldRecord, {
    cache: detail ? detailCache : summaryCache,
    clone: cloneState,
  })
  if (state.known === 0) {
    const unreadable = unreadableLogReason(stats, file.size)
    if (unreadable !== null) throw new UnreadableSession(unreadable)
    if (stats.lines === 0 && stats.badLines === 0) throw new NotASession('empty log')
    // Nothing but one unfinished line: the writer's first append is still on its way.
    if (stats.lines === 0 && stats.badLines === 1 && stats.unfinishedTail) throw new NotASession('first line still being written')
    if (stats.lines === 0)
      throw new UnreadableSession(`no readable line: ${stats.badLines} ${stats.badLines === 1 ? 'line is' : 'lines are'} not valid JSON`)
    throw new UnreadableSession('wrong shape: no Gemini CLI session record (metadata or message) in the file')
  }
  return { state, skippedLines: stats.badLines }
}

async function readLegacy(file: SessionFile, detail: boolean): Promise<Read> {
  const raw = requireRecord(await readSessionJson(file.path, 'a Gemini CLI session file'), 'the document')
  requireString(raw, 'sessionId')
  // A legacy file is written whole, messages and all: one without them is no session Gemini wrote.
  if (!Array.isArray(raw.messages))
    throw new UnreadableSession(`wrong shape: "messages" is ${raw.messages === undefined ? 'missing' : 'not a list'}`)
  const state = initState(detail)
  foldConversationRecord(state, raw)
  return { state, skippedLines: 0 }
}

async function read(file: SessionFile, detail: boolean): Promise<Read> {
  const result = file.path.endsWith('.json') ? await readLegacy(file, detail) : await readJsonl(file, detail)
  if (!hasConversation(result.state)) throw new NotASession('no user or model message yet')
  return result
}

async function summarize(store: Store, file: SessionFile, state: GeminiState): Promise<SessionSummary> {
  // Trashed sessions keep their place below the store's .trash/ folder.
  const place = placeOf(store.root, file.path) ?? placeOf(join(store.root, TRASH_DIR), file.path)
  const facts = factsOf(state)
  const { meta } = state
  const project = place
    ? await resolveGeminiProject(store.root, place.project, meta.projectHash)
    : { project: meta.projectHash, projectPath: null }
  const id = meta.sessionId || idFromName(file.path)
  const mtime = isoFromMs(file.mtimeMs)
  const iso = (value: string | null) => {
    if (value === null) return null
    const ms = Date.parse(value)
    return Number.isNaN(ms) ? null : isoFromMs(ms)
  }
  return {
    id,
    format: 'gemini',
    store: store.root,
    path: file.path,
    project: project.project,
    projectPath: project.projectPath,
    title: titleFromText(meta.summary, 'plain') ?? facts.title ?? (id || UNTITLED),
    createdAt: iso(meta.startTime) ?? facts.firstAt ?? mtime,
    updatedAt: iso(meta.lastUpdated) ?? facts.lastAt ?? mtime,
    modifiedAt: mtime,
    turns: facts.turns,
    steps: facts.steps,
    errors: facts.errors,
    archived: file.archived,
    bytes: file.size,
    model: facts.models[0] ?? null,
    status: null,
    parentId: place?.parentId ?? null,
    tokens: facts.tokens,
    agent: null,
    branch: null,
    costUsd: null,
  }
}

/** A legacy .json that Gemini has converted: its .jsonl twin is the session. */
async function converted(file: SessionFile): Promise<boolean> {
  if (!file.path.endsWith('.json')) return false
  try {
    return (await stat(`${file.path}l`)).isFile()
  } catch {
    return false
  }
}

function archivedPathOf(root: string, path: string): string {
  const parts = segmentsBelow(root, path)
  if (parts && parts.length >= 3 && parts[1] === CHATS_DIR && parts[2] !== ARCHIVE_DIR) {
    return join(root, parts[0] as string, CHATS_DIR, ARCHIVE_DIR, ...parts.slice(2))
  }
  return join(path, '..', ARCHIVE_DIR, basename(path))
}

function unarchivedPathOf(root: string, path: string): string {
  const parts = segmentsBelow(root, path)
  if (parts && parts.length >= 4 && parts[1] === CHATS_DIR && parts[2] === ARCHIVE_DIR) {
    return join(root, parts[0] as string, CHATS_DIR, ...parts.slice(3))
  }
  return join(path, '..', '..', basename(path))
}

export const geminiFormat: FormatModule = {
  format: 'gemini',
  label: 'Gemini CLI',
  homeExample: '~/.gemini',
  layoutExample: 'tmp/<project>/chats/session-*.json[l]',
  sampleHome: 'gemini',
  capabilities: { hasUnfiled: false, nestsSubAgents: true, namesProjectsByPath: false },
  // The agent's own record holds the project (its folder and every file's projectHash).
  moves: 'unsupported',
  homeLayouts: ['tmp'],
  pathHint: /[\\/]\.gemini([\\/]|$)/,
  defaultRoots(home, env) {
    const roots = [join(home, '.gemini', 'tmp')]
    const override = env.GEMINI_CLI_HOME
    if (override) roots.unshift(join(override, '.gemini', 'tmp'))
    return [...new Set(roots)]
  },
  // <project>/chats/.archive/<parent>/<file>
  watchDepth: 5,
  classify(root, path) {
    const place = placeOf(root, path)
    return place ? { archived: place.archived } : null
  },
  sniff,
  scan: (root, options) => scan(root, options.archived),
  archivedPathOf,
  unarchivedPathOf,
  resumeState: summaryResume,
  async summarize(store, file) {
    if (await converted(file)) throw new NotASession('converted to .jsonl by Gemini CLI')
    return summarize(store, file, (await read(file, false)).state)
  },
  async load(store, file): Promise<SessionDetail> {
    const { state, skippedLines } = await read(file, true)
    const session = await summarize(store, file, state)
    return { session, turns: turnsOf(state), responses: responsesOf(state), models: factsOf(state).models, skippedLines }
  },
}
