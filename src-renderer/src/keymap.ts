// The keyboard shortcuts, in one table: the app's key handler runs them, the menus and toolbar
// show their accelerators, and the help dialog lists every row in this order.
import type { Commands } from './commands'

/** Ctrl, or ⌘ on Apple platforms: how menus write the modifier. */
export const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl'

/** The commands a key may run: those that take no argument. */
export type KeyCommand = Exclude<keyof Commands, 'info' | 'expandAll'>

interface Combo {
  /** `KeyboardEvent.key`; a single character matches either case. */
  key: string
  /** Ctrl or ⌘: true needs it, false forbids it, absent ignores it. */
  mod?: boolean
  shift?: boolean
  /** ⌘ itself (macOS's ⌘Backspace); a Ctrl does not count. */
  meta?: true
  /** Works but is not written anywhere (a platform alias). */
  unlisted?: true
}

export interface Binding {
  /** What the keys run; absent for keys the tree, menus and dialogs handle themselves. */
  command?: KeyCommand
  /** What the help says they do. */
  label: string
  keys: Combo[]
  /** How the help writes keys that are not combos (arrows, letters, clicks). */
  shown?: string
  /** Where it shows: every row is in the help; 'menus' rows give the menus and toolbar their accelerator. */
  shows: Array<'help' | 'menus'>
  /** Only with the focus in the tree. */
  inTree?: true
  /** Only with the focus in the open session's find bar. */
  inFind?: true
  /** Also while typing in a field (every other shortcut leaves the keys to the field). */
  inFields?: true
}

export const KEYMAP: readonly Binding[] = [
  { label: 'Move in the tree', keys: [], shown: '↑ ↓', shows: ['help'] },
  { label: 'Expand or enter / collapse or go to parent', keys: [], shown: '→ / ←', shows: ['help'] },
  { label: 'Open the session', keys: [], shown: 'Enter', shows: ['help'] },
  { label: 'Jump to the next item starting with them', keys: [], shown: 'Letters', shows: ['help'] },
  { label: 'Select several sessions', keys: [], shown: 'Ctrl/⌘ + click, Shift + click', shows: ['help'] },
  {
    command: 'selectAll',
    label: 'Select every session shown',
    keys: [{ key: 'a', mod: true, shift: false }],
    shows: ['help', 'menus'],
    inTree: true,
  },
  { command: 'moveTo', label: 'Move to…', keys: [{ key: 'm', mod: true, shift: true }], shows: ['help', 'menus'] },
  { command: 'archive', label: 'Archive', keys: [{ key: 'e', mod: true, shift: false }], shows: ['help', 'menus'] },
  { command: 'unarchive', label: 'Unarchive', keys: [{ key: 'e', mod: true, shift: true }], shows: ['help', 'menus'] },
  {
    command: 'trash',
    label: 'Move to trash',
    keys: [
      { key: 'Delete', mod: false },
      { key: 'Backspace', meta: true, unlisted: true },
    ],
    shows: ['help', 'menus'],
  },
  {
    command: 'restore',
    label: 'Restore (selected sessions in a Trash)',
    keys: [{ key: 'r', mod: true, shift: true }],
    shows: ['help', 'menus'],
  },
  { command: 'prune', label: 'Prune…', keys: [{ key: 'p', mod: true, shift: true }], shows: ['help', 'menus'] },
  { command: 'undo', label: 'Undo', keys: [{ key: 'z', mod: true, shift: false }], shows: ['help', 'menus'] },
  {
    command: 'focusFilter',
    label: 'Filter sessions',
    keys: [{ key: '/', mod: false }],
    shows: ['help', 'menus'],
  },
  {
    command: 'find',
    label: 'Find in the open session (no session open: filter sessions)',
    keys: [{ key: 'f', mod: true, shift: false }],
    shows: ['help', 'menus'],
    inFields: true,
  },
  {
    command: 'findNext',
    label: 'Next match (in the find bar)',
    keys: [
      { key: 'Enter', mod: false, shift: false },
      { key: 'F3', shift: false },
    ],
    shows: ['help'],
    inFind: true,
    inFields: true,
  },
  {
    command: 'findPrevious',
    label: 'Previous match (in the find bar)',
    keys: [
      { key: 'Enter', mod: false, shift: true },
      { key: 'F3', shift: true },
    ],
    shows: ['help'],
    inFind: true,
    inFields: true,
  },
  { command: 'closeFind', label: 'Close the find bar', keys: [{ key: 'Escape' }], shows: ['help'], inFind: true, inFields: true },
  {
    command: 'search',
    label: 'Search every session',
    keys: [
      { key: 'k', mod: true, shift: false },
      { key: 'f', mod: true, shift: true },
    ],
    shows: ['help', 'menus'],
    inFields: true,
  },
  { command: 'openFolder', label: 'Open folder…', keys: [{ key: 'o', mod: true, shift: false }], shows: ['help', 'menus'], inFields: true },
  {
    command: 'contextMenu',
    label: 'Context menu',
    keys: [{ key: 'F10', shift: true }, { key: 'ContextMenu' }],
    shows: ['help'],
    inTree: true,
  },
  { command: 'help', label: 'This help', keys: [{ key: '?', mod: false }], shows: ['help', 'menus'] },
  { label: 'Close a dialog or menu', keys: [], shown: 'Escape', shows: ['help'] },
]

