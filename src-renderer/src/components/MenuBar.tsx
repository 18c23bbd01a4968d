// The in-app menu bar (the browser shell has no native menu): File, Edit, Session, View, Help.
import { useCallback, useRef, useState } from 'react'
import { type Commands, useCommands } from '../commands'
import { useSelectionInfo } from '../hooks/use-selection-info'
import type { SelectionInfo } from '../state/selection-info'
import { useUiStore } from '../stores/ui-store'
import { type MenuEntry, MenuPopup } from './Menu'
import { accelerator } from '../keymap'
import { sessionEntries } from './menus'

/** The menus in the bar, left to right. */
function menuBarMenus(commands: Commands, info: SelectionInfo, showArchived: boolean): Array<{ label: string; entries: MenuEntry[] }> {
  return [
    {
      label: 'File',
      entries: [{ type: 'item', label: 'Open folder…', shortcut: accelerator('openFolder'), run: commands.openFolder }],
    },
    {
      label: 'Edit',
      entries: [
        { type: 'item', label: 'Undo', shortcut: accelerator('undo'), run: commands.undo },
        { type: 'separator' },
        { type: 'item', label: 'Select all', shortcut: accelerator('selectAll'), run: commands.selectAll },
        { type: 'item', label: 'Filter sessions…', shortcut: accelerator('focusFilter'), run: commands.focusFilter },
        { type: 'item', label: 'Find in session…', shortcut: accelerator('find'), run: commands.find },
        { type: 'item', label: 'Search every session…', shortcut: accelerator('search'), run: commands.search },
      ],
    },
    { label: 'Session', entries: sessionEntries(commands, info) },
    {
      label: 'View',
      entries: [
        { type: 'check', label: 'Show archived', checked: showArchived, run: commands.toggleArchived },
        { type: 'separator' },
        { type: 'item', label: 'Expand all', run: () => commands.expandAll(true) },
        { type: 'item', label: 'Collapse all', run: () => commands.expandAll(false) },
      ],
    },
    { label: 'Help', entries: [{ type: 'item', label: 'Keyboard shortcuts', shortcut: accelerator('help'), run: commands.help }] },
  ]
}

export function MenuBar() {
  const commands = useCommands()
  const info = useSelectionInfo()
  const showArchived = useUiStore((s) => s.showArchived)
  // Where the open menu's button is, measured when it opens (a render may not read the DOM).
  const [opened, setOpened] = useState<{ index: number; box: DOMRect | undefined } | null>(null)
  const open = opened?.index ?? null
  const buttons = useRef<Array<HTMLDivElement | null>>([])
  const setOpen = (index: number | null) =>
    setOpened(index === null ? null : { index, box: buttons.current[index]?.getBoundingClientRect() })

  const menus = menuBarMenus(commands, info, showArchived)

  const close = useCallback((focusBack: boolean) => {
    setOpened((current) => {
      if (focusBack && current !== null) buttons.current[current.index]?.focus()
      return null
    })
  }, [])

  const box = opened?.box
  const menu = open !== null ? menus[open] : undefined
  return (
    <div className="menubar" role="menubar" aria-label="Application menu">
      {menus.map((m, i) => (
        <div
          key={m.label}
          ref={(element) => {
            buttons.current[i] = element
          }}
          role="menuitem"
          aria-haspopup="menu"
          aria-expanded={open === i}
          tabIndex={i === 0 ? 0 : -1}
          className={open === i ? 'menubar-item is-open' : 'menubar-item'}
          onMouseDown={(event) => {
            event.preventDefault()
            setOpen(open === i ? null : i)
          }}
          onMouseEnter={() => open !== null && open !== i && setOpen(i)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ' ' || event.key === 'ArrowDown') {
              event.preventDefault()
              setOpen(i)
            } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
              event.preventDefault()
              const next = (i + (event.key === 'ArrowRight' ? 1 : -1) + menus.length) % menus.length
              buttons.current[next]?.focus()
            }
          }}
          onClick={(event) => {
            // Keyboard-less activation (e.g. assistive technology, automation) opens it too.
            if (event.detail === 0) setOpen(open === i ? null : i)
          }}
        >
          {m.label}
        </div>
      ))}
      {menu && box ? (
        <MenuPopup
          entries={menu.entries}
          label={menu.label}
          x={box.left}
          y={box.bottom + 2}
          onClose={close}
          onSideways={(direction) => setOpen(((open ?? 0) + direction + menus.length) % menus.length)}
        />
      ) : null}
    </div>
  )
}
