import { DATA_DIR_ENV, FORMAT_INFOS, StoreError } from '../app/shell-api'
import { CliError, type CliIo, type Command } from './cli-support'
import { listCommand } from './commands/list'
import {
  archiveCommand,
  emptyTrashCommand,
  moveCommand,
  restoreCommand,
  trashCommand,
  unarchiveCommand,
  undoCommand,
} from './commands/manage'
import { pruneCommand } from './commands/prune'
import { searchCommand } from './commands/search'
import { showCommand } from './commands/show'
import { watchCommand } from './commands/watch'

export type { CliIo } from './cli-support'

const COMMANDS: readonly Command[] = [
  listCommand,
  showCommand,
  searchCommand,
  watchCommand,
  moveCommand,
  archiveCommand,
  unarchiveCommand,
  trashCommand,
  restoreCommand,
  emptyTrashCommand,
  pruneCommand,
  undoCommand,
]

function usage(): string {
  const lines = COMMANDS.map((command) => `  ${command.usage}\n      ${command.summary}`)
  return `Usage: sessionscope <command> [options]

Commands:
${lines.join('\n')}
  help
      This text

DIR is a sessions folder or the agent home holding one (${FORMAT_INFOS.map((format) => format.homeExample).join(', ')}).
Without DIR, list uses every well-known store that exists under your home folder.
Operations are journaled in the app's data folder (set ${DATA_DIR_ENV} to use another) for undo.
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