const KEY_NAMES: Record<string, string> = { ContextMenu: 'Menu key' }
const keyName = (key: string) => KEY_NAMES[key] ?? (key.length === 1 ? key.toUpperCase() : key)
const listed = (binding: Binding) => binding.keys.filter((combo) => !combo.unlisted)

/** How the help writes a row's keys: "Ctrl/⌘ + Shift + M", "Ctrl/⌘ + F or /". */
export function helpKeys(binding: Binding): string {
  if (binding.shown !== undefined) return binding.shown
  return listed(binding)
    .map((combo) =>
      [combo.mod ? 'Ctrl/⌘' : null, combo.shift ? 'Shift' : null, keyName(combo.key)].filter((part) => part !== null).join(' + '),
    )
    .join(' or ')
}

/** The accelerator menus and tooltips show for a command: "Ctrl+Shift+M" ("⌘Shift+M" on a Mac). */
export function accelerator(command: KeyCommand): string {
  const binding = KEYMAP.find((candidate) => candidate.command === command && candidate.shows.includes('menus'))
  const combo = binding ? listed(binding)[0] : undefined
  if (!combo) throw new Error(`the keymap gives ${command} no accelerator`)
  return `${combo.mod ? (MOD === '⌘' ? '⌘' : 'Ctrl+') : ''}${combo.shift ? 'Shift+' : ''}${keyName(combo.key)}`
}

type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey'>

function matches(combo: Combo, event: KeyPress): boolean {
  const mod = event.ctrlKey || event.metaKey
  const key = combo.key.length === 1 ? event.key.toLowerCase() === combo.key : event.key === combo.key
  return (
    key &&
    (combo.mod === undefined || combo.mod === mod) &&
    (combo.shift === undefined || combo.shift === event.shiftKey) &&
    (!combo.meta || event.metaKey)
  )
}

/** The binding a key press runs where it happened, if any. */
export function bindingFor(
  event: KeyPress,
  where: { typing: boolean; inTree: boolean; inFind?: boolean },
): (Binding & { command: KeyCommand }) | undefined {
  return KEYMAP.find(
    (binding): binding is Binding & { command: KeyCommand } =>
      binding.command !== undefined &&
      (!where.typing || binding.inFields === true) &&
      (where.inTree || !binding.inTree) &&
      (where.inFind === true || !binding.inFind) &&
      binding.keys.some((combo) => matches(combo, event)),
  )
}
