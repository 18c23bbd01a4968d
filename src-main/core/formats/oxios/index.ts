import { join } from 'node:path'
import type { Message, SessionDetail, SessionSummary, Step, Store, Turn } from '../../../../src-shared/model'
import { flatStoreLayout } from '../../scan'
import {
  type Json,
  isRecord,
  optionalArray,
  optionalNumber,
  optionalRecord,
  optionalString,
  optionalText,
  requireRecord,
  requireString,
  wrongShape,
} from '../../shape'
import { isoOrNull, requireIso } from '../../time'
import { UNTITLED, titleFromText } from '../../titles'
import { SUMMARY_LIMITS } from '../../capped-json/caps'
import type { KeepSpec } from '../../capped-json/document-parser'
import { readSessionJson } from '../../capped-json/read-session-json'
import type { SessionFile, FormatModule } from '../format'
import { reparentOxios, revertOxios } from './edit'

// Oxios (oxios_kernel::state_store): <workspace>/sessions/<id>.json, pretty JSON written by serde.

const isSessionName = (name: string) => name.endsWith('.json')

// Oxios writes user_messages right after id and user_id, so the head of any session shows it.
const MARKER = /"(user_messages|agent_responses|trajectory_steps)"\s*:/

interface OxiosDocument {
  raw: Json
  id: string
  userMessages: Json[]
  agentResponses: Json[]
  steps: Json[]
}

function decode(value: unknown): OxiosDocument {
  const raw = requireRecord(value, 'the document')
  const id = requireString(raw, 'id')
  requireString(raw, 'created_at')
  const entries = (key: string) =>
    optionalArray(raw, key).map((entry, i) => {
      if (!isRecord(entry)) throw wrongShape(`${key}[${i}] is not an object`)
      return entry
    })
  return {
    raw,
    id,
    userMessages: entries('user_messages'),
    agentResponses: entries('agent_responses'),
    steps: entries('trajectory_steps'),
  }
}

/** project_id, else legacy metadata.project_id, else the first of metadata.project_ids. */
export function oxiosProject(raw: Json): string | null {
  const direct = optionalText(raw, 'project_id')
  if (direct !== null) return direct
  const metadata = optionalRecord(raw, 'metadata')
  const legacy = optionalText(metadata, 'project_id')
  if (legacy !== null) return legacy
  const list = optionalString(metadata, 'project_ids')
  if (list !== null) {
    const first = list
      .split(',')
      .map((part) => part.trim())
      .find((part) => part !== '')
    if (first !== undefined) return first
  }
  return null
}

function oxiosTitle(doc: OxiosDocument): string {
  const title = optionalString(optionalRecord(doc.raw, 'metadata'), 'title')
  if (title !== null && title.trim() !== '') return title
  const firstUser = doc.userMessages[0]
  return titleFromText(firstUser ? optionalString(firstUser, 'content') : null, 'shortened') ?? UNTITLED
}

/**
 * The newest message or step time: Oxios' own record of the last activity. updated_at is not,
 * since a move rewrites it.
 */
function lastActivity(doc: OxiosDocument, createdAt: string): string {
  let newest = Date.parse(createdAt)
  for (const list of [doc.userMessages, doc.agentResponses, doc.steps]) {
    for (const entry of list) {
      const at = isoOrNull(entry.timestamp)
      if (at !== null) newest = Math.max(newest, Date.parse(at))
    }
  }
  return new Date(newest).toISOString()
}

function summarize(store: Store, file: SessionFile, doc: OxiosDocument): SessionSummary {
  const { raw } = doc
  const createdAt = requireIso(raw.created_at, 'created_at')
  return {
    id: doc.id,
    format: 'oxios',
    store: store.root,
    path: file.path,
    project: oxiosProject(raw),
    projectPath: null,
    title: oxiosTitle(doc),
    createdAt,
    updatedAt: isoOrNull(raw.updated_at) ?? new Date(file.mtimeMs).toISOString(),
    lastActivityAt: lastActivity(doc, createdAt),
    modifiedAt: new Date(file.mtimeMs).toISOString(),
    turns: doc.userMessages.length,
    steps: doc.steps.length,
    errors: doc.steps.filter((step) => step.is_error === true).length,
    archived: file.archived,
    bytes: file.size,
    model: null,
    status: null,
    parentId: optionalText(raw, 'parent_session_id'),
    tokens: null,
    agent: null,
    branch: null,
    costUsd: null,
  }
}

