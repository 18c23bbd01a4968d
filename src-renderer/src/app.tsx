// SessionScope's renderer: the project tree on the left, the open session on the right.
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { SessionScopeClient } from '../../src-shared/contract'
import { createActions } from './actions'
import { AppContext, type AppServices, type ContextMenuRequest } from './app-context'
import { getClient } from './client/client'
import { type Commands, makeCommands } from './commands'
import { Banner, EmptyState, LoadError } from './components/EmptyState'
import { AddFolderDialog, EmptyTrashDialog, HelpDialog } from './components/dialogs/SmallDialogs'
import { MoveDialog, NewProjectDialog } from './components/dialogs/MoveDialogs'
import { PruneDialog } from './components/dialogs/PruneDialog'
import { OpenLinkDialog } from './components/dialogs/OpenLinkDialog'
import { SearchDialog } from './components/dialogs/SearchDialog'
import { DragProvider } from './components/drag'
import { IndexProgressBar } from './components/IndexProgressBar'
import { LeftPane } from './components/LeftPane'
import { MenuBar } from './components/MenuBar'
import { MenuPopup } from './components/Menu'
import { sessionEntries } from './components/menus'
import { SessionView } from './components/SessionView'
import { Splitter } from './components/Splitter'
import { Toasts } from './components/Toasts'
import { Toolbar } from './components/Toolbar'
import { bindingFor } from './keymap'
import type { SessionsData } from './state/sessions'
import { isTreeSort } from './state/tree-sort'
import { type IndexSync, startIndexSync } from './sync/index-sync'
import { trashRefresher } from './sync/trash-sync'
import { type SessionsStore, useSessionsStore } from './stores/sessions-store'
import { useUiStore } from './stores/ui-store'

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit'].includes(target.type)
  return false
}

function Dialogs() {
  const dialog = useUiStore((s) => s.dialog)
  if (!dialog) return null
  switch (dialog.kind) {
    case 'move':
      return <MoveDialog refs={dialog.refs} />
    case 'new-project':
      return <NewProjectDialog refs={dialog.refs} />
    case 'prune':
      return <PruneDialog storeId={dialog.storeId} project={dialog.project} />
    case 'empty-trash':
      return <EmptyTrashDialog storeId={dialog.storeId} />
    case 'add-folder':
      return <AddFolderDialog />
    case 'help':
      return <HelpDialog />
    case 'open-link':
      return <OpenLinkDialog href={dialog.href} />
    case 'search':
      return <SearchDialog />
  }
}

/** Starts the index sync; gives back a stable function that re-reads every store now. */
function useSync(client: SessionScopeClient): () => Promise<void> {
  const sync = useRef<IndexSync | null>(null)
  useEffect(() => {
    const store = useSessionsStore.getState()
    const trash = trashRefresher(client)
    const started = startIndexSync(client, {
      getData: () => useSessionsStore.getState().data,
      setData: (data) => store.setData(data),
      setError: (message) => store.setError(message),
      onBatch: (batch) => {
        // Files leaving a store may have gone to its trash, which is not watched: re-read it soon.
        if (batch.events.some((event) => event.type === 'removed' || event.type === 'added')) trash.soon()
      },
    })
    sync.current = started
    return () => {
      trash.stop()
      started.stop()
    }
  }, [client])
  return useCallback(async () => {
    await sync.current?.refresh()
  }, [])
}

const TREE_SORT_KEY = 'sessionscope.treeSort'

/** The pane width and the tree's sort are remembered preferences (the sort is saved whenever it changes). */
function useRememberedPreferences(): void {
  useEffect(() => {
    try {
      const saved = Number(localStorage.getItem('sessionscope.paneWidth'))
      if (saved) useUiStore.getState().setPaneWidth(saved)
      const sort = localStorage.getItem(TREE_SORT_KEY)
      if (isTreeSort(sort)) useUiStore.getState().setTreeSort(sort)
    } catch {
      // No storage: keep the defaults.
    }
    return useUiStore.subscribe((state, previous) => {
      if (state.treeSort === previous.treeSort) return
      try {
        localStorage.setItem(TREE_SORT_KEY, state.treeSort)
      } catch {
        // Storage may be unavailable; the sort is only a preference.
      }
    })
  }, [])
}

