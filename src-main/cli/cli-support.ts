import { parseArgs } from 'node:util'
import { AppService, type AppServiceOptions } from '../app/app-service'
import { appDataDir } from '../app/shell-api'
import type { Problem, SessionSummary, Store } from '../../src-shared/model'

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

export type CliServiceOptions = Pick<AppServiceOptions, 'archived' | 'readOnly' | 'watch' | 'onIndexError' | 'onNotice'>

/**
 * Runs `work` against the application service over exactly `stores`, the same service the app
 * runs: a one-shot command reads the stores when it first needs them and watches nothing.
 */
export async function withService<T>(
  io: CliIo,
  stores: Store[],
  options: CliServiceOptions,
  work: (service: AppService) => Promise<T>,
): Promise<T> {
  const watch = options.watch ?? false
  const service = await AppService.start({
    dataDir: dataDirFor(io),
    home: io.home,
    env: io.env,
    dirs: [],
    stores,
    samplesDir: '',
    shell: 'cli',
    ...options,
    watch,
    lazyIndex: !watch,
  })
  try {
    return await work(service)
  } finally {
    await service.close()
  }
}
