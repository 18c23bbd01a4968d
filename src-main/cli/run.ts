import { parseArgs } from 'node:util'
import { formatBytes, formatCost, formatDuration, formatLocalTime, formatTokens } from '../core/display'
import { listStores, loadSession } from '../core/listing'
import { findSession } from '../core/lookup'
import { FORMAT_LABELS, type Problem, type SessionDetail, type SessionSummary } from '../core/model'
import { StoreError, defaultStoreLocations, resolveStores } from '../core/stores'
import { renderTable } from './text-table'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  home: string
}

/** A failure whose message is for the user; `code` is the exit status. */
class CliError extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message)
  }
}

const USAGE = `Usage: sessionscope <command> [options]

Commands:
  list [DIR ...] [--all] [--json]   Sessions of the stores, newest first (--all adds archived ones)
  show DIR ID [--json]              One session with its turns and tool calls (ID may be a prefix)
  help                              This text

DIR is a sessions folder or the agent home holding one (~/.oxios/workspace, ~/.astrid, ~/.ao-rs).
Without DIR, list uses every well-known store that exists under your home folder.`

function parse(args: string[], options: Record<string, { type: 'boolean' }>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${USAGE}`, 2)
  }
}

function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`)
}

function reportProblems(io: CliIo, problems: Problem[]): void {
  if (problems.length === 0) return
  const noun = problems.length === 1 ? 'file' : 'files'
  io.stderr(`\n${problems.length} ${noun} could not be read (skipped):\n`)
  for (const problem of problems) io.stderr(`  ${problem.path}: ${problem.reason}\n`)
}

function stateOf(session: SessionSummary): string {
  return [session.status, session.archived ? 'archived' : null].filter(Boolean).join(', ')
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { all: { type: 'boolean' }, json: { type: 'boolean' } })
  const stores = await resolveStores(positionals, io.home, io.env)
  const listing = await listStores(stores, { archived: values.all === true })
  if (values.json) {
    printJson(io, listing)
    return 0
  }
  if (positionals.length === 0 && stores.length === 0) {
    io.stderr(`No session stores found. Looked in:\n${defaultStoreLocations(io.home, io.env).map((p) => `  ${p}\n`).join('')}`)
    return 0
  }
  if (listing.sessions.length === 0) io.stdout('No sessions.\n')
  else {
    io.stdout(
      `${renderTable(listing.sessions, [
        { header: 'ID', value: (s) => s.id.slice(0, 8) },
        { header: 'FORMAT', value: (s) => FORMAT_LABELS[s.format] },
        { header: 'PROJECT', value: (s) => s.project ?? 'Unfiled', max: 28 },
        { header: 'TITLE', value: (s) => s.title, max: 48 },
        { header: 'UPDATED', value: (s) => formatLocalTime(s.updatedAt) },
        { header: 'TURNS', value: (s) => String(s.turns), align: 'right' },
        { header: 'STEPS', value: (s) => String(s.steps), align: 'right' },
        { header: 'ERRORS', value: (s) => String(s.errors), align: 'right' },
        { header: 'STATE', value: stateOf },
      ])}\n`,
    )
    const count = listing.sessions.length
    io.stdout(`\n${count} session${count === 1 ? '' : 's'} in ${stores.length} store${stores.length === 1 ? '' : 's'}\n`)
  }
  reportProblems(io, listing.problems)
  return 0
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n')
}

function preview(value: unknown, max = 160): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? ''
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

function renderDetail(detail: SessionDetail): string {
  const s = detail.session
  const fields: [string, string | null][] = [
    ['Title', s.title],
    ['ID', s.id],
    ['Format', FORMAT_LABELS[s.format]],
    ['Project', s.project === null ? 'Unfiled' : s.projectPath && s.projectPath !== s.project ? `${s.project} (${s.projectPath})` : s.project],
    ['Status', stateOf(s) || null],
    ['Agent', s.agent],
    ['Model', s.model],
    ['Branch', s.branch],
    ['Parent', s.parentId],
    ['Created', formatLocalTime(s.createdAt)],
    ['Updated', formatLocalTime(s.updatedAt)],
    ['Tokens', formatTokens(s.tokens) || null],
    ['Cost', formatCost(s.costUsd) || null],
    ['Activity', `${s.turns} turns, ${s.steps} tool calls, ${s.errors} failed`],
    ['File', `${s.path} (${formatBytes(s.bytes)})`],
  ]
  const lines = fields.filter(([, value]) => value !== null && value !== '').map(([key, value]) => `${`${key}:`.padEnd(10)}${value}`)
  for (const turn of detail.turns) {
    lines.push('', `── Turn ${turn.index + 1} ${turn.user?.at ? `· ${formatLocalTime(turn.user.at)} ` : ''}`.padEnd(60, '─'))
    if (turn.user) lines.push('User:', indent(turn.user.text, '  '))
    for (const step of turn.steps) {
      const meta = [formatDuration(step.durationMs), step.isError ? 'ERROR' : ''].filter(Boolean).join('  ')
      lines.push(`  ▸ ${step.tool}${meta ? `  ${meta}` : ''}`)
      if (step.args !== null && step.args !== undefined) lines.push(`      args:   ${preview(step.args)}`)
      lines.push(`      output: ${step.output === null ? '(no result)' : preview(step.output)}`)
    }
    if (turn.agent) lines.push('Agent:', indent(turn.agent.text, '  '))
  }
  return `${lines.join('\n')}\n`
}

async function show(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } })
  if (positionals.length !== 2) throw new CliError(`show takes a store DIR and a session ID\n\n${USAGE}`, 2)
  const [dir, id] = positionals as [string, string]
  if (id.trim() === '') throw new CliError('show: the session ID is empty', 2)
  const stores = await resolveStores([dir], io.home, io.env)
  const listing = await listStores(stores, { archived: true })
  const found = findSession(listing.sessions, id)
  switch (found.kind) {
    case 'empty-query':
      throw new CliError('show: the session ID is empty', 2)
    case 'not-found': {
      const unreadable = listing.problems.filter((p) => p.path.includes(id))
      const hint = unreadable.map((p) => `\n  ${p.path} could not be read: ${p.reason}`).join('')
      throw new CliError(`show: session "${id}" not found in ${dir}${hint}`)
    }
    case 'ambiguous':
      throw new CliError(
        `show: "${id}" matches ${found.matches.length} sessions; give more of the id:\n${found.matches
          .map((s) => `  ${s.id}  ${s.title}`)
          .join('\n')}`,
      )
    case 'found': {
      const detail = await loadSession(found.session)
      if (values.json) printJson(io, detail)
      else io.stdout(renderDetail(detail))
      return 0
    }
  }
}

/** Runs one CLI invocation and returns its exit status. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'list':
        return await list(rest, io)
      case 'show':
        return await show(rest, io)
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(`${USAGE}\n`)
        return command === undefined ? 2 : 0
      default:
        throw new CliError(`unknown command "${command}"\n\n${USAGE}`, 2)
    }
  } catch (error) {
    if (error instanceof CliError || error instanceof StoreError) {
      io.stderr(`sessionscope: ${error.message}\n`)
      return error instanceof CliError ? error.code : 1
    }
    throw error
  }
}
