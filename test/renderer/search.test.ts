// The search request end to end: the renderer's search store through the contract to the real
// service (its index over copies of the samples), and back as the view the search box shows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SEARCH_MARKS } from '../../src-shared/contract'
import { initialSearch, orderedHits, snippetParts } from '../../src-renderer/src/state/search'
import { useSearchStore } from '../../src-renderer/src/stores/search-store'
import { type InProcessClient, startInProcessClient } from './doubles/in-process-client'
import { copySampleStores } from '../support/sample-stores'
import { waitFor } from '../support/wait-for'

/** The Oxios sample "Add a `--format csv` option to `ledger export`…", in the ledger-cli project. */
const CSV_ID = '05dee37b-0cf5-4a9a-97fb-9827da585f98'

let client: InProcessClient

beforeEach(async () => {
  useSearchStore.setState(initialSearch)
  client = await startInProcessClient({ stores: (dir) => copySampleStores(dir, ['oxios', 'astrid']) })
})
afterEach(async () => {
  await client.close()
})

describe('search through the contract', () => {
  it('answers with hits that name their session by store id, matches between the marks', async () => {
    const snapshot = await client.getSnapshot()
    const oxios = snapshot.stores.find((store) => store.format === 'oxios')!
    const outcome = await client.search('csv', 10)
    if (!outcome.ok) throw new Error(outcome.reason)
    expect(outcome.value.total).toBeGreaterThan(outcome.value.hits.length - 1)
    expect(outcome.value.hits.length).toBeGreaterThan(0)
    expect(outcome.value.hits.length).toBeLessThanOrEqual(10)
    const first = outcome.value.hits[0]!
    expect(first.ref).toEqual({ storeId: oxios.id, id: CSV_ID })
    expect(first).toMatchObject({ project: 'ledger-cli', title: expect.stringContaining('csv') })
    expect(Object.keys(first).sort()).toEqual(['at', 'field', 'project', 'ref', 'score', 'snippet', 'step', 'title', 'turn'])
    // No path crosses.
    expect(JSON.stringify(outcome.value)).not.toContain(oxios.root)
    for (const hit of outcome.value.hits) {
      expect(snippetParts(hit.snippet, SEARCH_MARKS).some((part) => part.match && /csv/i.test(part.text))).toBe(true)
    }
    // And the session it names opens.
    const detail = await client.loadSession(first.ref)
    expect(detail.ok && detail.value.turns.some((turn) => turn.index === first.turn)).toBe(true)
  })

  it('refuses a malformed query with the parser’s message, and a bad argument before the service', async () => {
    expect(await client.search('"csv', 10)).toEqual({ ok: false, reason: expect.stringMatching(/closing quote/) })
    await expect(client.search('csv', 0)).rejects.toThrow(/invalid search request: limit/)
    await expect(client.search('x'.repeat(501), 10)).rejects.toThrow(/invalid search request: query is too long/)
  })

  it('the search store shows the newest query’s answer, debounced', async () => {
    const search = useSearchStore.getState()
    search.type(client, 'c')
    search.type(client, 'cs')
    search.type(client, 'csv')
    await waitFor('the answer', () => useSearchStore.getState().status === 'ready')
    // Three keys within the debounce: one request.
    expect(client.requests.filter((name) => name === 'search')).toHaveLength(1)
    const state = useSearchStore.getState()
    expect(state.query).toBe('csv')
    expect(orderedHits(state.result)[0]?.ref.id).toBe(CSV_ID)
    search.type(client, 'csv -"')
    await waitFor('the refusal', () => useSearchStore.getState().status === 'error')
    expect(useSearchStore.getState().error).toMatch(/closing quote/)
  })

  it('drops an older query’s answer that arrives after a newer one’s', async () => {
    // The first answer is held on its way back until the second has been shown.
    let letFirstThrough = () => {}
    const gate = new Promise<void>((resolve) => (letFirstThrough = resolve))
    let calls = 0
    let olderAnswered = false
    const slowFirst = {
      async search(query: string, limit: number) {
        const answer = await client.search(query, limit)
        if (calls++ === 0) {
          await gate
          olderAnswered = answer.ok
        }
        return answer
      },
    }
    const search = useSearchStore.getState()
    search.type(slowFirst, 'csv')
    await waitFor('the first answer back', () => calls === 1)
    search.type(slowFirst, '"unclosed')
    await waitFor('the newer answer', () => useSearchStore.getState().status === 'error')
    letFirstThrough()
    await waitFor('the older answer delivered', () => olderAnswered)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(useSearchStore.getState()).toMatchObject({ query: '"unclosed', status: 'error', result: null })
  })
})
