import { type FieldChange, type InsertOrder, type Revert, type Rewrite, revertJson, rewriteJson } from '../../edits/field-changes'

// Oxios writes project_id after the message lists, before its parent, times and metadata.
const ORDER: InsertOrder = { project_id: ['parent_session_id', 'created_at', 'updated_at', 'metadata'] }

/**
 * project_id set (absent when unfiled, as Oxios writes it) and updated_at stamped; the legacy
 * metadata project keys are dropped so they can no longer decide the project.
 */
export function reparentOxios(text: string, project: string | null, nowIso: string): Rewrite {
  return rewriteJson(
    text,
    [
      [['project_id'], project === null ? null : JSON.stringify(project)],
      [['metadata', 'project_id'], null],
      [['metadata', 'project_ids'], null],
      [['updated_at'], JSON.stringify(nowIso)],
    ],
    ORDER,
  )
}

/** updated_at, if someone has stamped it since, simply stays newer. */
export const revertOxios = (text: string, changes: readonly FieldChange[]): Revert => revertJson(text, changes, ORDER, ['updated_at'])
