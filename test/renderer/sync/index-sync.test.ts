// The renderer's copy of the index against the real service in this process: real watcher batches,
// real snapshots, and a transport that can hold back, lose or fail what it carries.
import { rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppSnapshot, IndexBatch } from '../../../src-shared/contract'
import type { SessionsData } from '../../../src-renderer/src/state/sessions'
import { startIndexSync } from '../../../src-renderer/src/sync/index-sync'
import { type InProcessClient, startInProcessClient } from '../doubles/in-process-client'
import { oxiosDocument } from '../../support/fixtures'
import { copySampleStores } from '../../support/sample-stores'
import { waitFor } from '../../support/wait-for'

function target() {
  let data: SessionsData | null = null
  const seen: number[] = []
  return {
    get data() {
      return data
    },
    seen,
    errors: [] as string[],
    getData: () => data,
    setData(next: SessionsData) {
      data = next
    },
    setError(message: string) {
      this.errors.push(message)
    },
    onBatch(batch: { seq: number }) {
      seen.push(batch.seq)
    },
  }
}

let client: InProcessClient | null = null

/** The service on a copy of the Oxios sample; the Astrid sample lies beside it, not opened. */
async function start() {
  let sessionsDir = ''
  let astridStore = ''
  client = await startInProcessClient({
    stores: async (dir) => {
      ;[sessionsDir, astridStore] = (await copySampleStores(dir, ['oxios', 'astrid'])) as [string, string]
      return [sessionsDir]
    },
  })
  return { client, sessionsDir, astridStore }
}

afterEach(async () => {
  await client?.close()
  client = null
})

/** A new Oxios session, written as Oxios writes: a temp file beside it, renamed into place. */
async function writeSession(sessionsDir: string, id: string, title = `Session ${id}`): Promise<void> {
  const path = join(sessionsDir, `${id}.json`)
  const doc = oxiosDocument({ id, turns: [{ user: title, agent: 'Done.' }], updatedAt: new Date().toISOString() })
  await writeFile(`${path}.tmp`, JSON.stringify(doc, null, 2))
  await rename(`${path}.tmp`, path)
}

/** Every batch that reaches the renderer from now on. */
function batchesOf(client: InProcessClient): IndexBatch[] {
  const batches: IndexBatch[] = []
  client.on('indexBatch', (batch) => batches.push(batch))
  return batches
}

const lists = (batch: IndexBatch, id: string) => batch.events.some((event) => 'session' in event && event.session?.id === id)
const snapshotRequests = (client: InProcessClient) => client.requests.filter((name) => name === 'getSnapshot')

describe('startIndexSync', () => {
  it('subscribes before taking the snapshot and applies batches that arrive meanwhile', async () => {
    const { client, sessionsDir } = await start()
    const snapshots = client.hold('getSnapshot')
    const t = target()
    const sync = startIndexSync(client, t)
    const seen = batchesOf(client)
    // The snapshot is taken but not answered yet; a batch arrives in between.
    await waitFor('the snapshot to be taken', () => snapshots.held.length === 1)
    await writeSession(sessionsDir, 'fresh-1', 'Arrived while loading')
    const batch = await waitFor('the batch of the new session', () => seen.find((b) => lists(b, 'fresh-1')))
    expect(t.data).toBeNull()
    const held = snapshots.held[0]!
    expect(held.ok && (held.result as AppSnapshot).seq).toBe(batch.seq - 1)
    snapshots.release()
    await waitFor('the snapshot and then the batch', () => t.data?.seq === batch.seq)
    expect(t.data?.sessions[0]?.id).toBe('fresh-1')
    sync.stop()
  })

  it('ignores batches the snapshot already includes', async () => {
    const { client, sessionsDir } = await start()
    const batches = client.hold('indexBatch')
    const snapshots = client.hold('getSnapshot')
    await writeSession(sessionsDir, 'fresh-2')
    const batch = await waitFor('the batch of the new session', () => batches.held.find((b) => lists(b, 'fresh-2')))
    const t = target()
    const sync = startIndexSync(client, t)
    await waitFor('the snapshot to be taken', () => snapshots.held.length === 1)
    // The batch was sent before the snapshot's reply, so it arrives first, while the renderer waits.
    const seen = batchesOf(client)
    batches.release()
    await waitFor('the batch to arrive', () => seen.includes(batch))
    snapshots.release()
    await waitFor('the snapshot', () => t.data)
    expect(t.data?.seq).toBe(batch.seq)
    expect(t.data?.sessions.some((s) => s.id === 'fresh-2')).toBe(true)
    expect(t.seen).toEqual([])
    expect(snapshotRequests(client)).toHaveLength(1)
    sync.stop()
  })

  it('applies later batches and tells about each', async () => {
    const { client } = await start()
    const t = target()
    const sync = startIndexSync(client, t)
    const data = await waitFor('the snapshot', () => t.data)
    const before = data.sessions.length
    const refs = [{ storeId: data.stores[0]!.id, id: '05dee37b-0cf5-4a9a-97fb-9827da585f98' }]
    const outcome = await client.archiveSessions(refs, false)
    expect(outcome.ok && outcome.value.done.length).toBe(1)
    await waitFor('the batch of the archive', () => t.seen.length > 0)
    expect(t.seen).toEqual([data.seq + 1])
    expect(t.data!.sessions.length).toBe(before)
    expect(t.data!.sessions.find((s) => s.id === refs[0]!.id)?.archived).toBe(true)
    sync.stop()
  })

  it('takes a new snapshot when a batch was missed', async () => {
    const { client, sessionsDir } = await start()
    const t = target()
    const sync = startIndexSync(client, t)
    await waitFor('the snapshot', () => t.data)
    const seen = batchesOf(client)
    // The batch of one new session never reaches the renderer; the next batch does.
    const dropped = client.drop('indexBatch')
    await writeSession(sessionsDir, 'lost')
    expect(lists(await dropped, 'lost')).toBe(true)
    await writeSession(sessionsDir, 'after-the-gap')
    const next = await waitFor('the batch after the gap', () => seen.find((b) => lists(b, 'after-the-gap')))
    await waitFor('a new snapshot', () => t.data?.seq === next.seq)
    expect(snapshotRequests(client)).toHaveLength(2)
    expect(t.data?.sessions.some((s) => s.id === 'lost')).toBe(true)
    sync.stop()
  })

  it('takes a new snapshot when told the snapshot is invalid', async () => {
    const { client, astridStore } = await start()
    const t = target()
    const sync = startIndexSync(client, t)
    await waitFor('the snapshot', () => t.data)
    expect(t.data?.stores).toHaveLength(1)
    expect(await client.addStore(astridStore)).toMatchObject({ ok: true })
    await waitFor('the added store', () => t.data?.stores.length === 2)
    expect(t.data?.stores.map((store) => store.format)).toEqual(['oxios', 'astrid'])
    sync.stop()
  })

  it('reports a snapshot that fails, and recovers on refresh', async () => {
    const { client } = await start()
    const outage = client.fail('getSnapshot', 'connection lost')
    const t = target()
    const sync = startIndexSync(client, t)
    await waitFor('the error', () => t.errors.length > 0)
    expect(t.errors).toEqual(['connection lost'])
    outage.end()
    await sync.refresh()
    expect(t.data).not.toBeNull()
    sync.stop()
  })
})
