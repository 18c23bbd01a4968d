// Menus: the popup used by the menu bar and the context menu (role="menu", arrow keys, Escape).
import { type KeyboardEvent, type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { typeAhead } from '../state/typeahead'

export type MenuEntry =
  | {
      type: 'item'
      label: string
      shortcut?: string
      disabled?: boolean
      /** Tooltip, e.g. why it is disabled. */ title?: string
      run(): void
    }
  | { type: 'check'; label: string; checked: boolean; shortcut?: string; run(): void }
  | { type: 'separator' }

interface Props {
  entries: MenuEntry[]
  label: string
  x: number
  y: number
  onClose(focusBack: boolean): void
  /** Left/Right inside a menu-bar menu move to the neighbouring menu. */
  onSideways?(direction: -1 | 1): void
  id?: string
}

export function MenuPopup({ entries, label, x, y, onClose, onSideways, id }: Props) {
  const ref = useRef<HTMLDivElement>(null)
  const [position, setPosition] = useState({ left: x, top: y })
  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    const box = element.getBoundingClientRect()
    setPosition({
      left: Math.max(4, Math.min(x, window.innerWidth - box.width - 4)),
      top: Math.max(4, Math.min(y, window.innerHeight - box.height - 4)),
    })
    element.querySelector<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])')?.focus()
  }, [x, y])
  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) onClose(false)
    }
    const onBlur = () => onClose(false)
    window.addEventListener('pointerdown', onPointer, true)
    window.addEventListener('blur', onBlur)
    return () => {
      window.removeEventListener('pointerdown', onPointer, true)
      window.removeEventListener('blur', onBlur)
    }
  }, [onClose])
  const onKeyDown = (event: KeyboardEvent) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])') ?? [])]
    const at = items.indexOf(document.activeElement as HTMLElement)
    const focus = (i: number) => items[(i + items.length) % items.length]?.focus()
    if (event.key === 'ArrowDown') focus(at + 1)
    else if (event.key === 'ArrowUp') focus(at - 1)
    else if (event.key === 'Home') focus(0)
    else if (event.key === 'End') focus(items.length - 1)
    else if (event.key === 'Escape') onClose(true)
    else if (event.key === 'Tab') onClose(true)
    else if ((event.key === 'ArrowLeft' || event.key === 'ArrowRight') && onSideways) onSideways(event.key === 'ArrowLeft' ? -1 : 1)
    else if (event.key.length === 1 && /\S/.test(event.key)) {
      // A letter that starts no item leaves the focus where it is: Enter then runs what the user sees focused.
      const next = typeAhead(
        items.map((item) => item.querySelector('.menu-label')?.textContent ?? ''),
        at,
        event.key,
      )
      if (next >= 0) focus(next)
    } else return
    event.preventDefault()
    event.stopPropagation()
  }
  return (
    <div ref={ref} id={id} className="menu" role="menu" aria-label={label} style={position} onKeyDown={onKeyDown}>
      {entries.map((entry, i) => {
        if (entry.type === 'separator') return <div key={`sep-${i}`} role="separator" className="menu-separator" />
        return <MenuItem key={entry.label} entry={entry} onClose={onClose} />
      })}
    </div>
  )
}

function MenuItem({ entry, onClose }: { entry: Exclude<MenuEntry, { type: 'separator' }>; onClose(focusBack: boolean): void }) {
  const disabled = entry.type === 'item' && entry.disabled
  const content: ReactNode = (
    <>
      <span className="menu-check" aria-hidden="true">
        {entry.type === 'check' && entry.checked ? '✓' : ''}
      </span>
      <span className="menu-label">{entry.label}</span>
      {entry.shortcut ? (
        <span className="menu-shortcut" aria-hidden="true">
          {entry.shortcut}
        </span>
      ) : null}
    </>
  )
  return (
    <div
      role={entry.type === 'check' ? 'menuitemcheckbox' : 'menuitem'}
      aria-checked={entry.type === 'check' ? entry.checked : undefined}
      aria-disabled={disabled || undefined}
      aria-keyshortcuts={entry.shortcut ? toAriaShortcut(entry.shortcut) : undefined}
      tabIndex={-1}
      title={entry.type === 'item' ? entry.title : undefined}
      className={disabled ? 'menu-item is-disabled' : 'menu-item'}
      onClick={() => {
        if (disabled) return
        onClose(true)
        entry.run()
      }}
      onKeyDown={(event) => {
        if ((event.key === 'Enter' || event.key === ' ') && !disabled) {
          event.preventDefault()
          onClose(true)
          entry.run()
        }
      }}
    >
      {content}
    </div>
  )
}

function toAriaShortcut(shortcut: string): string {
  return shortcut.replace('Ctrl', 'Control').replace('⌘', 'Meta+').replace('++', '+')
}
