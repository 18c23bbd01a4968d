import { parse as parseYaml } from 'yaml'
import type { FieldChange, Revert, Rewrite } from '../../edits/field-changes'
import { setTopLevelScalar } from '../../edits/yaml-edit'

function yamlScalar(text: string, key: string): string | null {
  const value = (parseYaml(text) as Record<string, unknown> | null)?.[key]
  return value === undefined || value === null ? null : String(value)
}

/** The project is both the folder and project_id; this is the field half. */
export function reparentAo(text: string, project: string | null): Rewrite {
  const before = yamlScalar(text, 'project_id')
  if (before === project) return { text, changes: [] }
  const changes: FieldChange[] = [{ path: ['project_id'], before, after: project, nextKey: null }]
  return { text: setTopLevelScalar(text, 'project_id', project, 'id'), changes }
}

export function revertAo(text: string, changes: readonly FieldChange[]): Revert {
  const current = yamlScalar(text, 'project_id')
  const change = changes[0]
  if (!change) return { text, conflict: null }
  if (current !== change.after) return { text, conflict: `its project is now ${current ?? 'unset'}` }
  return { text: setTopLevelScalar(text, 'project_id', change.before, 'id'), conflict: null }
}
