import { StoreError } from '../core/stores'
import { CliError, type CliIo, type Command } from './cli-support'
import { listCommand } from './commands/list'
import { showCommand } from './commands/show'

export type { CliIo } from './cli-support'

const COMMANDS: readonly Command[] = [listCommand, showCommand]

function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.usage.length)) + 3
  const lines = COMMANDS.map((command) => `  ${command.usage.padEnd(width)}${command.summary}`)
  return `Usage: sessionscope <command> [options]

Commands:
${lines.join('\n')}
  ${'help'.padEnd(width)}This text

DIR is a sessions folder or the agent home holding one (~/.oxios/workspace, ~/.astrid, ~/.ao-rs).
Without DIR, list uses every well-known store that exists under your home folder.
`
}

/** Runs one CLI invocation and returns its exit status. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(usage())
    return name === undefined ? 2 : 0
  }
  const command = COMMANDS.find((candidate) => candidate.name === name)
  try {
    if (!command) throw new CliError(`unknown command "${name}"\n\n${usage()}`, 2)
    return await command.run(rest, io)
  } catch (error) {
    if (error instanceof CliError || error instanceof StoreError) {
      io.stderr(`sessionscope: ${error.message}\n`)
      return error instanceof CliError ? error.code : 1
    }
    throw error
  }
}
