import { describe, expect, it, vi } from 'vitest'
import { createFakeClient } from '../doubles/fake-client'
import type { SessionsData } from '../../../src-renderer/src/state/sessions'
import { summary } from '../support/summaries'
import { startIndexSync } from '../../../src-renderer/src/sync/index-sync'

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

const root = '/home/dana/.oxios/workspace/sessions'

describe('startIndexSync', () => {
  it('subscribes before taking the snapshot and applies batches that arrive meanwhile', async () => {
    const client = createFakeClient()
    const hold = client.holdSnapshots()
    const t = target()
    const sync = startIndexSync(client, t)
    // The snapshot is requested (seq 0) but not answered yet; a batch arrives in between.
    const fresh = summary('fresh-1', { store: root, title: 'Arrived while loading', updatedAt: '2026-11-21T11:59:00.000Z' })
    client.emit([{ type: 'added', path: fresh.path, id: fresh.id, session: fresh }])
    expect(t.data).toBeNull()
    hold.release()
    await vi.waitFor(() => expect(t.data?.seq).toBe(1))
    expect(t.data?.sessions[0]?.id).toBe('fresh-1')
    sync.stop()
  })

  it('ignores batches the snapshot already includes', async () => {
    const client = createFakeClient()
    const fresh = summary('fresh-2', { store: root })
    client.emit([{ type: 'added', path: fresh.path, id: fresh.id, session: fresh }])
    const t = target()
    const sync = startIndexSync(client, t)
    await vi.waitFor(() => expect(t.data?.seq).toBe(1))
    client.emit([{ type: 'removed', path: fresh.path, id: fresh.id, session: null }], 1)
    expect(t.data?.sessions.some((s) => s.id === 'fresh-2')).toBe(true)
    sync.stop()
  })

  it('applies later batches and tells about each', async () => {
    const client = createFakeClient()
    const t = target()
    const sync = startIndexSync(client, t)
    await vi.waitFor(() => expect(t.data).not.toBeNull())
    const before = t.data!.sessions.length
    const refs = [{ storeId: 'store-oxios', id: '05dee37b-0cf5-4a9a-97fb-9827da585f98' }]
    const outcome = await client.archiveSessions(refs, false)
    expect(outcome.ok && outcome.value.done.length).toBe(1)
    await vi.waitFor(() => expect(t.seen).toEqual([1]))
    expect(t.data!.sessions.length).toBe(before)
    expect(t.data!.sessions.find((s) => s.id === refs[0]!.id)?.archived).toBe(true)
    sync.stop()
  })

  it('takes a new snapshot when a batch was missed', async () => {
    const client = createFakeClient()
    const t = target()
    const sync = startIndexSync(client, t)
    await vi.waitFor(() => expect(t.data?.seq).toBe(0))
    const lost = summary('lost', { store: root })
    // Batch 1 never reaches the renderer; batch 2 does.
    client.emit([{ type: 'added', path: lost.path, id: lost.id, session: lost }], 2)
    await vi.waitFor(() => expect(t.data?.seq).toBe(2))
    expect(client.calls.filter((c) => c === 'getSnapshot')).toHaveLength(2)
    expect(t.data?.sessions.some((s) => s.id === 'lost')).toBe(true)
    sync.stop()
  })

  it('takes a new snapshot when told the snapshot is invalid', async () => {
    const client = createFakeClient()
    const t = target()
    const sync = startIndexSync(client, t)
    await vi.waitFor(() => expect(t.data).not.toBeNull())
    await client.addStore(null)
    await vi.waitFor(() => expect(t.data?.stores).toHaveLength(4))
    sync.stop()
  })

  it('reports a snapshot that fails, and recovers on refresh', async () => {
    const client = createFakeClient()
    const real = client.getSnapshot
    client.getSnapshot = () => Promise.reject(new Error('connection lost'))
    const t = target()
    const sync = startIndexSync(client, t)
    await vi.waitFor(() => expect(t.errors).toEqual(['connection lost']))
    client.getSnapshot = real
    await sync.refresh()
    expect(t.data).not.toBeNull()
    sync.stop()
  })
})
