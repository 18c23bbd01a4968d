import { join } from 'node:path'
import type { SessionDetail, SessionSummary, Step, Store, Turn } from '../../../../src-shared/model'
import { flatStoreLayout } from '../../scan'
import { type Json, isRecord, optionalNumber, optionalRecord, optionalText, requireRecord, requireString, wrongShape } from '../../shape'
import { requireIso } from '../../time'
import { UNTITLED, titleFromText } from '../../titles'
import { SUMMARY_LIMITS } from '../../capped-json/caps'
import type { KeepSpec } from '../../capped-json/document-parser'
import { readSessionJson } from '../../capped-json/read-session-json'
import type { SessionFile, FormatModule } from '../format'
import { reparentAstrid, resolveWorkspace, revertAstrid } from './edit'

// Astrid (astrid_runtime::session::SerializableSession): ~/.astrid/sessions/<uuid>.json.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// Astrid's own SessionStore::list only takes .json files whose stem parses as a UUID.
const isSessionName = (name: string) => name.endsWith('.json') && UUID.test(name.slice(0, -'.json'.length))

const MARKER = /"system_prompt"\s*:|"messages"\s*:\s*\[\s*(\]|\{\s*"role")/

interface ToolCall {
  id: string
  name: string
  arguments: unknown
}

/** astrid_llm::MessageContent is serde-untagged; this mirrors the order serde tries its variants. */
export type AstridContent =
  | { kind: 'text'; text: string }
  | { kind: 'calls'; calls: ToolCall[] }
  | { kind: 'result'; callId: string; text: string; isError: boolean }
  | { kind: 'parts'; text: string }

function asToolCall(value: unknown): ToolCall | null {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.name !== 'string' || !('arguments' in value)) {
    return null
  }
  return { id: value.id, name: value.name, arguments: value.arguments }
}

function partText(part: Json): string | null {
  if (part.type === 'text' && typeof part.text === 'string') return part.text
  if (part.type === 'image') return `[image${typeof part.media_type === 'string' ? `: ${part.media_type}` : ''}]`
  return null
}

/** Decodes one message's content, or null where Astrid's own loader would drop the message. */
export function decodeAstridContent(content: unknown): AstridContent | null {
  if (typeof content === 'string') return { kind: 'text', text: content }
  if (Array.isArray(content)) {
    // An empty array deserialises as ToolCalls([]), the first array variant serde tries.
    const calls = content.map(asToolCall)
    if (calls.every((call) => call !== null)) return { kind: 'calls', calls: calls as ToolCall[] }
    if (content.every((part) => isRecord(part) && typeof part.type === 'string')) {
      const texts = (content as Json[]).map(partText).filter((text): text is string => text !== null)
      return { kind: 'parts', text: texts.join('\n') }
    }
    return null
  }
  if (isRecord(content) && typeof content.call_id === 'string' && typeof content.content === 'string') {
    return { kind: 'result', callId: content.call_id, text: content.content, isError: content.is_error === true }
  }
  return null
}

const ROLES = new Set(['system', 'user', 'assistant', 'tool'])

interface AstridMessage {
  role: string
  content: AstridContent
}

interface AstridDocument {
  raw: Json
  id: string
  messages: AstridMessage[]
}

function decode(value: unknown): AstridDocument {
  const raw = requireRecord(value, 'the document')
  const id = requireString(raw, 'id')
  requireString(raw, 'created_at')
  if (!Array.isArray(raw.messages)) throw wrongShape(`"messages" is ${raw.messages === undefined ? 'missing' : 'not a list'}`)
  const messages: AstridMessage[] = []
  for (const message of raw.messages) {
    if (!isRecord(message) || typeof message.role !== 'string' || !ROLES.has(message.role)) continue
    const content = decodeAstridContent(message.content)
    if (content) messages.push({ role: message.role, content })
  }
  return { raw, id, messages }
}

const isPrompt = (message: AstridMessage) =>
  message.role === 'user' && (message.content.kind === 'text' || message.content.kind === 'parts')

