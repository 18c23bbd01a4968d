import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { appDataDir } from '../core/data-dir'
import type { Problem, SessionSummary } from '../../src-shared/model'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  home: string
}

/** A failure whose message is for the user; `code` is the exit status. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

/** A usage mistake: exit status 2, with a pointer to the help. */
export function usageError(message: string): CliError {
  return new CliError(`${message}\nRun "sessionscope help" for usage.`, 2)
}

export type OptionSpec = Record<string, { type: 'boolean' | 'string'; multiple?: boolean }>

export function parseOptions<T extends OptionSpec>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw usageError((error as Error).message)
  }
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`)
}

export function reportProblems(io: CliIo, problems: readonly Problem[]): void {
  if (problems.length === 0) return
  const noun = problems.length === 1 ? 'file' : 'files'
  io.stderr(`\n${problems.length} ${noun} could not be read (skipped):\n`)
  for (const problem of problems) io.stderr(`  ${problem.path}: ${problem.reason}\n`)
}

export function stateOf(session: SessionSummary): string {
  return [session.status, session.archived ? 'archived' : null].filter(Boolean).join(', ')
}

/** One CLI command: its usage line for the help text and its implementation. */
export interface Command {
  name: string
  usage: string
  summary: string
  run(args: string[], io: CliIo): Promise<number>
}

/** The app's data folder (journal, cache), shared with the desktop app. */
export function dataDirFor(io: CliIo): string {
  return appDataDir(io.env, io.home)
}

/** Where the CLI keeps the summary cache: the app's data folder, shared with the desktop app. */
export function cacheDirFor(io: CliIo): string {
  return join(dataDirFor(io), 'index-cache')
}
