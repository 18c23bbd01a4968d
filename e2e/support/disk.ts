// The files behind the UI: copies of the sample stores for each test, and helpers that say where a
// session is on disk and what its file says, so every spec can check the disk as well as the screen.

import { spawn } from 'node:child_process'
import { cp, readFile, readdir, stat, utimes } from 'node:fs/promises'
import { basename, dirname, join, relative, sep } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { SAMPLES_DIR } from './environment'

/** Sample files get this modification time: long past, so no session counts as live (changed in the last 60 s). */
export const SETTLED_TIME = new Date('2026-10-01T12:00:00Z')

/** The agent homes below resources/samples/, as the app is given them. */
export const SAMPLE_HOMES = {
  oxios: join('oxios', 'workspace'),
  astrid: 'astrid',
  ao: 'ao-rs',
  claude: 'claude',
  codex: 'codex',
  gemini: 'gemini',
} as const

export type SampleHome = keyof typeof SAMPLE_HOMES

/** The stores a spec gets unless it asks for others: the three the existing specs count on. */
export const DEFAULT_SAMPLE_HOMES: readonly SampleHome[] = ['oxios', 'astrid', 'ao']

export interface StorePaths {
  /** The folder holding the copied stores. */
  root: string
  oxiosWorkspace: string
  oxiosSessions: string
  astridHome: string
  astridSessions: string
  aoHome: string
  aoSessions: string
  /** Claude Code's projects folder, Codex CLI's home, Gemini CLI's tmp folder. */
  claudeProjects: string
  codexHome: string
  geminiTmp: string
  /** The store folders as the app is given them (the homes asked for, in that order). */
  dirs: string[]
}

/** The sample sessions, by id, as the specs use them. */
export const SAMPLE = {
  oxios: {
    proration: {
      id: '96427893-8db4-42c5-bdac-1e0110672a4d',
      title: 'Fix proration rounding on mid-cycle upgrades',
      project: 'billing-api',
    },
    csvExport: {
      id: '05dee37b-0cf5-4a9a-97fb-9827da585f98',
      title: 'Add a `--format csv` option to `ledger export`',
      project: 'ledger-cli',
    },
    docsBuild: { id: '68e22d9c-000d-46eb-9c4b-1341762cadc0', title: 'The docs build has been failing on Netlify', project: 'docs-site' },
    diskSpace: {
      id: 'bd46371d-e343-4b10-8ca3-7cf46674fa25',
      title: "My laptop disk is at 97%. What's taking up all the space?",
      project: null,
    },
  },
  astrid: {
    backoff: {
      id: 'bd953dc2-3cc2-4779-8825-c7cc67e84707',
      title: 'Exponential backoff for webhook retries',
      project: '/home/dana/src/billing-api',
    },
    sidebar: {
      id: '5d411b0d-f9e3-44de-b325-0c60b036d9dd',
      title: 'On narrow screens the doc sidebar overlaps the article text',
      project: '/home/dana/src/docs-site',
    },
    jq: {
      id: '0ab772dc-b7ed-45da-a180-61082e376b8b',
      title: 'How do I sum the `amount` field of every object in a JSON array with jq',
      project: null,
    },
  },
  ao: {
    milestone: {
      id: '32833106-536e-45df-80b2-d002cc92d33d',
      title: 'Work through the "Q4 billing cleanup" milestone',
      project: 'billing-api',
    },
    dunning: { id: 'f08db22f-d293-456a-b170-fab23d90fbac', title: 'Implement #488: retry failed card payments', project: 'billing-api' },
    search: {
      id: 'f3faa8e8-79ea-4723-8ad5-cfbc1d74bd1c',
      title: 'Replace Algolia DocSearch with the local search plugin',
      project: 'docs-site',
    },
    changelog: {
      id: '3ce1268c-9c80-42e3-bfec-3fee8ed2305d',
      title: 'Add a /changelog page generated at build time',
      project: 'docs-site',
      archived: true,
    },
  },
} as const

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return []
    throw error
  })
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}

/** Copies resources/samples into `root` and settles every file's modification time; the app is given `homes`. */
export async function copySampleStores(root: string, homes: readonly SampleHome[] = DEFAULT_SAMPLE_HOMES): Promise<StorePaths> {
  await cp(SAMPLES_DIR, root, { recursive: true })
  for (const file of await filesUnder(root)) await utimes(file, SETTLED_TIME, SETTLED_TIME)
  const oxiosWorkspace = join(root, 'oxios', 'workspace')
  const astridHome = join(root, 'astrid')
  const aoHome = join(root, 'ao-rs')
  return {
    root,
    oxiosWorkspace,
    oxiosSessions: join(oxiosWorkspace, 'sessions'),
    astridHome,
    astridSessions: join(astridHome, 'sessions'),
    aoHome,
    aoSessions: join(aoHome, 'sessions'),
    claudeProjects: join(root, 'claude', 'projects'),
    codexHome: join(root, 'codex'),
    geminiTmp: join(root, 'gemini', 'tmp'),
    dirs: homes.map((home) => join(root, SAMPLE_HOMES[home])),
  }
}

