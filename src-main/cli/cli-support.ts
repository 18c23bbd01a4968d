import { parseArgs } from 'node:util'
import { AppService, type AppServiceOptions } from '../app/app-service'
import { appDataDir } from '../app/shell-api'
import type { Problem, SessionSummary, Store } from '../../src-shared/model'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  home: string
  /** Whether stderr is a terminal (progress is drawn there only then). */
  stderrIsTerminal?: boolean
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

export type CliServiceOptions = Pick<AppServiceOptions, 'archived' | 'readOnly' | 'watch' | 'onIndexError' | 'onNotice' | 'onIndexProgress'>

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

/**
 * Draws the search index's progress on one line of a terminal's stderr (files and MB done, rate,
 * time left), at most five times a second, and clears it when done; nothing when stderr is not a
 * terminal, so scripts see none of it.
 */
export function indexProgressLine(io: CliIo): CliServiceOptions['onIndexProgress'] {
  if (!io.stderrIsTerminal) return undefined
  const started = Date.now()
  let drawn = 0
  return ({ files, done, bytes, doneBytes }) => {
    const now = Date.now()
    if (done === files) {
      io.stderr('\r\u001b[K')
      return
    }
    if (now - drawn < 200) return
    drawn = now
    const mb = (n: number) => (n / 1024 / 1024).toFixed(0)
    const rate = doneBytes / Math.max(0.001, (now - started) / 1000)
    const left = rate > 0 ? Math.ceil((bytes - doneBytes) / rate) : null
    io.stderr(
      `\r\u001b[KIndexing: ${done.toLocaleString('en-US')} of ${files.toLocaleString('en-US')} files, ${mb(doneBytes)} of ${mb(bytes)} MB, ${mb(rate)} MB/s${left === null ? '' : `, about ${left} s left`}`,
    )
  }
}
