// Builders for Gemini CLI store fixtures, modelled field by field on docs/formats/gemini-cli.md
// (ConversationRecord, MessageRecord, ToolCallRecord, the JSONL record kinds). They write real
// files into real temporary directories laid out as ~/.gemini/{projects.json,tmp/<project>/chats/}.

import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { writeFileDeep } from './fixtures'

export type GeminiRecord = Record<string, unknown>

export function geminiProjectHash(projectPath: string): string {
  return createHash('sha256').update(projectPath).digest('hex')
}

/** session-<YYYY-MM-DDTHH-mm>-<first 8 chars of the id>, as Gemini names a main session file. */
export function geminiSessionName(sessionId: string, startTime: string, ext: 'jsonl' | 'json' = 'jsonl'): string {
  return `session-${new Date(startTime).toISOString().slice(0, 16).replace(/:/g, '-')}-${sessionId.slice(0, 8)}.${ext}`
}

/** The first line of a JSONL log. */
export function geminiMeta(options: {
  sessionId: string
  projectPath?: string
  startTime?: string
  lastUpdated?: string
  kind?: 'main' | 'subagent'
  extra?: GeminiRecord
}): GeminiRecord {
  const startTime = options.startTime ?? '2026-11-05T10:00:00.000Z'
  return {
    sessionId: options.sessionId,
    projectHash: geminiProjectHash(options.projectPath ?? '/home/dev/demo'),
    startTime,
    lastUpdated: options.lastUpdated ?? startTime,
    kind: options.kind,
    ...options.extra,
  }
}

/** A user MessageRecord; content as Part[] like the real CLI writes it. */
export function geminiUser(id: string, text: string, timestamp: string, extra: GeminiRecord = {}): GeminiRecord {
  return { id, timestamp, type: 'user', content: [{ text }], ...extra }
}

/** An info, warning or error MessageRecord. */
export function geminiNote(id: string, type: 'info' | 'warning' | 'error', text: string, timestamp: string): GeminiRecord {
  return { id, timestamp, type, content: text }
}

export function geminiTokens(input: number, output: number, cached = 0, thoughts = 0, tool = 0): GeminiRecord {
  return { input, output, cached, thoughts, tool, total: input + output + thoughts + tool }
}

/** A gemini MessageRecord: string content, model, tokens, thoughts and tool calls. */
export function geminiReply(options: {
  id: string
  text?: string
  timestamp: string
  model?: string
  tokens?: GeminiRecord | null
  toolCalls?: GeminiRecord[]
}): GeminiRecord {
  const record: GeminiRecord = {
    id: options.id,
    timestamp: options.timestamp,
    type: 'gemini',
    content: options.text ?? '',
    thoughts: [{ subject: 'Planning', description: 'Thinking it through', timestamp: options.timestamp }],
    tokens: options.tokens === undefined ? geminiTokens(1000, 50, 200) : options.tokens,
    model: options.model ?? 'gemini-2.5-pro',
  }
  if (options.toolCalls) record.toolCalls = options.toolCalls
  return record
}

/** A ToolCallRecord; its id embeds the start time the way Gemini's default ids do ("<tool>-<ms>-<rand>"). */
export function geminiToolCall(options: {
  name: string
  args?: GeminiRecord
  status?: string
  output?: string
  error?: string
  /** Completion time (what Gemini records). */
  timestamp: string
  /** Start time, embedded in the id; without it the id carries none. */
  startedAt?: string
  id?: string
  resultDisplay?: unknown
}): GeminiRecord {
  const id =
    options.id ?? (options.startedAt ? `${options.name}-${Date.parse(options.startedAt)}-a1b2c3d4e5f6` : `call_${options.name}_a1b2`)
  const response: GeminiRecord = options.error !== undefined ? { error: options.error } : { output: options.output ?? 'ok' }
  const record: GeminiRecord = {
    id,
    name: options.name,
    args: options.args ?? {},
    result:
      options.status === 'executing' || options.status === 'scheduled'
        ? null
        : [{ functionResponse: { id, name: options.name, response } }],
    status: options.status ?? (options.error !== undefined ? 'error' : 'success'),
    timestamp: options.timestamp,
    displayName: options.name,
    description: '',
    renderOutputAsMarkdown: false,
  }
  if (options.resultDisplay !== undefined) record.resultDisplay = options.resultDisplay
  return record
}

export function geminiJsonlText(records: readonly unknown[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join('')
}

/** Writes a JSONL log at <tmp>/<project>/chats/<relative>; `tail` is appended raw (e.g. a cut-off line). */
export async function writeGeminiJsonl(
  tmpRoot: string,
  project: string,
  relative: string,
  records: readonly unknown[],
  tail = '',
): Promise<string> {
  return writeFileDeep(join(tmpRoot, project, 'chats', relative), geminiJsonlText(records) + tail)
}

/** A legacy ConversationRecord, pretty-printed with two spaces like the real files. */
export async function writeGeminiLegacy(tmpRoot: string, project: string, relative: string, record: GeminiRecord): Promise<string> {
  return writeFileDeep(join(tmpRoot, project, 'chats', relative), JSON.stringify(record, null, 2))
}

export function geminiLegacyRecord(options: {
  sessionId: string
  projectPath?: string
  startTime?: string
  lastUpdated?: string
  messages: GeminiRecord[]
  summary?: string
}): GeminiRecord {
  const { messages, summary, ...meta } = options
  const record: GeminiRecord = { ...geminiMeta(meta), messages, kind: 'main' }
  if (summary !== undefined) record.summary = summary
  return record
}

/** ~/.gemini/projects.json beside the tmp root. */
export async function writeGeminiProjects(geminiHome: string, projects: Record<string, string>): Promise<string> {
  return writeFileDeep(join(geminiHome, 'projects.json'), JSON.stringify({ projects }, null, 2))
}

/** The .project_root marker Gemini writes into a slug folder. */
export async function writeGeminiProjectRoot(tmpRoot: string, project: string, projectPath: string): Promise<string> {
  return writeFileDeep(join(tmpRoot, project, '.project_root'), projectPath)
}
