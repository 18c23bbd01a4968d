// The user's commands, one implementation each, shared by the toolbar, the menu bar, the context
// menu and the keyboard shortcuts. They read the stores when run, so they are always current.
import { useMemo } from 'react'
import { type AppServices, useApp } from './app-context'
import { rowsFor } from './stores/tree-rows-store'
import { selectAll } from './state/selection'
import { rowIdsToReveal, sessionRowId } from './state/tree'
import type { SearchHitView, SessionRef } from '../../src-shared/contract'
import { type SelectionInfo, selectionInfo } from './state/selection-info'
import { useFindStore } from './stores/find-store'
import { useOperationsStore } from './stores/operations-store'
import { useSessionsStore } from './stores/sessions-store'
import { useUiStore } from './stores/ui-store'

export interface Commands {
  info(): SelectionInfo
  moveTo(): void
  archive(): void
  unarchive(): void
  trash(): void
  restore(): void
  prune(): void
  undo(): void
  emptyTrash(): void
  openFolder(): void
  help(): void
  selectAll(): void
  toggleArchived(): void
  focusFilter(): void
  expandAll(expanded: boolean): void
  /** The context menu, opened from the keyboard below the focused row. */
  contextMenu(): void
  /** The search box over every open store. */
  search(): void
  /** The find bar of the open session (the tree's filter when no session is open). */
  find(): void
  findNext(): void
  findPrevious(): void
  closeFind(): void
}

function currentRows() {
  const { data, trash } = useSessionsStore.getState()
  const { filter, treeSort, showArchived, expansion } = useUiStore.getState()
  if (!data) return []
  const { stores, sessions, problems } = data
  return rowsFor({ stores, sessions, problems, trash, filter, sort: treeSort, showArchived, expansion })
}

/**
 * Opens a session and shows it in the tree, selected and focused: its store, project and the
 * sessions it is a sub-agent of are expanded (used by the sub-agent and parent links).
 */
export function openSessionInTree(ref: SessionRef): void {
  const data = useSessionsStore.getState().data
  const ui = useUiStore.getState()
  if (data) for (const id of rowIdsToReveal(data.stores, data.sessions, ref)) ui.setExpanded(id, true)
  const rowId = sessionRowId(ref.storeId, ref.id)
  ui.setSelection({ selected: new Set([rowId]), anchor: rowId })
  ui.setFocused(rowId)
  ui.open(ref)
}

/** Opens a search hit's session, scrolled to the hit's turn (and step), which is highlighted briefly. */
export function openSearchHit(hit: Pick<SearchHitView, 'ref' | 'turn' | 'step'>): void {
  const ui = useUiStore.getState()
  ui.showDialog(null)
  ui.setReveal({ ref: hit.ref, turn: hit.turn, step: hit.step })
  openSessionInTree(hit.ref)
}

export function makeCommands(app: AppServices): Commands {
  const ui = () => useUiStore.getState()
  const info = () => {
    const { selection, focusedId } = ui()
    const stores = useSessionsStore.getState().data?.stores ?? []
    return selectionInfo(currentRows(), selection, focusedId, stores)
  }
  return {
    info,
    moveTo() {
      const { sessions, moveRefusal } = info()
      if (sessions.length === 0) return
      // The shortcut still works when the button is disabled: say why nothing happens.
      if (moveRefusal) useOperationsStore.getState().toast({ tone: 'info', title: moveRefusal, details: [], undoable: false })
      else ui().showDialog({ kind: 'move', refs: sessions.map((item) => item.ref) })
    },
    archive() {
      const { active } = info()
      if (active.length > 0) void app.actions.archive(active)
    },
    unarchive() {
      const { archived } = info()
      if (archived.length > 0) void app.actions.unarchive(archived)
    },
    trash() {
      const { sessions } = info()
      if (sessions.length > 0) void app.actions.trash(sessions.map((item) => item.ref))
    },
    restore() {
      const { trashed } = info()
      for (const [storeId, ids] of trashed) void app.actions.restore(storeId, ids)
    },
    prune() {
      const { contextStore, contextProject } = info()
      if (contextStore)
        ui().showDialog(
          contextProject ? { kind: 'prune', storeId: contextStore, project: contextProject } : { kind: 'prune', storeId: contextStore },
        )
    },
    undo() {
      void app.actions.undo()
    },
    emptyTrash() {
      const { contextStore } = info()
      if (contextStore) ui().showDialog({ kind: 'empty-trash', storeId: contextStore })
    },
    openFolder() {
      if (app.client.shell === 'browser') ui().showDialog({ kind: 'add-folder' })
      else void app.actions.addStore(null)
    },
    help() {
      ui().showDialog({ kind: 'help' })
    },
    search() {
      ui().showDialog({ kind: 'search' })
    },
    selectAll() {
      const rows = currentRows()
      const sessions = new Set(rows.filter((row) => row.kind === 'session').map((row) => row.id))
      ui().setSelection(
        selectAll(
          rows.map((row) => row.id),
          (id) => sessions.has(id),
        ),
      )
    },
    toggleArchived() {
      ui().setShowArchived(!ui().showArchived)
    },
    focusFilter() {
      document.getElementById('tree-filter')?.focus()
    },
    find() {
      if (!ui().openSession) {
        document.getElementById('tree-filter')?.focus()
        return
      }
      useFindStore.getState().show()
      // The bar may only now be rendered: focus (and select) its field once it is.
      requestAnimationFrame(() => {
        const field = document.getElementById('find-field')
        if (field instanceof HTMLInputElement) {
          field.focus()
          field.select()
        }
      })
    },
    findNext() {
      useFindStore.getState().move(1)
    },
    findPrevious() {
      useFindStore.getState().move(-1)
    },
    closeFind() {
      useFindStore.getState().hide()
    },
    expandAll(expanded) {
      for (const row of currentRows()) {
        const subAgents = row.kind === 'session' && row.subAgents > 0
        if (row.kind === 'project' || subAgents || (expanded && row.kind === 'store')) ui().setExpanded(row.id, expanded)
      }
    },
    contextMenu() {
      const focused = document.activeElement
      const box = focused instanceof HTMLElement ? focused.getBoundingClientRect() : { left: 40, bottom: 80 }
      app.openContextMenu({ x: box.left + 24, y: box.bottom })
    },
  }
}

export function useCommands(): Commands {
  const app = useApp()
  return useMemo(() => makeCommands(app), [app])
}
