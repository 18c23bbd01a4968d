// The agent-log formats end to end against the real service in this process, through the real
// zustand stores (no React): refused moves reach the toast, inline sub-agents load, sub-agent links
// reveal the child. The Claude Code store is written by the tests; Codex CLI and Gemini CLI are the samples.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createActions } from '../../src-renderer/src/actions'
import { openSessionInTree } from '../../src-renderer/src/commands'
import { initialOperations } from '../../src-renderer/src/state/operations'
import { emptySelection } from '../../src-renderer/src/state/selection'
import { flattenTree, projectRowId, sessionRowId, storeRowId } from '../../src-renderer/src/state/tree'
import { useOperationsStore } from '../../src-renderer/src/stores/operations-store'
import { useSessionsStore } from '../../src-renderer/src/stores/sessions-store'
import { useUiStore } from '../../src-renderer/src/stores/ui-store'
import { startIndexSync } from '../../src-renderer/src/sync/index-sync'
import type { StoreFormat } from '../../src-shared/model'
import { type InProcessClient, startInProcessClient } from './doubles/in-process-client'
import { PAYMENTS_KEY, type ClaudeStore, writeClaudeStore } from './support/claude-store'
import { copySampleStores } from '../support/sample-stores'
import { waitFor } from '../support/wait-for'

/** The Codex CLI sample in ledger-cli ("`ledger import` panics on a CSV exported from my bank…"). */
const CODEX_LEDGER = '019a6f3e-5b21-7c48-9d0e-2a71c4e8b305'

let client: InProcessClient | null = null

async function setup() {
  let claude: ClaudeStore | undefined
  client = await startInProcessClient({
    stores: async (dir) => {
      claude = await writeClaudeStore(dir)
      return [claude.home, ...(await copySampleStores(dir, ['codex', 'gemini']))]
    },
  })
  const sync = startIndexSync(client, {
    getData: () => useSessionsStore.getState().data,
    setData: (data) => useSessionsStore.getState().setData(data),
    setError: (message) => useSessionsStore.getState().setError(message),
  })
  const data = await waitFor('the first snapshot', () => useSessionsStore.getState().data)
  const storeId = (format: StoreFormat) => data.stores.find((store) => store.format === format)!.id
  return { client, sync, ids: claude!.ids, storeId, actions: createActions(client, () => sync.refresh()) }
}

const lastToast = () => useOperationsStore.getState().toasts.at(-1)

describe('agent-log formats against the real service', () => {
  beforeEach(() => {
    useOperationsStore.setState(initialOperations)
    useSessionsStore.setState({ data: null, status: 'loading', error: null, trash: {} })
    useUiStore.setState({ expansion: {}, selection: emptySelection, focusedId: null, openSession: null })
  })
  afterEach(async () => {
    await client?.close()
    client = null
  })

  it('shows the main side’s refusal of a Codex CLI move in the toast', async () => {
    const { actions, sync, storeId } = await setup()
    expect(
      await actions.move([{ storeId: storeId('codex'), id: CODEX_LEDGER }], { kind: 'project', name: '/home/dana/src/billing-api' }),
    ).toBe(false)
    expect(lastToast()).toMatchObject({ tone: 'error', title: 'Could not move 1 session', undoable: false })
    expect(lastToast()?.details[0]).toMatch(/: skipped, not supported for this format$/)
    sync.stop()
  })

  it('moves a Claude Code session and names the target by its working directory; its sub-agents cannot move alone', async () => {
    const { actions, sync, storeId, ids } = await setup()
    const to = { kind: 'project' as const, name: '-home-dana-src-app' }
    expect(await actions.move([{ storeId: storeId('claude'), id: ids.notes }], to, 'app')).toBe(true)
    expect(lastToast()).toMatchObject({ tone: 'success', title: 'Moved 1 session to app' })
    expect(await actions.move([{ storeId: storeId('claude'), id: ids.explore }], to, 'app')).toBe(false)
    expect(lastToast()?.details[0]).toMatch(/a sub-agent session moves with its parent session/)
    sync.stop()
  })

  it('loads a sub-agent recorded inside its parent’s file, and a session’s models and skipped lines', async () => {
    const { client, sync, storeId, ids } = await setup()
    const inline = await client.loadSession({ storeId: storeId('claude'), id: ids.flakySearch })
    expect(inline.ok && inline.value.session.title).toBe('Search the CI logs for refund test failures')
    const parent = await client.loadSession({ storeId: storeId('claude'), id: ids.migrate })
    expect(parent.ok && parent.value).toMatchObject({ models: ['claude-sonnet-4-5', 'claude-haiku-4-5'], skippedLines: 2 })
    expect(parent.ok && parent.value.turns[2]?.compactedBefore).toMatchObject({ trigger: 'auto', preTokens: 155_979 })
    sync.stop()
  })

  it('opens a sub-agent from its parent’s link: expanded into view, selected, focused and open', async () => {
    const { sync, storeId, ids } = await setup()
    const claude = storeId('claude')
    openSessionInTree({ storeId: claude, id: ids.flakyFix })
    const ui = useUiStore.getState()
    const rowId = sessionRowId(claude, ids.flakyFix)
    expect(ui.openSession).toEqual({ storeId: claude, id: ids.flakyFix })
    expect([...ui.selection.selected]).toEqual([rowId])
    expect(ui.focusedId).toBe(rowId)
    expect(ui.expansion).toMatchObject({
      [storeRowId(claude)]: true,
      [projectRowId(claude, PAYMENTS_KEY)]: true,
      [sessionRowId(claude, ids.flaky)]: true,
    })
    const data = useSessionsStore.getState().data!
    const rows = flattenTree({
      stores: data.stores,
      sessions: data.sessions,
      problems: [],
      trash: {},
      filter: '',
      showArchived: false,
      expansion: ui.expansion,
    })
    expect(rows.find((row) => row.id === rowId)).toMatchObject({ level: 4, isSubAgent: true })
    sync.stop()
  })

  it('labels the Claude Code projects by working directory and offers no Unfiled in Codex and Gemini', async () => {
    const { sync, storeId } = await setup()
    const data = useSessionsStore.getState().data!
    const rows = flattenTree({
      stores: data.stores,
      sessions: data.sessions,
      problems: [],
      trash: {},
      filter: '',
      showArchived: false,
      expansion: {},
    })
    const projectsOf = (format: StoreFormat) =>
      rows
        .filter((row) => row.kind === 'project' && row.storeId === storeId(format))
        .map((row) => row.kind === 'project' && row.label.label)
    expect(projectsOf('claude')).toEqual(['-home-dana-notes', 'app', 'app', 'payments-service'])
    expect(projectsOf('codex')).toEqual(['billing-api', 'ledger-cli'])
    expect(projectsOf('gemini')).toEqual(['docs-site', 'ledger-cli'])
    const payments = rows.find((row) => row.id === projectRowId(storeId('claude'), PAYMENTS_KEY))
    // Two conversations, their four sub-agents counted on their own rows.
    expect(payments).toMatchObject({ count: 2 })
    sync.stop()
  })
})
