// The menu entries shared by the menu bar and the context menu.
import type { Commands } from '../commands'
import type { SelectionInfo } from '../state/selection-info'
import type { MenuEntry } from './Menu'
import { MOD } from './Menu'

const key = (combo: string) => (MOD === '⌘' ? combo.replace('Ctrl+', '⌘') : combo)

export const SHORTCUT = {
  move: key('Ctrl+Shift+M'),
  archive: key('Ctrl+E'),
  unarchive: key('Ctrl+Shift+E'),
  trash: 'Delete',
  restore: key('Ctrl+Shift+R'),
  prune: key('Ctrl+Shift+P'),
  undo: key('Ctrl+Z'),
  open: key('Ctrl+O'),
  selectAll: key('Ctrl+A'),
  filter: key('Ctrl+F'),
}

export function sessionEntries(commands: Commands, info: SelectionInfo): MenuEntry[] {
  const trashed = [...info.trashed.values()].some((ids) => ids.length > 0)
  return [
    {
      type: 'item',
      label: 'Move to…',
      shortcut: SHORTCUT.move,
      disabled: info.sessions.length === 0 || info.moveRefusal !== null,
      title: info.moveRefusal ?? undefined,
      run: commands.moveTo,
    },
    { type: 'item', label: 'Archive', shortcut: SHORTCUT.archive, disabled: info.active.length === 0, run: commands.archive },
    { type: 'item', label: 'Unarchive', shortcut: SHORTCUT.unarchive, disabled: info.archived.length === 0, run: commands.unarchive },
    { type: 'item', label: 'Move to trash', shortcut: SHORTCUT.trash, disabled: info.sessions.length === 0, run: commands.trash },
    { type: 'item', label: 'Restore', shortcut: SHORTCUT.restore, disabled: !trashed, run: commands.restore },
    { type: 'separator' },
    { type: 'item', label: 'Prune…', shortcut: SHORTCUT.prune, disabled: info.contextStore === null, run: commands.prune },
    { type: 'item', label: 'Empty trash…', disabled: info.contextStore === null, run: commands.emptyTrash },
  ]
}
