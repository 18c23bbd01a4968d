// Pure UI transitions that are not selection: expansion and dialogs.
import type { SessionRef, StoreId } from '../../../src-shared/contract'

export function setExpanded(expansion: Readonly<Record<string, boolean>>, id: string, expanded: boolean): Record<string, boolean> {
  if (expansion[id] === expanded) return expansion as Record<string, boolean>
  return { ...expansion, [id]: expanded }
}

export type Dialog =
  | { kind: 'move'; refs: SessionRef[] }
  | { kind: 'new-project'; refs: SessionRef[] }
  | { kind: 'prune'; storeId: StoreId; project?: { name: string | null } }
  | { kind: 'empty-trash'; storeId: StoreId }
  | { kind: 'add-folder' }
  | { kind: 'help' }
  /** A link in session text, clicked: `href` exactly as the text has it, shown in full before anything opens. */
  | { kind: 'open-link'; href: string }