/** A user text or multi-part message opens a turn; tool calls pair with their results by call id. */
export function astridTurns(messages: AstridMessage[]): Turn[] {
  const turns: Turn[] = []
  const byCallId = new Map<string, Step>()
  const current = (): Turn => {
    let turn = turns[turns.length - 1]
    if (!turn) {
      turn = { index: 0, user: null, agent: null, steps: [] }
      turns.push(turn)
    }
    return turn
  }
  for (const message of messages) {
    const { content } = message
    if (message.role === 'system') continue
    if (isPrompt(message) && (content.kind === 'text' || content.kind === 'parts')) {
      turns.push({ index: turns.length, user: { text: content.text, at: null }, agent: null, steps: [] })
    } else if (content.kind === 'text' || content.kind === 'parts') {
      const turn = current()
      const previous = turn.agent?.text
      turn.agent = { text: previous ? `${previous}\n\n${content.text}` : content.text, at: null }
    } else if (content.kind === 'calls') {
      const turn = current()
      for (const call of content.calls) {
        const step: Step = {
          id: call.id,
          tool: call.name,
          args: call.arguments,
          output: null,
          at: null,
          durationMs: null,
          isError: false,
        }
        byCallId.set(call.id, step)
        turn.steps.push(step)
      }
    } else {
      const step = byCallId.get(content.callId)
      if (step) {
        step.output = content.text
        step.isError = content.isError
      }
    }
  }
  return turns
}

function summarize(store: Store, file: SessionFile, doc: AstridDocument): SessionSummary {
  const { raw } = doc
  const metadata = optionalRecord(raw, 'metadata')
  const turns = astridTurns(doc.messages)
  const firstPrompt = doc.messages.find(isPrompt)?.content
  const firstText = firstPrompt && 'text' in firstPrompt ? firstPrompt.text : null
  const steps = turns.flatMap((turn) => turn.steps)
  return {
    id: doc.id,
    format: 'astrid',
    store: store.root,
    path: file.path,
    project: optionalText(raw, 'workspace_path'),
    projectPath: optionalText(raw, 'workspace_path'),
    title: optionalText(metadata, 'title') ?? titleFromText(firstText, 'plain') ?? UNTITLED,
    createdAt: requireIso(raw.created_at, 'created_at'),
    // Astrid records no update time of its own and orders its sessions by mtime.
    updatedAt: new Date(file.mtimeMs).toISOString(),
    modifiedAt: new Date(file.mtimeMs).toISOString(),
    turns: doc.messages.filter(isPrompt).length,
    steps: steps.length,
    errors: steps.filter((step) => step.isError).length,
    archived: file.archived,
    bytes: file.size,
    model: optionalText(raw, 'model'),
    status: null,
    parentId: null,
    tokens: null,
    agent: null,
    branch: optionalText(optionalRecord(raw, 'git_state'), 'branch'),
    costUsd: optionalNumber(optionalRecord(raw, 'budget_snapshot'), 'session_spent_usd'),
  }
}

// A message's content in a summary: enough to tell its variant and pair calls with results; a
// call's arguments are kept only as an empty shell, which is all decodeAstridContent looks for.
const PART: KeepSpec = { id: true, name: true, arguments: {}, type: true, text: true, media_type: true }
const CONTENT: KeepSpec = { '*': PART, call_id: true, content: true, is_error: true }

/** What summarize reads: a huge session's summary holds its counts and title, not its contents. */
const SUMMARY_KEEP: KeepSpec = {
  id: true,
  created_at: true,
  workspace_path: true,
  model: true,
  metadata: { title: true },
  git_state: { branch: true },
  budget_snapshot: { session_spent_usd: true },
  messages: { '*': { role: true, content: CONTENT } },
}

async function read(file: SessionFile, detail: boolean): Promise<AstridDocument> {
  const options = detail ? {} : { keep: SUMMARY_KEEP, limits: SUMMARY_LIMITS }
  return decode(await readSessionJson(file.path, 'an Astrid session file', options))
}

export const astridFormat: FormatModule = {
  format: 'astrid',
  label: 'Astrid',
  homeExample: '~/.astrid',
  layoutExample: 'sessions/<uuid>.json',
  sampleHome: 'astrid',
  capabilities: { hasUnfiled: true, nestsSubAgents: false, namesProjectsByPath: false },
  reparent: reparentAstrid,
  revert: revertAstrid,
  // A project is a workspace folder: a name must match one of the store's workspaces.
  ownsProjectName: () => true,
  resolveProjectName: resolveWorkspace,
  moves: 'rewrite',
  homeLayouts: ['sessions'],
  pathHint: /[\\/]\.astrid([\\/]|$)/,
  defaultRoots: (home, env) => [join(env.ASTRID_HOME || join(home, '.astrid'), 'sessions')],
  ...flatStoreLayout(isSessionName, MARKER),
  async summarize(store, file) {
    return summarize(store, file, await read(file, false))
  },
  async load(store, file): Promise<SessionDetail> {
    const doc = await read(file, true)
    return { session: summarize(store, file, doc), turns: astridTurns(doc.messages) }
  },
}
