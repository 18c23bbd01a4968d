import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listStores, loadSession } from '../../../src-main/core/listing'
import { resolveStores } from '../../../src-main/core/stores'
import { repoPath } from '../../support/repo'

// The hand-written stores in resources/samples/ are what a first-time user sees; they must read cleanly.
const SAMPLES = repoPath('resources', 'samples')

describe('shipped sample stores', () => {
  it('read without problems, in every format, with projects, Unfiled and archived sessions', async () => {
    const stores = await resolveStores(
      [join(SAMPLES, 'oxios', 'workspace'), join(SAMPLES, 'astrid'), join(SAMPLES, 'ao-rs')],
      '/nonexistent-home',
      {},
    )
    expect(stores.map((store) => store.format)).toEqual(['oxios', 'astrid', 'ao'])
    const listing = await listStores(stores, { archived: true })
    expect(listing.problems).toEqual([])
    expect(listing.sessions.length).toBeGreaterThanOrEqual(9)
    expect(listing.sessions.some((s) => s.project === null)).toBe(true)
    expect(listing.sessions.some((s) => s.archived)).toBe(true)
    expect(listing.sessions.some((s) => s.errors > 0)).toBe(true)
    for (const session of listing.sessions) {
      const detail = await loadSession(session)
      expect(detail.turns.reduce((n, turn) => n + turn.steps.length, 0)).toBe(session.steps)
    }
  })
})
