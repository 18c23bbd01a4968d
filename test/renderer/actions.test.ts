// The actions against the fake client, through the real zustand stores (no React).
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createActions } from '../../src-renderer/src/actions'
import { createFakeClient } from './doubles/fake-client'
import { useOperationsStore } from '../../src-renderer/src/stores/operations-store'
import { useSessionsStore } from '../../src-renderer/src/stores/sessions-store'
import { initialOperations } from '../../src-renderer/src/state/operations'
import { startIndexSync } from '../../src-renderer/src/sync/index-sync'

const CSV = { storeId: 'store-oxios', id: '05dee37b-0cf5-4a9a-97fb-9827da585f98' }

async function setup(options: Parameters<typeof createFakeClient>[0] = {}) {
  const client = createFakeClient(options)
  const sync = startIndexSync(client, {
    getData: () => useSessionsStore.getState().data,
    setData: (data) => useSessionsStore.getState().setData(data),
    setError: (message) => useSessionsStore.getState().setError(message),
  })
  await vi.waitFor(() => expect(useSessionsStore.getState().data).not.toBeNull())
  return { client, sync, actions: createActions(client, () => sync.refresh()) }
}

const session = (id: string) => useSessionsStore.getState().data?.sessions.find((s) => s.id === id)

describe('actions', () => {
  beforeEach(() => {
    useOperationsStore.setState(initialOperations)
    useSessionsStore.setState({ data: null, status: 'loading', error: null, trash: {} })
  })

  it('archives, reports it in an undoable toast, and leaves the tree to the watcher batch', async () => {
    const { actions, sync } = await setup()
    expect(await actions.archive([CSV])).toBe(true)
    expect(useOperationsStore.getState().toasts.at(-1)).toMatchObject({ title: 'Archived 1 session', undoable: true })
    await vi.waitFor(() => expect(session(CSV.id)?.archived).toBe(true))
    expect(await actions.undo()).toBe(true)
    await vi.waitFor(() => expect(session(CSV.id)?.archived).toBe(false))
    expect(useOperationsStore.getState().toasts.map((t) => t.title)).toEqual(['Undid: Archive 1 session'])
    sync.stop()
  })

  it('reports sessions skipped because they are live, and changes nothing', async () => {
    const { actions, sync } = await setup({ now: () => Date.parse('2026-11-19T16:21:30.000Z') })
    expect(await actions.move([CSV], { kind: 'project', name: 'billing-api' })).toBe(false)
    const toast = useOperationsStore.getState().toasts.at(-1)
    expect(toast).toMatchObject({ tone: 'error', title: 'Could not move 1 session', undoable: false })
    expect(toast?.details[0]).toMatch(
      /the agent is still writing it \(changed less than a minute ago\).*try again once it has been quiet for a minute/,
    )
    expect(session(CSV.id)?.project).toBe('ledger-cli')
    sync.stop()
  })

  it('shows a refused name as an error', async () => {
    const { actions, sync } = await setup()
    expect(await actions.move([CSV], { kind: 'project', name: '../etc' })).toBe(false)
    expect(useOperationsStore.getState().toasts.at(-1)).toMatchObject({ tone: 'error', details: ['"../etc" cannot be a project name'] })
    sync.stop()
  })

  it('trashes, lists the trash, restores', async () => {
    const { actions, sync } = await setup()
    await actions.trash([CSV])
    expect(useSessionsStore.getState().trash['store-oxios']?.sessions.map((s) => s.id)).toEqual([CSV.id])
    await vi.waitFor(() => expect(session(CSV.id)).toBeUndefined())
    await actions.restore('store-oxios', [CSV.id])
    expect(useSessionsStore.getState().trash['store-oxios']?.sessions).toEqual([])
    await vi.waitFor(() => expect(session(CSV.id)).toBeDefined())
    sync.stop()
  })

  it('says so when there is nothing to undo, and turns a transport failure into a message', async () => {
    const { actions, client, sync } = await setup()
    expect(await actions.undo()).toBe(false)
    expect(useOperationsStore.getState().toasts.at(-1)).toMatchObject({ title: 'Nothing to undo' })
    client.archiveSessions = () => Promise.reject(new Error('the connection to SessionScope was closed'))
    expect(await actions.archive([CSV])).toBe(false)
    expect(useOperationsStore.getState().toasts.at(-1)).toMatchObject({
      tone: 'error',
      details: ['the connection to SessionScope was closed'],
    })
    expect(useOperationsStore.getState().pending).toBe(0)
    sync.stop()
  })
})