export type Place = 'active' | 'archived' | 'trashed'

export interface Located {
  path: string
  place: Place
  /** The folder that holds the file, relative to the sessions folder ('' for the folder itself). */
  folder: string
}

/** Every file of a session (by id) under a sessions folder: active, in .archive/ or in .trash/. */
export async function locateAll(sessionsDir: string, id: string): Promise<Located[]> {
  const found: Located[] = []
  for (const path of await filesUnder(sessionsDir)) {
    const name = basename(path)
    if (!name.startsWith(id) || !/\.(json|ya?ml)$/.test(name)) continue
    const parts = relative(sessionsDir, path).split(sep)
    const place: Place = parts[0] === '.trash' ? 'trashed' : parts.includes('.archive') ? 'archived' : 'active'
    found.push({ path, place, folder: relative(sessionsDir, dirname(path)) })
  }
  return found
}

/** The one file of a session; throws when there are none or several. */
export async function locate(sessionsDir: string, id: string): Promise<Located> {
  const found = await locateAll(sessionsDir, id)
  if (found.length !== 1)
    throw new Error(
      `expected one file for session ${id} under ${sessionsDir}, found ${found.length}: ${found.map((f) => f.path).join(', ')}`,
    )
  return found[0] as Located
}

/** "active:billing-api", "archived:docs-site/.archive", "trashed:.trash": where a session is, for polling. */
export async function whereIs(sessionsDir: string, id: string): Promise<string> {
  const found = await locateAll(sessionsDir, id)
  return (
    found
      .map((f) => `${f.place}:${f.folder.split(sep).join('/')}`)
      .sort()
      .join(' + ') || 'missing'
  )
}

/**
 * An Oxios session's project_id (null when it has none). The app's crash-safe replace takes the
 * file away for an instant (renamed aside, then the new version linked in); a poll that reads in
 * that instant is told so and asks again, instead of failing on ENOENT.
 */
export async function oxiosProjectOf(path: string): Promise<string | null> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw error
  })
  if (text === null) return '(being replaced)'
  const doc = JSON.parse(text) as { project_id?: string | null }
  return doc.project_id ?? null
}

/** An ao-rs session's project: the folder it sits in and the project_id it records. */
export async function aoProjectOf(aoSessions: string, id: string): Promise<{ folder: string; projectId: string | null }> {
  const found = await locate(aoSessions, id)
  const doc = parseYaml(await readFile(found.path, 'utf8')) as { project_id?: string | null }
  return { folder: found.folder.split(sep)[0] as string, projectId: doc.project_id ?? null }
}

/** Path, size and mtime of every file under a folder: equal fingerprints mean nothing was written. */
export async function fingerprint(dir: string): Promise<string[]> {
  const lines: string[] = []
  for (const path of await filesUnder(dir)) {
    const info = await stat(path)
    lines.push(`${relative(dir, path)} ${info.size} ${info.mtimeMs}`)
  }
  return lines.sort()
}

/** Runs `node -e script args...` as a separate process, as an agent would be, and waits for it to succeed. */
export async function runNodeProcess(script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, '--', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk))
    child.once('error', reject)
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`node -e exited with ${code}: ${err}`))))
  })
}

// Oxios writes its session as a whole: serialise, write a temp file beside it, rename it over.
const APPEND_OXIOS_TURN = `
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
const [path, user, agent, tool, durationMs] = process.argv.slice(1)
const session = JSON.parse(readFileSync(path, 'utf8'))
const now = Date.now()
const at = (offset) => new Date(now + offset).toISOString()
const steps = session.trajectory_steps ?? (session.trajectory_steps = [])
const start = steps.length
session.user_messages.push({ content: user, timestamp: at(0) })
steps.push({
  tool_name: tool, tool_args: { command: 'cargo test' }, output_summary: 'test result: ok.',
  duration_ms: Number(durationMs), is_error: false, tool_call_id: 'toolu_e2e_' + now, timestamp: at(10),
})
session.agent_responses.push({
  content: agent, session_id: null, phase_reached: null, evaluation_passed: null, timestamp: at(20),
  trajectory_range: { start, end: steps.length },
})
session.updated_at = at(20)
const temp = path + '.' + process.pid + '.tmp'
writeFileSync(temp, JSON.stringify(session, null, 2))
renameSync(temp, path)
process.stdout.write(String(session.user_messages.length))
`

/** Another process (an agent) adds a user message, a tool call and a reply to an Oxios session; returns the new turn count. */
export async function appendOxiosTurnFromAnotherProcess(
  path: string,
  turn: { user: string; agent: string; tool: string; durationMs: number },
): Promise<number> {
  return Number(await runNodeProcess(APPEND_OXIOS_TURN, [path, turn.user, turn.agent, turn.tool, String(turn.durationMs)]))
}
