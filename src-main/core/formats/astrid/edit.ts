import { basename } from 'node:path'
import type { SessionSummary } from '../../../../src-shared/model'
import { projectNameProblem } from '../../project-name'
import type { ProjectResolution } from '../format'
import { type FieldChange, type InsertOrder, type Revert, type Rewrite, revertJson, rewriteJson } from '../../edits/field-changes'

// Astrid writes workspace_path before model and git_state.
const ORDER: InsertOrder = { workspace_path: ['model', 'git_state'] }

/** workspace_path is the project; Astrid always writes the key, null when unset. */
export const reparentAstrid = (text: string, project: string | null): Rewrite =>
  rewriteJson(text, [[['workspace_path'], JSON.stringify(project)]], ORDER)

export const revertAstrid = (text: string, changes: readonly FieldChange[]): Revert => revertJson(text, changes, ORDER)

/**
 * The workspace a typed name means: one of the store's workspaces, given whole or by its folder
 * name. Astrid records a workspace folder per session, so a new name cannot be made up.
 */
export function resolveWorkspace(name: string, storeSessions: readonly SessionSummary[]): ProjectResolution {
  const workspaces = [...new Set(storeSessions.map((s) => s.project).filter((p): p is string => p !== null))]
  if (workspaces.includes(name)) return { project: name }
  const problem = projectNameProblem(name)
  if (problem) return { refuse: problem }
  const matches = workspaces.filter((workspace) => basename(workspace) === name)
  if (matches.length === 1) return { project: matches[0] as string }
  if (matches.length > 1) return { refuse: `"${name}" names several Astrid workspaces: ${matches.join(', ')}` }
  return {
    refuse: `no Astrid workspace named "${name}" in this store; Astrid records a workspace folder per session, so move into one of: ${workspaces.join(', ') || '(none yet)'}`,
  }
}
