import { basename, dirname, join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { SessionDetail, SessionSummary, Store, TokenUsage } from '../../../../src-shared/model'
import { ARCHIVE_DIR, classifyByProject, filesIn, sniffFiles, subdirectories } from '../../scan'
import { type Json, optionalNumber, optionalRecord, optionalText, requireRecord, requireString, wrongShape } from '../../shape'
import { isoFromMs } from '../../time'
import { UNTITLED, titleFromText } from '../../titles'
import { UnreadableSession, oneLine, readSessionText } from '../../unreadable'
import type { SessionFile, FormatModule } from '../format'
import { reparentAo, revertAo } from './edit'

// ao-rs (ao_core::types::Session): ~/.ao-rs/sessions/<project_id>/<uuid>.yaml, archived ones in
// <project_id>/.archive/. ao-rs is an orchestrator: a session file holds no transcript.

const isSessionName = (name: string) => name.endsWith('.yaml')

const MARKER = /^(id|project_id|task|status|branch):/m
const SNIFF_FILES = 8

// An ao-rs session is a few hundred bytes of metadata; YAML parsing a huge one would need many
// times its size in memory.
const MAX_BYTES = 16 * 1024 * 1024

function decode(text: string): Json {
  let value: unknown
  try {
    value = parseYaml(text, { uniqueKeys: false })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw new UnreadableSession(`invalid YAML: ${oneLine(message, 120)}`)
  }
  const raw = requireRecord(value, 'the document')
  requireString(raw, 'id')
  requireString(raw, 'status')
  if (typeof raw.created_at !== 'number' || !Number.isFinite(raw.created_at)) {
    throw wrongShape(`"created_at" is ${raw.created_at === undefined ? 'missing' : 'not a number of milliseconds'}`)
  }
  return raw
}

function tokensOf(cost: Json | undefined): TokenUsage | null {
  if (!cost) return null
  return {
    input: optionalNumber(cost, 'input_tokens') ?? 0,
    output: optionalNumber(cost, 'output_tokens') ?? 0,
    cacheRead: optionalNumber(cost, 'cache_read_tokens') ?? 0,
    cacheWrite: optionalNumber(cost, 'cache_creation_tokens') ?? 0,
  }
}

/** The project folder a session file sits in, whether active or archived. */
export function aoProjectFolder(file: SessionFile): string {
  const dir = dirname(file.path)
  return basename(file.archived ? dirname(dir) : dir)
}

function summarize(store: Store, file: SessionFile, raw: Json): SessionSummary {
  const cost = optionalRecord(raw, 'cost')
  return {
    id: raw.id as string,
    format: 'ao',
    store: store.root,
    path: file.path,
    project: optionalText(raw, 'project_id') ?? aoProjectFolder(file),
    projectPath: optionalText(raw, 'workspace_path'),
    title: titleFromText(optionalText(raw, 'task'), 'plain') ?? optionalText(raw, 'issue_id') ?? UNTITLED,
    createdAt: isoFromMs(raw.created_at as number),
    // ao-rs keeps no update time; the file's mtime is when it last wrote the session.
    updatedAt: isoFromMs(file.mtimeMs),
    modifiedAt: new Date(file.mtimeMs).toISOString(),
    turns: 0,
    steps: 0,
    errors: 0,
    archived: file.archived,
    bytes: file.size,
    model: optionalText(optionalRecord(raw, 'agent_config'), 'model'),
    status: raw.status as string,
    parentId: optionalText(raw, 'spawned_by'),
    tokens: tokensOf(cost),
    agent: optionalText(raw, 'agent') ?? 'claude-code',
    branch: optionalText(raw, 'branch'),
    costUsd: optionalNumber(cost, 'cost_usd'),
  }
}

async function read(file: SessionFile): Promise<Json> {
  return decode(await readSessionText(file.path, { maxBytes: MAX_BYTES, what: 'an ao-rs session file' }))
}

async function scan(root: string, includeArchived: boolean): Promise<SessionFile[]> {
  const files: SessionFile[] = []
  for (const project of await subdirectories(root)) {
    files.push(...(await filesIn(project, isSessionName, false)))
    if (includeArchived) files.push(...(await filesIn(join(project, ARCHIVE_DIR), isSessionName, true)))
  }
  return files
}

export const aoFormat: FormatModule = {
  format: 'ao',
  label: 'ao-rs',
  homeExample: '~/.ao-rs',
  layoutExample: 'sessions/<project>/<id>.yaml',
  sampleHome: 'ao-rs',
  // Every ao-rs session lives in a project folder; its parentId names an orchestrator, a session in its own right.
  capabilities: { hasUnfiled: false, nestsSubAgents: false, namesProjectsByPath: false },
  reparent: reparentAo,
  revert: revertAo,
  moves: 'relocate-rewrite',
  homeLayouts: ['sessions'],
  pathHint: /[\\/]\.ao-rs([\\/]|$)/,
  defaultRoots: (home) => [join(home, '.ao-rs', 'sessions')],
  watchDepth: 2,
  classify: (root, path) => classifyByProject(root, path, isSessionName),
  async sniff(root) {
    // Project folder by project folder, stopping once there are enough files to look at: a
    // folder of another agent's sessions (a Claude Code store of 30k logs) is not listed whole.
    const files: SessionFile[] = []
    for (const project of await subdirectories(root)) {
      files.push(...(await filesIn(project, isSessionName, false)), ...(await filesIn(join(project, ARCHIVE_DIR), isSessionName, true)))
      if (files.length >= SNIFF_FILES) break
    }
    return sniffFiles(files, MARKER, SNIFF_FILES)
  },
  scan: (root, options) => scan(root, options.archived),
  async summarize(store, file) {
    return summarize(store, file, await read(file))
  },
  async load(store, file): Promise<SessionDetail> {
    return { session: summarize(store, file, await read(file)), turns: [] }
  },
}
