import { basename } from 'node:path'
import { formatBytes } from '../../../src-shared/display'
import type { AppService } from '../../app/app-service'
import { type SessionPlace, moveTargetProblem } from '../../app/session-refs'
import type { DoneItem, MoveTarget, SessionSummary, SkippedItem, Store } from '../../../src-shared/model'
import type { Outcome, OperationReport, SessionRef, StoreId } from '../../../src-shared/contract'
import { CliError, type CliIo, type Command, parseOptions, printJson, usageError, withService } from '../cli-support'
import { singleStore } from '../session-arg'

interface Result {
  done: DoneItem[]
  skipped: SkippedItem[]
}

const VERBS: Record<string, string> = {
  move: 'Moved',
  archive: 'Archived',
  unarchive: 'Unarchived',
  trash: 'Moved to the trash',
  restore: 'Restored',
  undo: 'Undid',
}

/** Prints a result as JSON or as a summary; exit status 1 when nothing could be done. */
export function report(io: CliIo, json: boolean, verb: string, result: Result, titles: Map<string, string>, showProjects = false): number {
  if (json) printJson(io, { done: result.done, skipped: result.skipped })
  else {
    const line = (id: string) => {
      const title = titles.get(id) ?? ''
      return `  ${id.slice(0, 8)}  ${title.length > 60 ? `${title.slice(0, 59)}…` : title}`.trimEnd()
    }
    if (result.done.length > 0) {
      io.stdout(`${verb} ${result.done.length} session${result.done.length === 1 ? '' : 's'}:\n`)
      for (const done of result.done) {
        const where = showProjects ? `  (${done.from ?? 'Unfiled'} → ${done.to ?? 'Unfiled'})` : ''
        io.stdout(`${line(done.id)}${where}\n`)
      }
    }
    if (result.skipped.length > 0) {
      io.stderr(`Skipped ${result.skipped.length}:\n`)
      for (const skipped of result.skipped) {
        const hint = skipped.reason === 'live' ? ' (changed in the last minute; an agent may be writing it; --force to act anyway)' : ''
        io.stderr(`${line(skipped.id)}: ${skipped.reason}${hint}\n`)
      }
    }
  }
  return result.done.length > 0 ? 0 : 1
}

interface Acting {
  store: Store
  dir: string
  ids: string[]
  json: boolean
  force: boolean
}

async function prepare(args: string[], io: CliIo, name: string, extra: Record<string, { type: 'boolean' | 'string' }> = {}) {
  const parsed = parseOptions(args, { json: { type: 'boolean' }, force: { type: 'boolean' }, ...extra })
  const [dir, ...ids] = parsed.positionals
  if (!dir || ids.length === 0) throw usageError(`${name} takes a store DIR and one or more session IDs`)
  const store = await singleStore(dir, io)
  const acting: Acting = { store, dir, ids, json: parsed.values.json === true, force: parsed.values.force === true }
  return { acting, values: parsed.values as Record<string, string | boolean | undefined> }
}

function titlesOf(sessions: readonly SessionSummary[]): Map<string, string> {
  return new Map(sessions.map((session) => [session.id, session.title]))
}

/**
 * Resolves the typed ids through the service, lets `act` run the service's request on the refs,
 * and prints the outcome with the ids that named nothing (or several) reported as skipped.
 */
async function actOn(
  io: CliIo,
  acting: Acting,
  place: SessionPlace,
  verb: string,
  act: (service: AppService, refs: SessionRef[], storeId: StoreId) => Promise<Outcome<OperationReport>>,
  showProjects = false,
): Promise<number> {
  return withService(io, [acting.store], {}, async (service) => {
    const storeId = (service.storeViews()[0] as { id: string }).id
    const { refs, skipped, candidates } = await service.resolveQueries(storeId, acting.ids, place)
    const outcome = await act(service, refs, storeId)
    if (!outcome.ok) throw new CliError(`${verb.toLowerCase()}: ${outcome.reason}`)
    const result = { done: outcome.value.done, skipped: [...skipped, ...outcome.value.skipped] }
    return report(io, acting.json, VERBS[verb] as string, result, titlesOf(candidates), showProjects)
  })
}

