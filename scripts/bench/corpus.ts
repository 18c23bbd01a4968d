// The Claude Code corpus the headline figures are measured on: copies of the real sessions in
// ../shared/samples/claude-code (read-only; never copied into the repo), each with fresh session
// ids, line uuids, message, request and tool-use ids and sub-agent ids, its timestamps moved to a
// random start over six months, and its working directory replaced by one of a hundred projects
// whose folder name is derived from that directory as Claude Code derives it.

import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { copyFile, mkdir, stat, utimes, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const SAMPLES_DIR = resolve(
  process.env.SESSIONSCOPE_SAMPLES ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'samples'),
)
const CLAUDE_SAMPLES = join(SAMPLES_DIR, 'claude-code')

/** A real session and the files that go with it, and how often the corpus copies it. */
interface TemplateSpec {
  main: string
  /** Old-style sub-agent files beside the session (v2.0 – 2.1.1). */
  beside?: string[]
  /** New-style sub-agent files below <sessionId>/subagents/ (v2.1.2 and later). */
  subagents?: string[]
  /** Copies per hundred sessions: chosen so that a session averages about 105 KB, as on a real disk. */
  weight: number
}

const SPECS: TemplateSpec[] = [
  { main: 'codemie/LARGE-compaction/session-624a4a58.jsonl', weight: 1 },
  {
    main: 'codemie/claude/incremental-subagents/turn-2.jsonl',
    subagents: ['codemie/claude/incremental-subagents/turn-2/subagents/agent-a485154.jsonl'],
    weight: 3,
  },
  {
    main: 'codemie/claude/incremental-subagents/turn-1.jsonl',
    subagents: ['codemie/claude/incremental-subagents/turn-1/subagents/agent-a485154.jsonl'],
    weight: 3,
  },
  { main: 'codemie/claude/incremental-simple/turn-2.jsonl', weight: 10 },
  { main: 'codemie/session-9eda1058.jsonl', weight: 10 },
  { main: 'd-kimuson/projects/sample-project/5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl', weight: 10 },
  {
    main: 'codemie/claude/-tmp-private/4c2ddfdc-b619-4525-8d03-1950fb1b0257.jsonl',
    beside: ['codemie/claude/-tmp-private/agent-36541525.jsonl', 'codemie/claude/-tmp-private/agent-50243ee8.jsonl'],
    weight: 18,
  },
  { main: 'codemie/claude/incremental-simple/turn-1.jsonl', weight: 15 },
  { main: 'd-kimuson/projects/sample-project/1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl', weight: 15 },
  { main: 'kvsankar/session-01.jsonl', weight: 15 },
]

/** The smallest real session (5 lines): the filler that takes the watched tree to 50k files. */
const SMALL = 'kvsankar/session-01.jsonl'

interface Template {
  name: string
  main: string
  beside: { name: string; text: string }[]
  subagents: { name: string; text: string }[]
  agentIds: string[]
  cwd: string
  sessionId: string
  first: number
  last: number
  bytes: number
  weight: number
}

const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g
const API_ID = /\b(msg|req|toolu|srvtoolu)_[A-Za-z0-9_]+/g

function load(spec: TemplateSpec): Template {
  const read = (path: string) => readFileSync(join(CLAUDE_SAMPLES, path), 'utf8')
  const main = read(spec.main)
  const beside = (spec.beside ?? []).map((path) => ({ name: basename(path), text: read(path) }))
  const subagents = (spec.subagents ?? []).map((path) => ({ name: basename(path), text: read(path) }))
  const all = [main, ...beside.map((f) => f.text), ...subagents.map((f) => f.text)]
  const times = all.flatMap((text) => (text.match(ISO) ?? []).map(Date.parse)).filter(Number.isFinite)
  const cwd = /"cwd"\s*:\s*"([^"]+)"/.exec(main)?.[1]
  const sessionId = /"sessionId"\s*:\s*"([^"]+)"/.exec(main)?.[1]
  if (!cwd || !sessionId) throw new Error(`${spec.main}: no cwd or no sessionId`)
  return {
    name: spec.main,
    main,
    beside,
    subagents,
    agentIds: [...beside, ...subagents].map((f) => (/^agent-(\w+)\.jsonl$/.exec(f.name) as RegExpExecArray)[1] as string),
    cwd,
    sessionId,
    first: Math.min(...times),
    last: Math.max(...times),
    bytes: all.reduce((n, text) => n + Buffer.byteLength(text), 0),
    weight: spec.weight,
  }
}

let templates: Template[] | null = null

export function samplesPresent(): boolean {
  return existsSync(CLAUDE_SAMPLES)
}

function allTemplates(): Template[] {
  templates ??= SPECS.map(load)
  return templates
}

/** The texts of the real sessions, for drawing queries from. */
export function sampleTexts(): string[] {
  return allTemplates().flatMap((t) => [t.main, ...t.beside.map((f) => f.text), ...t.subagents.map((f) => f.text)])
}

/** A small seeded generator (mulberry32), so that a scale gives the same corpus shape each run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Claude Code's project folder name for a working directory (../shared/docs/formats.md §1.1). */
export function claudeProjectDir(cwd: string): string {
  const encoded = cwd.replace(/[^a-zA-Z0-9]/g, '-')
  if (encoded.length <= 200) return encoded
  let hash = 0
  for (let i = 0; i < cwd.length; i++) hash = ((hash << 5) - hash + cwd.charCodeAt(i)) | 0
  return `${encoded.slice(0, 200)}-${Math.abs(hash).toString(36)}`
}

