// The menu entries shared by the menu bar and the context menu.
import type { Commands } from '../commands'
import type { SelectionInfo } from '../state/selection-info'
import { accelerator } from '../keymap'
import type { MenuEntry } from './Menu'

export function sessionEntries(commands: Commands, info: SelectionInfo): MenuEntry[] {
  const trashed = [...info.trashed.values()].some((ids) => ids.length > 0)
  return [
    {
      type: 'item',
      label: 'Move to…',
      shortcut: accelerator('moveTo'),
      disabled: info.sessions.length === 0 || info.moveRefusal !== null,
      title: info.moveRefusal ?? undefined,
      run: commands.moveTo,
    },
    { type: 'item', label: 'Archive', shortcut: accelerator('archive'), disabled: info.active.length === 0, run: commands.archive },
    { type: 'item', label: 'Unarchive', shortcut: accelerator('unarchive'), disabled: info.archived.length === 0, run: commands.unarchive },
    { type: 'item', label: 'Move to trash', shortcut: accelerator('trash'), disabled: info.sessions.length === 0, run: commands.trash },
    { type: 'item', label: 'Restore', shortcut: accelerator('restore'), disabled: !trashed, run: commands.restore },
    { type: 'separator' },
    { type: 'item', label: 'Prune…', shortcut: accelerator('prune'), disabled: info.contextStore === null, run: commands.prune },
    { type: 'item', label: 'Empty trash…', disabled: info.contextStore === null, run: commands.emptyTrash },
  ]
}
