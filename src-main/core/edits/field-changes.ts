import { getMemberRaw, keyAfter, setMemberRaw } from './json-edit'

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

export interface Revert {
  text: string
  /** Why the rewrite could not be put back (someone changed the field since), or null. */
  conflict: string | null
}

/**
 * Where each field goes when it must be added, in the writer's own struct order: the keys it
 * comes before. Given by the format whose field it is.
 */
export type InsertOrder = Readonly<Record<string, readonly string[]>>

export function jsonChange(text: string, path: FieldChange['path'], after: string | null): FieldChange | null {
  const before = getMemberRaw(text, path)
  if (before === after) return null
  return { path, before, after, nextKey: keyAfter(text, path) }
}

export function applyJsonChanges(
  text: string,
  changes: readonly FieldChange[],
  direction: 'forward' | 'back',
  order: InsertOrder = {},
): string {
  let out = text
  for (const change of direction === 'forward' ? changes : [...changes].reverse()) {
    const value = direction === 'forward' ? change.after : change.before
    const key = change.path[change.path.length - 1] as string
    const before = [...(change.nextKey ? [change.nextKey] : []), ...(order[key] ?? [])]
    out = setMemberRaw(out, change.path, value, before)
  }
  return out
}

/** A JSON rewrite of the given fields (null: remove the field); unchanged fields are left out. */
export function rewriteJson(text: string, fields: ReadonlyArray<[FieldChange['path'], string | null]>, order: InsertOrder = {}): Rewrite {
  const changes = fields.map(([path, after]) => jsonChange(text, path, after)).filter((change): change is FieldChange => change !== null)
  return { text: applyJsonChanges(text, changes, 'forward', order), changes }
}

/**
 * Puts the fields of an earlier JSON rewrite back. A field that has changed again since (someone
 * else's edit) is left as it is and reported, except `stillNewer` fields (a time stamp), which
 * simply stay newer.
 */
export function revertJson(
  text: string,
  changes: readonly FieldChange[],
  order: InsertOrder = {},
  stillNewer: readonly string[] = [],
): Revert {
  const applicable: FieldChange[] = []
  for (const change of changes) {
    const current = getMemberRaw(text, change.path)
    if (current === change.after) applicable.push(change)
    else if (!stillNewer.includes(change.path[0])) return { text, conflict: `${change.path.join('.')} has changed since` }
  }
  return { text: applyJsonChanges(text, applicable, 'back', order), conflict: null }
}
