import { basename } from 'node:path'
import { formatBytes } from '../../../src-shared/display'
import { listStores } from '../../core/listing'
import { findSession, sameIdFiles } from '../../core/lookup'
import type { Listing, SessionSummary, Store } from '../../../src-shared/model'
import {
  type OperationResult,
  type OperationsContext,
  type Skipped,
  archiveSessions,
  moveSessions,
  operationsContext,
  restoreSessions,
  trashSessions,
  unarchiveSessions,
} from '../../core/operations/operations'
import { formatModule } from '../../core/formats/registry'
import { projectNameProblem } from '../../core/project-name'
import { withChildrenAfterParents } from '../../../src-shared/session-order'
import { emptyTrash, listTrash, trashContents } from '../../core/operations/trash'
import { CliError, type CliIo, type Command, cacheDirFor, dataDirFor, parseOptions, printJson, usageError } from '../cli-support'
import { singleStore } from '../session-arg'
import { undoLast } from '../../core/operations/undo'

export function contextFor(io: CliIo): OperationsContext {
  return operationsContext(dataDirFor(io))
}

/** Resolves each ID (or prefix) once; the ones that match nothing or several are skipped with the reason. */
export function resolveIds(listing: Listing, ids: readonly string[]): { sessions: SessionSummary[]; skipped: Skipped[] } {
  const sessions: SessionSummary[] = []
  const skipped: Skipped[] = []
  for (const id of ids) {
    const found = findSession(listing.sessions, id)
    if (found.kind === 'found') {
      if (!sessions.includes(found.session)) sessions.push(found.session)
    } else if (found.kind === 'ambiguous') {
      skipped.push({ id, reason: `ambiguous: ${sameIdFiles(found.matches) ?? `matches ${found.matches.length} sessions`}` })
    } else if (found.kind === 'empty-query') skipped.push({ id, reason: 'empty id' })
    else skipped.push({ id, reason: 'not found' })
  }
  return { sessions, skipped }
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
export function report(
  io: CliIo,
  json: boolean,
  verb: string,
  result: OperationResult,
  titles: Map<string, string>,
  showProjects = false,
): number {
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

async function sessionsOf(acting: Acting, io: CliIo, fromTrash: boolean) {
  const listing = fromTrash
    ? await listTrash(acting.store)
    : await listStores([acting.store], { archived: true, repair: true, cacheDir: cacheDirFor(io), dataDir: dataDirFor(io) })
  const all = { ...listing, sessions: withChildrenAfterParents(listing.sessions) }
  return { listing: all, ...resolveIds(all, acting.ids) }
}

function titlesOf(sessions: readonly SessionSummary[]): Map<string, string> {
  return new Map(sessions.map((session) => [session.id, session.title]))
}

function fileCommand(
  name: 'archive' | 'unarchive' | 'trash' | 'restore',
  summary: string,
  run: (ctx: OperationsContext, sessions: SessionSummary[], force: boolean) => Promise<OperationResult>,
): Command {
  return {
    name,
    usage: `${name} DIR ID... [--json]${name === 'archive' || name === 'trash' ? ' [--force]' : ''}`,
    summary,
    async run(args, io) {
      const { acting } = await prepare(args, io, name)
      const { listing, sessions, skipped } = await sessionsOf(acting, io, name === 'restore')
      const result = await run(contextFor(io), sessions, acting.force)
      return report(
        io,
        acting.json,
        VERBS[name] as string,
        { done: result.done, skipped: [...skipped, ...result.skipped] },
        titlesOf(listing.sessions),
      )
    },
  }
}

export const archiveCommand = fileCommand('archive', 'Move sessions into .archive/ beside them', (ctx, s, force) =>
  archiveSessions(ctx, s, { force }),
)
export const unarchiveCommand = fileCommand('unarchive', 'Bring archived sessions back', (ctx, s) => unarchiveSessions(ctx, s))
export const trashCommand = fileCommand('trash', "Move sessions into the store's .trash/ (restorable)", (ctx, s, force) =>
  trashSessions(ctx, s, { force }),
)
export const restoreCommand = fileCommand('restore', 'Bring sessions back from the trash', (ctx, s) => restoreSessions(ctx, s))

export const moveCommand: Command = {
  name: 'move',
  usage: 'move DIR ID... (--to PROJECT | --unfiled) [--force] [--json]',
  summary: 'Reparent sessions into a project, or out of any',
  async run(args, io) {
    const { acting, values } = await prepare(args, io, 'move', { to: { type: 'string' }, unfiled: { type: 'boolean' } })
    const to = values.to as string | undefined
    if ((to === undefined) === (values.unfiled !== true)) throw usageError('move takes exactly one of --to PROJECT and --unfiled')
    if (to !== undefined && !formatModule(acting.store.format).ownsProjectName?.(to)) {
      // Refused before anything touches the disk; names a format owns (Astrid workspaces) are checked against the store.
      const problem = projectNameProblem(to)
      if (problem) throw new CliError(`move: ${problem}`)
    }
    const { listing, sessions, skipped } = await sessionsOf(acting, io, false)
    const target = to === undefined ? ({ kind: 'unfiled' } as const) : ({ kind: 'project', name: to } as const)
    const result = await moveSessions(contextFor(io), sessions, target, { force: acting.force, storeSessions: listing.sessions })
    const all = { done: result.done, skipped: [...skipped, ...result.skipped] }
    return report(io, acting.json, 'Moved', all, titlesOf(listing.sessions), true)
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
    const contents = await trashContents(store)
    if (values.yes !== true) {
      throw new CliError(
        `empty-trash would delete ${contents.files} file${contents.files === 1 ? '' : 's'} (${formatBytes(contents.bytes)}) for good; run it again with --yes`,
      )
    }
    const deleted = await emptyTrash(store)
    if (values.json) printJson(io, { deleted })
    else io.stdout(`Deleted ${deleted.files} file${deleted.files === 1 ? '' : 's'} (${formatBytes(deleted.bytes)}) from the trash.\n`)
    return 0
  },
}

export const undoCommand: Command = {
  name: 'undo',
  usage: 'undo [--json]',
  summary: 'Revert the last move, archive, trash, restore or prune',
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { json: { type: 'boolean' } })
    if (positionals.length > 0) throw usageError('undo takes no arguments')
    const result = await undoLast(contextFor(io))
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