function fileCommand(
  name: 'archive' | 'unarchive' | 'trash' | 'restore',
  summary: string,
  act: (service: AppService, refs: SessionRef[], force: boolean, storeId: StoreId) => Promise<Outcome<OperationReport>>,
): Command {
  return {
    name,
    usage: `${name} DIR ID... [--json]${name === 'archive' || name === 'trash' ? ' [--force]' : ''}`,
    summary,
    async run(args, io) {
      const { acting } = await prepare(args, io, name)
      const place = name === 'restore' ? 'trash' : 'listed'
      return actOn(io, acting, place, name, (service, refs, storeId) => act(service, refs, acting.force, storeId))
    },
  }
}

export const archiveCommand = fileCommand('archive', 'Move sessions into .archive/ beside them', (service, refs, force) =>
  service.archiveSessions(refs, force),
)
export const unarchiveCommand = fileCommand('unarchive', 'Bring archived sessions back', (service, refs) => service.unarchiveSessions(refs))
export const trashCommand = fileCommand('trash', "Move sessions into the store's .trash/ (restorable)", (service, refs, force) =>
  service.trashSessions(refs, force),
)
export const restoreCommand = fileCommand('restore', 'Bring sessions back from the trash', (service, refs, _force, storeId) =>
  service.restoreSessions(
    storeId,
    refs.map((ref) => ref.id),
  ),
)

export const moveCommand: Command = {
  name: 'move',
  usage: 'move DIR ID... (--to PROJECT | --unfiled) [--force] [--json]',
  summary: 'Reparent sessions into a project, or out of any',
  async run(args, io) {
    const { acting, values } = await prepare(args, io, 'move', { to: { type: 'string' }, unfiled: { type: 'boolean' } })
    const to = values.to as string | undefined
    if ((to === undefined) === (values.unfiled !== true)) throw usageError('move takes exactly one of --to PROJECT and --unfiled')
    const target: MoveTarget = to === undefined ? { kind: 'unfiled' } : { kind: 'project', name: to }
    // The service's own pre-check, asked before the store is read: a refused name changes nothing.
    const problem = moveTargetProblem(acting.store, target)
    if (problem) throw new CliError(`move: ${problem}`)
    return actOn(io, acting, 'listed', 'move', (service, refs) => service.moveSessions(refs, target, acting.force), true)
  },
}

export const emptyTrashCommand: Command = {
  name: 'empty-trash',
  usage: 'empty-trash DIR --yes',
  summary: "Delete the store's trash for good (cannot be undone)",
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { yes: { type: 'boolean' }, json: { type: 'boolean' } })
    if (positionals.length !== 1) throw usageError('empty-trash takes one store DIR')
    const store = await singleStore(positionals[0] as string, io)
    return withService(io, [store], {}, async (service) => {
      const storeId = (service.storeViews()[0] as { id: string }).id
      const contents = await service.trashContents(storeId)
      if (!contents.ok) throw new CliError(`empty-trash: ${contents.reason}`)
      if (values.yes !== true) {
        const { files, bytes } = contents.value
        throw new CliError(
          `empty-trash would delete ${files} file${files === 1 ? '' : 's'} (${formatBytes(bytes)}) for good; run it again with --yes`,
        )
      }
      const emptied = await service.emptyTrash(storeId)
      if (!emptied.ok) throw new CliError(`empty-trash: ${emptied.reason}`)
      const deleted = emptied.value
      if (values.json) printJson(io, { deleted })
      else io.stdout(`Deleted ${deleted.files} file${deleted.files === 1 ? '' : 's'} (${formatBytes(deleted.bytes)}) from the trash.\n`)
      return 0
    })
  },
}

export const undoCommand: Command = {
  name: 'undo',
  usage: 'undo [--json]',
  summary: 'Revert the last move, archive, trash, restore or prune',
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { json: { type: 'boolean' } })
    if (positionals.length > 0) throw usageError('undo takes no arguments')
    // The journal names the files; no store needs to be read.
    const result = await withService(io, [], {}, (service) => service.undoLast())
    if (!result.operation) {
      if (values.json) printJson(io, { operation: null, done: [], skipped: [] })
      else io.stderr('Nothing to undo.\n')
      return 1
    }
    if (values.json) {
      printJson(io, result)
      return result.done.length > 0 ? 0 : 1
    }
    io.stdout(`Undoing "${result.operation.label}" (${result.operation.at})\n`)
    // The sessions may be anywhere by now; their file names say which they are.
    const names = new Map([...result.done, ...result.skipped].map((item) => [item.id, 'path' in item ? basename(item.path) : '']))
    const code = report(io, false, VERBS.undo as string, result, names)
    if (result.done.length === 0) io.stderr('Nothing could be undone; the journal still holds the operation.\n')
    return code
  },
}
