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
  | { kind: 'search' }
  /** A link in session text, clicked: `href` exactly as the text has it, shown in full before anything opens. */
  | { kind: 'open-link'; href: string }

/** A place in a session to scroll to and highlight once it is shown (a search hit's turn and step). */
export interface RevealTarget {
  ref: SessionRef
  /** Turn.index, and the step within it (null: the turn itself). */
  turn: number
  step: number | null
  /** Counts the reveals, so the same place asked for twice is shown twice. */
  nonce: number
}