/** The keyboard shortcuts, app-wide; a dialog takes the keys while it is open. */
function useShortcuts(commands: Commands): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || useUiStore.getState().dialog) return
      const inTree = event.target instanceof Element && event.target.closest('.tree') !== null
      const inFind = event.target instanceof Element && event.target.closest('.find-bar') !== null
      const binding = bindingFor(event, { typing: isTyping(event.target), inTree, inFind })
      if (!binding) return
      event.preventDefault()
      commands[binding.command]()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [commands])
}

/** What fills the window below the toolbar: the panes once there are stores, else why there are none. */
function panes(
  status: SessionsStore['status'],
  error: string | null,
  data: SessionsData | null,
  refresh: () => Promise<void>,
  openFolder: () => void,
): ReactNode {
  if (status === 'loading') return <div className="placeholder">Loading sessions…</div>
  if (status === 'error' || !data) return <LoadError message={error ?? 'unknown error'} onRetry={() => void refresh()} />
  if (data.stores.length === 0) return <EmptyState lookedIn={data.lookedIn} formats={data.formats} onOpenFolder={openFolder} />
  return (
    <div className="panes">
      <LeftPane />
      <Splitter />
      <main className="right-pane" aria-label="Session">
        <SessionView />
      </main>
    </div>
  )
}

export function App() {
  const client = useMemo(() => getClient(), [])
  return <AppWithClient client={client} />
}

export function AppWithClient({ client }: { client: SessionScopeClient }) {
  const refresh = useSync(client)
  const status = useSessionsStore((s) => s.status)
  const error = useSessionsStore((s) => s.error)
  const data = useSessionsStore((s) => s.data)
  const dialogOpen = useUiStore((s) => s.dialog !== null)
  const noticeDismissed = useUiStore((s) => s.noticeDismissed)
  const [menu, setMenu] = useState<ContextMenuRequest | null>(null)

  const focusTree = useCallback(() => {
    document.querySelector<HTMLElement>('.tree [tabindex="0"], .tree[tabindex="0"]')?.focus()
  }, [])
  const services: AppServices = useMemo(
    () => ({ client, actions: createActions(client, refresh), refresh, openContextMenu: setMenu, focusTree }),
    [client, refresh, focusTree],
  )
  const commands = useMemo(() => makeCommands(services), [services])

  useRememberedPreferences()

  // Each store's trash count, once the stores are known (and again when they change).
  const storeKey = data?.stores.map((store) => store.id).join('\n') ?? ''
  useEffect(() => {
    if (storeKey) void services.actions.refreshAllTrash()
  }, [storeKey, services])

  // Readiness signal for the end-to-end tests: the first snapshot is on screen.
  useEffect(() => {
    if (status === 'ready') document.documentElement.dataset.appReady = 'true'
  }, [status])

  useShortcuts(commands)

  const closeMenu = useCallback(
    (focusBack: boolean) => {
      setMenu(null)
      if (focusBack) focusTree()
    },
    [focusTree],
  )

  return (
    <AppContext.Provider value={services}>
      <DragProvider>
        <div className="app" inert={dialogOpen || undefined}>
          <MenuBar />
          <Toolbar />
          <IndexProgressBar />
          {data?.notice && !noticeDismissed ? <Banner text={data.notice} onDismiss={() => useUiStore.getState().dismissNotice()} /> : null}
          {panes(status, error, data, refresh, commands.openFolder)}
        </div>
        <Toasts />
        <Dialogs />
        {menu ? (
          <MenuPopup
            label="Session actions"
            entries={sessionEntries(commands, commands.info())}
            x={menu.x}
            y={menu.y}
            onClose={closeMenu}
          />
        ) : null}
      </DragProvider>
    </AppContext.Provider>
  )
}
