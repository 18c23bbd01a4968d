// The compact toolbar: the actions on the selection, named exactly as the menus name them.
import type { ReactNode } from 'react'
import { useCommands } from '../commands'
import { useSelectionInfo } from '../hooks/use-selection-info'
import { plural } from '../state/format'
import { useOperationsStore } from '../stores/operations-store'
import { ArchiveIcon, KeyboardIcon, MoveIcon, OpenFolderIcon, PruneIcon, RestoreIcon, TrashIcon, UnarchiveIcon } from './icons'
import { accelerator } from '../keymap'

function ToolButton(props: {
  label: string
  icon: ReactNode
  onClick(): void
  disabled?: boolean
  shortcut?: string
  danger?: boolean
  why?: string | null
}) {
  const { label, icon, onClick, disabled, shortcut, danger, why } = props
  return (
    <button
      type="button"
      className={danger ? 'tool-button tool-button--danger' : 'tool-button'}
      onClick={onClick}
      disabled={disabled}
      title={why ?? (shortcut ? `${label} (${shortcut})` : label)}
    >
      {icon}
      <span>{label}</span>
    </button>
  )
}

export function Toolbar() {
  const commands = useCommands()
  const info = useSelectionInfo()
  const undoLabel = useOperationsStore((s) => s.undoLabel)
  const trashed = [...info.trashed.values()].reduce((sum, ids) => sum + ids.length, 0)
  const selected = info.sessions.length + trashed
  return (
    <div className="toolbar" role="toolbar" aria-label="Actions">
      <ToolButton label="Open folder…" icon={<OpenFolderIcon />} onClick={commands.openFolder} shortcut={accelerator('openFolder')} />
      <span className="toolbar-sep" aria-hidden="true" />
      <ToolButton
        label="Move to…"
        icon={<MoveIcon />}
        onClick={commands.moveTo}
        disabled={info.sessions.length === 0 || info.moveRefusal !== null}
        why={info.moveRefusal}
        shortcut={accelerator('moveTo')}
      />
      <ToolButton
        label="Archive"
        icon={<ArchiveIcon />}
        onClick={commands.archive}
        disabled={info.active.length === 0}
        shortcut={accelerator('archive')}
      />
      <ToolButton
        label="Unarchive"
        icon={<UnarchiveIcon />}
        onClick={commands.unarchive}
        disabled={info.archived.length === 0}
        shortcut={accelerator('unarchive')}
      />
      <ToolButton
        label="Move to trash"
        icon={<TrashIcon />}
        onClick={commands.trash}
        disabled={info.sessions.length === 0}
        shortcut={accelerator('trash')}
        danger
      />
      <ToolButton
        label="Restore"
        icon={<RestoreIcon />}
        onClick={commands.restore}
        disabled={trashed === 0}
        shortcut={accelerator('restore')}
      />
      <span className="toolbar-sep" aria-hidden="true" />
      <ToolButton
        label="Prune…"
        icon={<PruneIcon />}
        onClick={commands.prune}
        disabled={info.contextStore === null}
        shortcut={accelerator('prune')}
      />
      <span className="toolbar-spacer" />
      <span className="toolbar-status" aria-live="polite">
        {selected > 0 ? `${plural(selected, 'session')} selected` : ''}
        {undoLabel ? (
          <span className="muted" title={`Edit > Undo (${accelerator('undo')})`}>
            {selected > 0 ? ' · ' : ''}Undo: {undoLabel}
          </span>
        ) : null}
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label="Keyboard shortcuts"
        title={`Keyboard shortcuts (${accelerator('help')})`}
        onClick={commands.help}
      >
        <KeyboardIcon />
      </button>
    </div>
  )
}
