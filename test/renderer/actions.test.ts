// The actions against the real service in this process, through the real zustand stores (no React).
import { utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createActions } from '../../src-renderer/src/actions'
import { type InProcessClient, startInProcessClient } from './doubles/in-process-client'
import { useOperationsStore } from '../../src-renderer/src/stores/operations-store'
import { useSessionsStore } from '../../src-renderer/src/stores/sessions-store'
import { initialOperations } from '../../src-renderer/src/state/operations'
import { startIndexSync } from '../../src-renderer/src/sync/index-sync'
import type { SessionRef } from '../../src-shared/contract'
import { copySampleStores } from '../support/sample-stores'
import { waitFor } from '../support/wait-for'

/** The Oxios sample "Add a `--format csv` option to `ledger export`…", in the ledger-cli project. */
const CSV_ID = '05dee37b-0cf5-4a9a-97fb-9827da585f98'

let client: InProcessClient | null = null

async function setup(options: { live?: boolean } = {}) {
  client = await startInProcessClient({
    stores: async (dir) => {
      const [oxios] = (await copySampleStores(dir, ['oxios'])) as [string]
      // The agent wrote it just now: the core must leave it alone unless forced.
      if (options.live) await utimes(join(oxios, `${CSV_ID}.json`), new Date(), new Date())
      return [oxios]
    },
  })
  const sync = startIndexSync(client, {
    getData: () => useSessionsStore.getState().data,
    setData: (data) => useSessionsStore.getState().setData(data),
    setError: (message) => useSessionsStore.getState().setError(message),
  })
  const data = await waitFor('the first snapshot', () => useSessionsStore.getState().data)
  const storeId = data.stores.find((store) => store.format === 'oxios')!.id
  const csv: SessionRef = { storeId, id: CSV_ID }
  return { client, sync, storeId, csv, actions: createActions(client, () => sync.refresh()) }
}

const session = (id: string) => useSessionsStore.getState().data?.sessions.find((s) => s.id === id)

describe('actions', () => {
  beforeEach(() => {
    useOperationsStore.setState(initialOperations)
    useSessionsStore.setState({ data: null, status: 'loading', error: null, trash: {} })
  })
  afterEach(async () => {
    await client?.close()
    client = null
  })

  it('archives, reports it in an undoable toast, and leaves the tree to the watcher batch', async () => {
    const { actions, sync, csv } = await setup()
    expect(await actions.archive([csv])).toBe(true)
    expect(useOperationsStore.getState().toasts.at(-1)).toMatchObject({ title: 'Archived 1 session', undoable: true })
    await waitFor('the archive in the tree', () => session(CSV_ID)?.archived === true)
    expect(await actions.undo()).toBe(true)
    await waitFor('the undo in the tree', () => session(CSV_ID)?.archived === false)
    expect(useOperationsStore.getState().toasts.map((t) => t.title)).toEqual(['Undid: Archive session'])
    sync.stop()
  })

  it('reports sessions skipped because they are live, and changes nothing', async () => {
    const { actions, sync, csv } = await setup({ live: true })
    expect(await actions.move([csv], { kind: 'project', name: 'billing-api' })).toBe(false)
    const toast = useOperationsStore.getState().toasts.at(-1)
    expect(toast).toMatchObject({ tone: 'error', title: 'Could not move 1 session', undoable: false })
    expect(toast?.details[0]).toMatch(
      /the agent is still writing it \(changed less than a minute ago\).*try again once it has been quiet for a minute/,
    )
    expect(session(CSV_ID)?.project).toBe('ledger-cli')
    sync.stop()
  })

  it('shows a refused name as an error', async () => {
    const { actions, sync, csv } = await setup()
    expect(await actions.move([csv], { kind: 'project', name: '../etc' })).toBe(false)
    expect(useOperationsStore.getState().toasts.at(-1)).toMatchObject({
      tone: 'error',
      details: ['"../etc" is not a single folder name (no / or \\)'],
    })
    sync.stop()
  })

  it('trashes, lists the trash, restores', async () => {
    const { actions, sync, csv, storeId } = await setup()
    await actions.trash([csv])
    expect(useSessionsStore.getState().trash[storeId]?.sessions.map((s) => s.id)).toEqual([CSV_ID])
    await waitFor('the session to leave the tree', () => session(CSV_ID) === undefined)
    await actions.restore(storeId, [CSV_ID])
    expect(useSessionsStore.getState().trash[storeId]?.sessions).toEqual([])
    await waitFor('the session to come back', () => session(CSV_ID) !== undefined)
    sync.stop()
  })

  it('says so when there is nothing to undo, and turns a transport failure into a message', async () => {
    const { actions, client, sync, csv } = await setup()
    expect(await actions.undo()).toBe(false)
    expect(useOperationsStore.getState().toasts.at(-1)).toMatchObject({ title: 'Nothing to undo' })
    client.fail('archiveSessions', 'the connection to SessionScope was closed')
    expect(await actions.archive([csv])).toBe(false)
    expect(useOperationsStore.getState().toasts.at(-1)).toMatchObject({
      tone: 'error',
      details: ['the connection to SessionScope was closed'],
    })
    expect(useOperationsStore.getState().pending).toBe(0)
    sync.stop()
  })
})
