import type { Change, OperationKind } from './journal'
import { lastUndoable, markUndone, recordRelocating } from './journal'
import {
  type Done,
  type OperationResult,
  type OperationsContext,
  describeError,
  moveEntry,
  noteWritten,
  relocate,
  revertWith,
  rewriteInPlace,
} from './operations'
import { exists, moveIntoAgentFolder } from './safe-fs'

// Undo: each journaled change put back, as long as the file is still where the operation left it.

export interface UndoResult extends OperationResult {
  /** The operation undone, or null when there was nothing to undo. */
  operation: { kind: OperationKind; label: string; at: string } | null
}

/** Reverts one journaled change, as long as the file is still where the operation left it. */
async function revertChange(ctx: OperationsContext, change: Change): Promise<Done | string> {
  switch (change.type) {
    case 'rename': {
      if (!(await exists(change.to))) return `it is no longer at ${change.to}`
      if (await exists(change.from)) return `a file is already at ${change.from}`
      const stamp = await moveIntoAgentFolder(change.to, change.from)
      ctx.ownWrites.noteRemoved(change.to)
      ctx.ownWrites.noteWritten(change.from, stamp)
      return { id: change.id, from: change.to, to: change.from, path: change.from }
    }
    case 'rename-set': {
      for (const move of change.moves) {
        if (!(await exists(move.to))) return `it is no longer at ${move.to}`
        if (await exists(move.from)) return `something is already at ${move.from}`
      }
      // The session file moved last, so it goes back first; then what travels with it.
      for (const move of [...change.moves].reverse()) {
        await moveEntry(move.to, move.from, true)
        ctx.ownWrites.noteRemoved(move.to)
        await noteWritten(ctx, move.from)
      }
      const main = change.moves[change.moves.length - 1] as { from: string; to: string }
      return { id: change.id, from: main.to, to: main.from, path: main.from }
    }
    case 'rewrite': {
      if (!(await exists(change.path))) return `it is no longer at ${change.path}`
      let conflict: string | null = null
      await rewriteInPlace(ctx, change.path, (text) => {
        const reverted = revertWith(change.format, text, change.changes)
        conflict = reverted.conflict
        return reverted.conflict ? { refuse: reverted.conflict } : { text: reverted.text, changes: change.changes }
      })
      if (conflict) return conflict
      return { id: change.id, from: null, to: null, path: change.path }
    }
    case 'relocate': {
      if (!(await exists(change.to))) return `it is no longer at ${change.to}`
      if (await exists(change.from)) return `a file is already at ${change.from}`
      const revert = (text: string) => {
        const reverted = revertWith(change.format, text, change.changes)
        return reverted.conflict ? { refuse: reverted.conflict } : { text: reverted.text, changes: change.changes }
      }
      const moved = await relocate(ctx, change.to, change.from, revert, (proof) =>
        recordRelocating(ctx.dataDir, { id: change.id, from: change.to, to: change.from, proof }),
      )
      if ('refuse' in moved) return moved.refuse
      return { id: change.id, from: change.to, to: change.from, path: change.from }
    }
  }
}

/** Reverts the newest operation not yet undone, every session it touched that can be. */
export async function undoLast(ctx: OperationsContext): Promise<UndoResult> {
  const entry = await lastUndoable(ctx.dataDir)
  if (!entry) return { operation: null, done: [], skipped: [] }
  const result: UndoResult = { operation: { kind: entry.kind, label: entry.label, at: entry.at }, done: [], skipped: [] }
  // Newest change first, so changes that built on each other unwind in order.
  for (const change of [...entry.changes].reverse()) {
    try {
      const outcome = await revertChange(ctx, change)
      if (typeof outcome === 'string') result.skipped.push({ id: change.id, reason: outcome })
      else result.done.push(outcome)
    } catch (error) {
      result.skipped.push({ id: change.id, reason: describeError(error) })
    }
  }
  if (result.done.length > 0) await markUndone(ctx.dataDir, entry.opId)
  return result
}
