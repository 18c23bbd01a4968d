import { basename, join } from 'node:path'
import { formatModule } from '../formats/registry'
import type { MoveTarget, SessionSummary, Store, StoreFormat } from '../../../src-shared/model'
import { ARCHIVE_DIR } from '../scan'
import { type JournalEntry, type RelocationProof } from './journal'
import { isInside } from './locations'
import type { FieldChange, Revert, Rewrite } from '../edits/field-changes'
import { projectNameProblem } from '../project-name'
import { exists } from './safe-fs'
import { type OperationResult, type OperationsContext, liveReason, perSession, subAgentRefusal } from './context'
import { moveFileSet, relocate, rewriteInPlace } from './file-moves'

// Moving sessions between projects, the way each format moves them (a field rewritten in place,
// the file relocated and rewritten, or its set of files moved), and the project a name resolves to.

/**
 * The value a move writes: a format may own what some names mean (an Astrid workspace, a Claude
 * Code working directory); any other name is a plain project name.
 */
export function resolveProjectFor(
  store: Store,
  target: MoveTarget,
  storeSessions: readonly SessionSummary[],
): { project: string | null } | { refuse: string } {
  if (target.kind === 'unfiled') return { project: null }
  const module = formatModule(store.format)
  if (module.resolveProjectName && module.ownsProjectName?.(target.name)) return module.resolveProjectName(target.name, storeSessions)
  const problem = projectNameProblem(target.name)
  return problem ? { refuse: problem } : { project: target.name }
}

// Only the formats whose moves rewrite a field have these; the agent-log formats record the project
// in their own files' places, never rewritten here.
function reparentWith(format: StoreFormat, text: string, project: string | null, nowIso: string): Rewrite {
  const reparent = formatModule(format).reparent
  if (!reparent) throw new Error(`sessions of the ${format} format are not reparented by rewriting`)
  return reparent(text, project, nowIso)
}

export function revertWith(format: StoreFormat, text: string, changes: readonly FieldChange[]): Revert {
  const revert = formatModule(format).revert
  if (!revert) throw new Error(`sessions of the ${format} format are not reparented by rewriting`)
  return revert(text, changes)
}

function projectLabel(project: string | null): string {
  return project ?? 'Unfiled'
}

export interface MoveOptions {
  force?: boolean
  /** Every session of the store (Astrid resolves project names against its workspaces). */
  storeSessions?: readonly SessionSummary[]
}

/** Reparents sessions of one store into a project, or out of any project. */
export async function moveSessions(
  ctx: OperationsContext,
  sessions: readonly SessionSummary[],
  target: MoveTarget,
  options: MoveOptions = {},
): Promise<OperationResult & { entry: JournalEntry | null }> {
  const label = `Move ${sessions.length === 1 ? 'session' : `${sessions.length} sessions`} to ${target.kind === 'unfiled' ? 'Unfiled' : target.name}`
  return perSession(ctx, 'move', label, sessions, async (session, journalPending) => {
    const store: Store = { format: session.format, root: session.store }
    const adapter = formatModule(store.format)
    if (adapter.moves === 'unsupported') return { skipped: 'not supported for this format' }
    const subAgent = subAgentRefusal(session)
    if (subAgent) return { skipped: subAgent }
    const resolved = resolveProjectFor(store, target, options.storeSessions ?? sessions)
    if ('refuse' in resolved) return { skipped: resolved.refuse }
    const project = resolved.project
    if (project === session.project) return { skipped: `already in ${projectLabel(project)}` }
    if (adapter.moves !== 'rewrite' && project === null) {
      return { skipped: `a ${adapter.label} session always belongs to a project folder` }
    }
    const live = await liveReason(ctx, session.path, options.force === true, adapter.moves !== 'rewrite')
    if (live) return { skipped: live }
    if (adapter.moves === 'relocate-files') {
      const to = join(store.root, project as string, ...(session.archived ? [ARCHIVE_DIR] : []), basename(session.path))
      if (!isInside(store.root, to)) return { skipped: 'the project folder would lie outside the store' }
      const moves = await moveFileSet(ctx, session, to, true)
      return {
        done: { id: session.id, from: session.project, to: project, path: to },
        change: { type: 'rename-set', id: session.id, moves },
      }
    }
    const nowIso = new Date(ctx.now()).toISOString()
    const transform = (text: string) => reparentWith(store.format, text, project, nowIso)
    if (adapter.moves === 'relocate-rewrite') {
      const folder = join(store.root, project as string)
      const to = join(folder, ...(session.archived ? [ARCHIVE_DIR] : []), basename(session.path))
      if (!isInside(store.root, to)) return { skipped: 'the project folder would lie outside the store' }
      if (to !== session.path) {
        if (await exists(to)) return { skipped: `a session file already exists at ${to}` }
        const base = { type: 'relocate', id: session.id, format: store.format, from: session.path, to } as const
        let journaled = false
        const pending = (proof: RelocationProof, changes: FieldChange[]) => {
          journaled = true
          return journalPending({ ...base, changes, pending: true, proof })
        }
        const moved = await relocate(ctx, session.path, to, transform, pending).catch(async (error: unknown) => {
          // Failed, having put everything back: undo must not take the pending record for a move.
          if (journaled) await journalPending({ ...base, changes: [], abandoned: true })
          throw error
        })
        if ('refuse' in moved) return { skipped: moved.refuse }
        return {
          done: { id: session.id, from: session.project, to: project, path: to },
          change: { ...base, changes: moved.changes, proof: moved.proof },
        }
      }
    }
    const outcome = await rewriteInPlace(ctx, session.path, transform)
    if ('refuse' in outcome) return { skipped: outcome.refuse }
    return {
      done: { id: session.id, from: session.project, to: project, path: session.path },
      change: { type: 'rewrite', id: session.id, format: store.format, path: session.path, changes: outcome.changes },
    }
  })
}
