// What the toolbar, menus, context menu, shortcuts and drag and drop do: call the client, then
// tell the user in a toast. The tree itself changes only when the watcher's batch arrives.
import type { MoveTarget, OperationReport, Outcome, PruneRequest, SessionRef, SessionScopeClient, StoreId } from '../../src-shared/contract'
import { settle } from './client/settle'
import { describeReason, plural, projectName } from './state/format'
import { type Verb, failureToast, reportToast } from './state/operations'
import { useOperationsStore } from './stores/operations-store'
import { useSessionsStore } from './stores/sessions-store'
import { refreshTrash as refreshStoreTrash } from './sync/trash-sync'

function titleOf(id: string): string {
  const state = useSessionsStore.getState()
  const session =
    state.data?.sessions.find((s) => s.id === id) ??
    state.data?.sessions.flatMap((s) => s.children ?? []).find((s) => s.id === id) ??
    Object.values(state.trash)
      .flatMap((listing) => listing.sessions)
      .find((s) => s.id === id)
  return session ? `“${session.title.trim() || 'Untitled session'}”` : id.slice(0, 8)
}

export interface Actions {
  /** `label`: how the target project is named on screen, when that is not its key (Claude Code). */
  move(refs: SessionRef[], target: MoveTarget, label?: string): Promise<boolean>
  archive(refs: SessionRef[]): Promise<boolean>
  unarchive(refs: SessionRef[]): Promise<boolean>
  trash(refs: SessionRef[]): Promise<boolean>
  restore(storeId: StoreId, ids: string[]): Promise<boolean>
  prune(request: PruneRequest, ids: string[]): Promise<boolean>
  undo(): Promise<boolean>
  emptyTrash(storeId: StoreId): Promise<boolean>
  refreshTrash(storeId: StoreId): Promise<void>
  refreshAllTrash(): Promise<void>
  reveal(ref: SessionRef): Promise<void>
  addStore(typedPath: string | null): Promise<Outcome<unknown>>
}

export function createActions(client: SessionScopeClient, refreshSnapshot: () => Promise<void>): Actions {
  const ops = () => useOperationsStore.getState()

  async function run(verb: Verb, call: () => Promise<Outcome<OperationReport>>, where?: string, stores: StoreId[] = []): Promise<boolean> {
    ops().started()
    const outcome = await settle(call)
    if (outcome.ok) {
      ops().finished(outcome.value.undoLabel)
      ops().toast(reportToast(verb, outcome.value, titleOf, where))
    } else {
      ops().finished()
      ops().toast(failureToast(verb, outcome.reason))
    }
    // The trash is not watched: read it again where this operation may have changed it.
    await Promise.all(stores.map((storeId) => refreshTrash(storeId)))
    return outcome.ok && outcome.value.done.length > 0
  }

  const storesOf = (refs: SessionRef[]) => [...new Set(refs.map((ref) => ref.storeId))]

  const refreshTrash = (storeId: StoreId) => refreshStoreTrash(client, storeId)

  async function refreshAllTrash(): Promise<void> {
    const stores = useSessionsStore.getState().data?.stores ?? []
    await Promise.all(stores.map((store) => refreshTrash(store.id)))
  }

  return {
    move: (refs, target, label) =>
      run(
        'move',
        () => client.moveSessions(refs, target, false),
        `to ${target.kind === 'unfiled' ? 'Unfiled' : (label ?? projectName(target.name))}`,
      ),
    archive: (refs) => run('archive', () => client.archiveSessions(refs, false)),
    unarchive: (refs) => run('unarchive', () => client.unarchiveSessions(refs)),
    trash: (refs) => run('trash', () => client.trashSessions(refs, false), undefined, storesOf(refs)),
    restore: (storeId, ids) => run('restore', () => client.restoreSessions(storeId, ids), undefined, [storeId]),
    prune: (request, ids) =>
      run(request.action === 'archive' ? 'prune-archive' : 'prune-trash', () => client.applyPrune(request, ids), undefined, [
        request.storeId,
      ]),
    async undo() {
      ops().started()
      const outcome = await settle(() => client.undo())
      if (outcome.ok) {
        ops().finished(outcome.value.undoLabel)
        ops().undone()
        const { done, skipped } = outcome.value
        const toast = reportToast('undo', outcome.value, titleOf)
        ops().toast({
          ...toast,
          title:
            done.length > 0
              ? `Undid: ${outcome.value.label}${skipped.length ? `; ${plural(skipped.length, 'session')} skipped` : ''}`
              : toast.title,
        })
      } else {
        ops().finished(null)
        ops().toast({ tone: 'info', title: 'Nothing to undo', details: [describeReason(outcome.reason)], undoable: false })
      }
      await refreshAllTrash()
      return outcome.ok
    },
    async emptyTrash(storeId) {
      ops().started()
      const outcome = await settle(() => client.emptyTrash(storeId))
      ops().finished()
      if (outcome.ok)
        ops().toast({ tone: 'success', title: `Emptied the trash: ${plural(outcome.value.files, 'file')}`, details: [], undoable: false })
      else ops().toast({ tone: 'error', title: 'Could not empty the trash', details: [describeReason(outcome.reason)], undoable: false })
      await refreshTrash(storeId)
      return outcome.ok
    },
    refreshTrash,
    refreshAllTrash,
    async reveal(ref) {
      const outcome = await settle(() => client.revealSession(ref))
      if (!outcome.ok) ops().toast({ tone: 'error', title: 'Could not reveal the file', details: [outcome.reason], undoable: false })
    },
    async addStore(typedPath) {
      const outcome = await settle(() => client.addStore(typedPath))
      if (outcome.ok && outcome.value) {
        ops().toast({ tone: 'success', title: `Opened ${outcome.value.root}`, details: [], undoable: false })
        await refreshSnapshot()
        await refreshTrash(outcome.value.id)
      } else if (!outcome.ok) ops().toast({ tone: 'error', title: 'Could not open the folder', details: [outcome.reason], undoable: false })
      return outcome
    },
  }
}
