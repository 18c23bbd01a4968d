// The trash re-reads: one after a burst of batches, quiet about failures; the explicit read shows them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Outcome, SessionScopeClient } from '../../../src-shared/contract'
import type { SessionSummary } from '../../../src-shared/model'
import { useSessionsStore } from '../../../src-renderer/src/stores/sessions-store'
import { refreshTrash, trashRefresher } from '../../../src-renderer/src/sync/trash-sync'

type ListTrash = Pick<SessionScopeClient, 'listTrash'>

const trashed = { id: 't1' } as SessionSummary

describe('trash sync', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    useSessionsStore.setState({ data: null, status: 'loading', error: null, trash: {} })
  })
  afterEach(() => vi.useRealTimers())

  it('re-reads every listed store once, after the last of a burst', async () => {
    useSessionsStore.getState().setTrash('a', { status: 'ready', sessions: [], error: null })
    useSessionsStore.getState().setTrash('b', { status: 'ready', sessions: [], error: null })
    const listTrash = vi.fn(async (): Promise<Outcome<SessionSummary[]>> => ({ ok: true, value: [trashed] }))
    const refresher = trashRefresher({ listTrash } as ListTrash)
    refresher.soon()
    await vi.advanceTimersByTimeAsync(200)
    refresher.soon()
    await vi.advanceTimersByTimeAsync(299)
    expect(listTrash).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(listTrash.mock.calls).toEqual([['a'], ['b']])
    expect(useSessionsStore.getState().trash.a).toEqual({ status: 'ready', sessions: [trashed], error: null })
  })

  it('keeps what is shown when a re-read fails, and reads nothing once stopped', async () => {
    useSessionsStore.getState().setTrash('a', { status: 'ready', sessions: [trashed], error: null })
    const listTrash = vi.fn(async (): Promise<Outcome<SessionSummary[]>> => ({ ok: false, reason: 'gone' }))
    const refresher = trashRefresher({ listTrash } as ListTrash)
    refresher.soon()
    await vi.advanceTimersByTimeAsync(300)
    expect(useSessionsStore.getState().trash.a).toEqual({ status: 'ready', sessions: [trashed], error: null })
    refresher.soon()
    refresher.stop()
    await vi.advanceTimersByTimeAsync(1000)
    expect(listTrash).toHaveBeenCalledTimes(1)
  })

  it('shows a failed read as the listing error, keeping the sessions it had', async () => {
    useSessionsStore.getState().setTrash('a', { status: 'ready', sessions: [trashed], error: null })
    const listTrash = vi.fn(async (): Promise<Outcome<SessionSummary[]>> => {
      throw new Error('socket closed')
    })
    await refreshTrash({ listTrash } as ListTrash, 'a')
    expect(useSessionsStore.getState().trash.a).toEqual({ status: 'error', sessions: [trashed], error: 'socket closed' })
  })
})