const ORGS = ['acme', 'oss', 'work', 'sandbox', 'clients/northwind']
const NAMES = [
  'billing',
  'web',
  'api',
  'infra',
  'docs',
  'mobile',
  'search',
  'auth',
  'etl',
  'ui-kit',
  'cli',
  'payments',
  'maps',
  'chat',
  'data',
]
const SUFFIXES = ['', '_service', '.v2', '-next', ' (copy)']

/** A hundred working directories; their last segments are what `project:` names. */
export const PROJECTS: string[] = Array.from({ length: 100 }, (_, i) => {
  const name = `${NAMES[i % NAMES.length]}${SUFFIXES[Math.floor(i / NAMES.length) % SUFFIXES.length]}${i >= 75 ? `-${i}` : ''}`
  return `/home/dev/${ORGS[i % ORGS.length]}/${name}`
})

const START = Date.parse('2026-05-01T00:00:00Z')
const SPREAD = 183 * 24 * 3600 * 1000

function freshAlnum(length: number): string {
  return randomBytes(length)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, 'x')
    .slice(0, length)
}

function freshHex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length)
}

export interface Written {
  /** The session's id (its main file's name). */
  id: string
  path: string
  files: string[]
  bytes: number
  template: string
  cwd: string
}

/** Writes one copy of `template` into the project of `cwd`, below `projectsDir`. */
async function writeCopy(projectsDir: string, template: Template, cwd: string, rng: () => number): Promise<Written> {
  const ids = new Map<string, string>()
  const fresh = (old: string, make: () => string) => {
    let value = ids.get(old)
    if (value === undefined) ids.set(old, (value = make()))
    return value
  }
  const agentIds = new Map(template.agentIds.map((id) => [id, freshHex(id.length)]))
  const shift = START + Math.floor(rng() * SPREAD) - template.first
  const rewrite = (text: string) => {
    let out = text.replace(UUID, (old) => fresh(old, randomUUID))
    out = out.replace(API_ID, (old, prefix: string) => fresh(old, () => `${prefix}_${freshAlnum(old.length - prefix.length - 1)}`))
    out = out.replace(ISO, (old) => new Date(Date.parse(old) + shift).toISOString())
    out = out.split(template.cwd).join(cwd)
    for (const [old, value] of agentIds) out = out.replace(new RegExp(`\\b${old}\\b`, 'g'), value)
    return out
  }
  const main = rewrite(template.main)
  // From the map, not matched out of the text: a match would keep the whole text alive.
  const id = fresh(template.sessionId, randomUUID)
  const projectDir = join(projectsDir, claudeProjectDir(cwd))
  const files: { path: string; text: string }[] = [{ path: join(projectDir, `${id}.jsonl`), text: main }]
  for (const f of template.beside) files.push({ path: join(projectDir, rewrite(f.name)), text: rewrite(f.text) })
  for (const f of template.subagents) files.push({ path: join(projectDir, id, 'subagents', rewrite(f.name)), text: rewrite(f.text) })
  const mtime = new Date(template.last + shift)
  let bytes = 0
  for (const file of files) {
    await mkdir(dirname(file.path), { recursive: true })
    await writeFile(file.path, file.text)
    await utimes(file.path, mtime, mtime)
    bytes += Buffer.byteLength(file.text)
  }
  return { id, path: files[0]!.path, files: files.map((f) => f.path), bytes, template: template.name, cwd }
}

export interface Corpus {
  /** The Claude home (CLAUDE_CONFIG_DIR): sessions are in its projects/ folder. */
  home: string
  projects: string
  sessions: Written[]
  files: number
  bytes: number
}

export function emptyCorpus(home: string): Corpus {
  return { home, projects: join(home, 'projects'), sessions: [], files: 0, bytes: 0 }
}

/** Adds `count` sessions copied from the samples by weight, spread over the projects (a few big ones, many small). */
export async function grow(corpus: Corpus, count: number, seed: number): Promise<void> {
  const rng = seeded(seed)
  const all = allTemplates()
  const total = all.reduce((n, t) => n + t.weight, 0)
  for (let i = 0; i < count; i++) {
    let pick = rng() * total
    const template = all.find((t) => (pick -= t.weight) < 0) ?? (all[0] as Template)
    const cwd = PROJECTS[Math.floor(rng() ** 2 * PROJECTS.length)] as string
    add(corpus, await writeCopy(corpus.projects, template, cwd, rng))
  }
}

/** Adds copies of the smallest real session until the tree holds `files` files. */
export async function fillTo(corpus: Corpus, files: number, seed: number): Promise<void> {
  const rng = seeded(seed)
  const small = allTemplates().find((t) => t.name === SMALL) as Template
  while (corpus.files < files) {
    add(corpus, await writeCopy(corpus.projects, small, PROJECTS[Math.floor(rng() * PROJECTS.length)] as string, rng))
  }
}

function add(corpus: Corpus, written: Written): void {
  corpus.sessions.push(written)
  corpus.files += written.files.length
  corpus.bytes += written.bytes
}

/** A store holding one session of the corpus alone (its files copied, same project folder). */
export async function aloneStore(home: string, corpus: Corpus, session: Written): Promise<string> {
  for (const path of session.files) {
    const target = join(home, 'projects', path.slice(corpus.projects.length + 1))
    await mkdir(dirname(target), { recursive: true })
    await copyFile(path, target)
    const { mtime } = await stat(path)
    await utimes(target, mtime, mtime)
  }
  return join(home, 'projects')
}
