import { type IpcRendererEvent, contextBridge, ipcRenderer } from 'electron'
import { type EventName, type Events, REQUEST_NAMES, type SessionScopeClient, channelOf } from '../src-shared/contract'
import type { Reply } from '../src-main/ipc/dispatch'

// The renderer's only door to the main process: one named function per request of the contract
// and one on… function per event, each returning its unsubscribe function. ipcRenderer itself,
// and any way to name an arbitrary channel, stay here.

function subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  const handler = (_event: IpcRendererEvent, payload: Events[E]) => listener(payload)
  ipcRenderer.on(channelOf(event), handler)
  return () => {
    ipcRenderer.removeListener(channelOf(event), handler)
  }
}

const onIndexBatch = (listener: (payload: Events['indexBatch']) => void) => subscribe('indexBatch', listener)
const onSnapshotInvalidated = (listener: (payload: Events['snapshotInvalidated']) => void) => subscribe('snapshotInvalidated', listener)
const onIndexProgress = (listener: (payload: Events['indexProgress']) => void) => subscribe('indexProgress', listener)

const api: Record<string, unknown> = {
  shell: 'electron',
  onIndexBatch,
  onSnapshotInvalidated,
  onIndexProgress,
  on(event: EventName, listener: (payload: unknown) => void) {
    if (event === 'indexBatch') return onIndexBatch(listener)
    if (event === 'snapshotInvalidated') return onSnapshotInvalidated(listener)
    if (event === 'indexProgress') return onIndexProgress(listener)
    throw new Error(`unknown event ${String(event)}`)
  },
}
for (const name of REQUEST_NAMES) {
  api[name] = async (...args: unknown[]) => {
    const reply = (await ipcRenderer.invoke(channelOf(name), ...args)) as Reply
    if (!reply.ok) throw new Error(reply.error)
    return reply.result
  }
}

contextBridge.exposeInMainWorld('sessionscope', api as unknown as SessionScopeClient)