function toStep(entry: Json, index: number): Step {
  return {
    id: optionalText(entry, 'tool_call_id') ?? `step-${index}`,
    tool: optionalText(entry, 'tool_name') ?? 'unknown',
    args: entry.tool_args ?? null,
    output: optionalString(entry, 'output_summary'),
    at: isoOrNull(entry.timestamp),
    durationMs: optionalNumber(entry, 'duration_ms'),
    isError: entry.is_error === true,
  }
}

function toMessage(entry: Json | undefined): Message | null {
  if (!entry) return null
  return { text: optionalString(entry, 'content') ?? '', at: isoOrNull(entry.timestamp) }
}

function range(response: Json | undefined, stepCount: number): [number, number] | null {
  const r = optionalRecord(response, 'trajectory_range')
  const start = optionalNumber(r, 'start')
  const end = optionalNumber(r, 'end')
  if (start === null || end === null) return null
  return [Math.max(0, Math.min(start, stepCount)), Math.max(0, Math.min(end, stepCount))]
}

/**
 * Turn i pairs user_messages[i] with agent_responses[i]; its steps are trajectory_steps[start..end).
 * Steps no range covers (older files wrote none) go to the last turn that began before them, so
 * no tool call is ever hidden.
 */
export function oxiosTurns(doc: OxiosDocument): Turn[] {
  const count = Math.max(doc.userMessages.length, doc.agentResponses.length)
  const steps = doc.steps.map(toStep)
  const covered = new Set<number>()
  const turns: Turn[] = []
  for (let i = 0; i < count; i++) {
    const response = doc.agentResponses[i]
    const bounds = range(response, steps.length)
    const turnSteps: Step[] = []
    if (bounds) {
      for (let s = bounds[0]; s < bounds[1]; s++) {
        covered.add(s)
        turnSteps.push(steps[s] as Step)
      }
    }
    turns.push({ index: i, user: toMessage(doc.userMessages[i]), agent: toMessage(response), steps: turnSteps })
  }
  const orphans = steps.filter((_, s) => !covered.has(s))
  if (orphans.length > 0) {
    if (turns.length === 0) turns.push({ index: 0, user: null, agent: null, steps: [] })
    for (const step of orphans) {
      const owner = [...turns].reverse().find((turn) => turn.user?.at && step.at && turn.user.at <= step.at) ?? turns[0]
      owner?.steps.push(step)
    }
    for (const turn of turns) turn.steps.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''))
  }
  return turns
}

/** What summarize reads: a huge session's summary holds its counts and title, not its contents. */
const SUMMARY_KEEP: KeepSpec = {
  id: true,
  created_at: true,
  updated_at: true,
  project_id: true,
  parent_session_id: true,
  metadata: { title: true, project_id: true, project_ids: true },
  user_messages: { '*': { content: true, timestamp: true } },
  agent_responses: { '*': { timestamp: true } },
  trajectory_steps: { '*': { is_error: true, timestamp: true } },
}

async function read(file: SessionFile, detail: boolean): Promise<OxiosDocument> {
  const options = detail ? {} : { keep: SUMMARY_KEEP, limits: SUMMARY_LIMITS }
  return decode(await readSessionJson(file.path, 'an Oxios session file', options))
}

export const oxiosFormat: FormatModule = {
  format: 'oxios',
  label: 'Oxios',
  homeExample: '~/.oxios/workspace',
  layoutExample: 'sessions/<id>.json',
  sampleHome: 'oxios/workspace',
  capabilities: { hasUnfiled: true, nestsSubAgents: false, namesProjectsByPath: false },
  reparent: reparentOxios,
  revert: revertOxios,
  // Oxios records updated_at itself, so a copied sample takes that time.
  sampleTime: (session) => Date.parse(session.updatedAt),
  moves: 'rewrite',
  homeLayouts: ['sessions', 'workspace/sessions'],
  pathHint: /[\\/]\.oxios([\\/]|$)/,
  defaultRoots: (home) => [join(home, '.oxios', 'workspace', 'sessions')],
  ...flatStoreLayout(isSessionName, MARKER),
  async summarize(store, file) {
    return summarize(store, file, await read(file, false))
  },
  async load(store, file): Promise<SessionDetail> {
    const doc = await read(file, true)
    return { session: summarize(store, file, doc), turns: oxiosTurns(doc) }
  },
}
