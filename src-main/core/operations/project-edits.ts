import { parse as parseYaml } from 'yaml'
import type { StoreFormat } from '../model'
import { getMemberRaw, keyAfter, setMemberRaw } from './json-edit'
import { setTopLevelScalar } from './yaml-edit'

/**
 * One field a rewrite changed, as text before and after (raw JSON for JSON formats, the scalar's
 * string for YAML; null when absent), enough to put it back exactly.
 */
export interface FieldChange {
  path: [string] | [string, string]
  before: string | null
  after: string | null
  /** The key that followed the field before, so an undo re-inserts it where it was. */
  nextKey: string | null
}

export interface Rewrite {
  text: string
  changes: FieldChange[]
}

// Where a field goes when it must be added, in the writer's own struct order.
const INSERT_BEFORE: Record<string, string[]> = {
  project_id: ['parent_session_id', 'created_at', 'updated_at', 'metadata'],
  workspace_path: ['model', 'git_state'],
}

function jsonChange(text: string, path: FieldChange['path'], after: string | null): FieldChange | null {
  const before = getMemberRaw(text, path)
  if (before === after) return null
  return { path, before, after, nextKey: keyAfter(text, path) }
}

function applyJson(text: string, changes: FieldChange[], direction: 'forward' | 'back'): string {
  let out = text
  for (const change of direction === 'forward' ? changes : [...changes].reverse()) {
    const value = direction === 'forward' ? change.after : change.before
    const key = change.path[change.path.length - 1] as string
    const before = [...(change.nextKey ? [change.nextKey] : []), ...(INSERT_BEFORE[key] ?? [])]
    out = setMemberRaw(out, change.path, value, before)
  }
  return out
}

/**
 * Oxios: project_id set (absent when unfiled, as Oxios writes it) and updated_at stamped; the
 * legacy metadata project keys are dropped so they can no longer decide the project.
 */
function oxiosReparent(text: string, project: string | null, nowIso: string): Rewrite {
  const changes = [
    jsonChange(text, ['project_id'], project === null ? null : JSON.stringify(project)),
    jsonChange(text, ['metadata', 'project_id'], null),
    jsonChange(text, ['metadata', 'project_ids'], null),
    jsonChange(text, ['updated_at'], JSON.stringify(nowIso)),
  ].filter((change): change is FieldChange => change !== null)
  return { text: applyJson(text, changes, 'forward'), changes }
}

/** Astrid: workspace_path is the project; Astrid always writes the key, null when unset. */
function astridReparent(text: string, project: string | null): Rewrite {
  const change = jsonChange(text, ['workspace_path'], JSON.stringify(project))
  const changes = change ? [change] : []
  return { text: applyJson(text, changes, 'forward'), changes }
}

function yamlScalar(text: string, key: string): string | null {
  const value = (parseYaml(text) as Record<string, unknown> | null)?.[key]
  return value === undefined || value === null ? null : String(value)
}

/** ao-rs: the project is both the folder and project_id; this is the field half. */
function aoReparent(text: string, project: string | null): Rewrite {
  const before = yamlScalar(text, 'project_id')
  if (before === project) return { text, changes: [] }
  const changes: FieldChange[] = [{ path: ['project_id'], before, after: project, nextKey: null }]
  return { text: setTopLevelScalar(text, 'project_id', project, 'id'), changes }
}

/** The rewrite that puts a session's file into `project` (null: no project). */
export function reparentText(format: StoreFormat, text: string, project: string | null, nowIso: string): Rewrite {
  switch (format) {
    case 'oxios':
      return oxiosReparent(text, project, nowIso)
    case 'astrid':
      return astridReparent(text, project)
    case 'ao':
      return aoReparent(text, project)
    default:
      // The agent-log formats record the project in their own files' places, never rewritten here.
      throw new Error(`sessions of the ${format} format are not reparented by rewriting`)
  }
}

/**
 * Puts the fields of an earlier rewrite back. A field that has changed again since (someone
 * else's edit) is left as it is and reported, except updated_at, which simply stays newer.
 */
export function revertText(format: StoreFormat, text: string, changes: FieldChange[]): { text: string; conflict: string | null } {
  if (format === 'ao') {
    const current = yamlScalar(text, 'project_id')
    const change = changes[0]
    if (!change) return { text, conflict: null }
    if (current !== change.after) return { text, conflict: `its project is now ${current ?? 'unset'}` }
    return { text: setTopLevelScalar(text, 'project_id', change.before, 'id'), conflict: null }
  }
  const applicable: FieldChange[] = []
  for (const change of changes) {
    const current = getMemberRaw(text, change.path)
    if (current === change.after) applicable.push(change)
    else if (change.path[0] !== 'updated_at') return { text, conflict: `${change.path.join('.')} has changed since` }
  }
  return { text: applyJson(text, applicable, 'back'), conflict: null }
}
