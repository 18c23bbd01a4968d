// The agent-log formats end to end against the fake client, through the real zustand stores (no
// React): refused moves reach the toast, inline sub-agents load, sub-agent links reveal the child.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createActions } from '../../src-renderer/src/actions'
import { AGENT_DETAILS, AGENT_IDS, AGENT_SESSIONS, AGENT_STORES, AGENT_TURNS } from './doubles/fake-agent-data'
import { FAKE_STORES, createFakeClient } from './doubles/fake-client'
import { FAKE_SESSIONS, FAKE_TURNS } from './doubles/fake-data'
import { openSessionInTree } from '../../src-renderer/src/commands'
import { initialOperations } from '../../src-renderer/src/state/operations'
import { emptySelection } from '../../src-renderer/src/state/selection'
import { flattenTree, projectRowId, sessionRowId, storeRowId } from '../../src-renderer/src/state/tree'
import { useOperationsStore } from '../../src-renderer/src/stores/operations-store'
import { useSessionsStore } from '../../src-renderer/src/stores/sessions-store'
import { useUiStore } from '../../src-renderer/src/stores/ui-store'
import { startIndexSync } from '../../src-renderer/src/sync/index-sync'

async function setup() {
  const client = createFakeClient({
    stores: [...FAKE_STORES, ...AGENT_STORES],
    sessions: [...FAKE_SESSIONS, ...AGENT_SESSIONS],
    turns: { ...FAKE_TURNS, ...AGENT_TURNS },
    details: AGENT_DETAILS,
  })
  const sync = startIndexSync(client, {
    getData: () => useSessionsStore.getState().data,
    setData: (data) => useSessionsStore.getState().setData(data),
    setError: (message) => useSessionsStore.getState().setError(message),
  })
  await vi.waitFor(() => expect(useSessionsStore.getState().data).not.toBeNull())
  return { client, sync, actions: createActions(client, () => sync.refresh()) }
}

const lastToast = () => useOperationsStore.getState().toasts.at(-1)

describe('agent-log formats against the fake client', () => {
  beforeEach(() => {
    useOperationsStore.setState(initialOperations)
    useSessionsStore.setState({ data: null, status: 'loading', error: null, trash: {} })
    useUiStore.setState({ expansion: {}, selection: emptySelection, focusedId: null, openSession: null })
  })

  it('shows the main side’s refusal of a Codex CLI move in the toast', async () => {
    const { actions, sync } = await setup()
    expect(
      await actions.move([{ storeId: 'store-codex', id: AGENT_IDS.codexRetry }], { kind: 'project', name: '/home/dana/src/cli-tools' }),
    ).toBe(false)
    expect(lastToast()).toMatchObject({ tone: 'error', title: 'Could not move 1 session', undoable: false })
    expect(lastToast()?.details[0]).toMatch(/: skipped, not supported for this format$/)
    sync.stop()
  })

  it('moves a Claude Code session and names the target by its working directory; its sub-agents cannot move alone', async () => {
    const { actions, sync } = await setup()
    const to = { kind: 'project' as const, name: '-home-dana-src-app' }
    expect(await actions.move([{ storeId: 'store-claude', id: AGENT_IDS.notes }], to, 'app')).toBe(true)
    expect(lastToast()).toMatchObject({ tone: 'success', title: 'Moved 1 session to app' })
    expect(await actions.move([{ storeId: 'store-claude', id: AGENT_IDS.explore }], to, 'app')).toBe(false)
    expect(lastToast()?.details[0]).toMatch(/a sub-agent session moves with its parent session/)
    sync.stop()
  })

  it('loads a sub-agent recorded inside its parent’s file, and a session’s models and skipped lines', async () => {
    const { client, sync } = await setup()
    const inline = await client.loadSession({ storeId: 'store-claude', id: AGENT_IDS.flakySearch })
    expect(inline.ok && inline.value.session.title).toBe('Search the CI logs for refund test failures')
    const parent = await client.loadSession({ storeId: 'store-claude', id: AGENT_IDS.migrate })
    expect(parent.ok && parent.value).toMatchObject({ models: ['claude-sonnet-4-5', 'claude-haiku-4-5'], skippedLines: 2 })
    expect(parent.ok && parent.value.turns[2]?.compactedBefore).toMatchObject({ trigger: 'auto', preTokens: 155_979 })
    sync.stop()
  })

  it('opens a sub-agent from its parent’s link: expanded into view, selected, focused and open', async () => {
    const { sync } = await setup()
    openSessionInTree({ storeId: 'store-claude', id: AGENT_IDS.flakyFix })
    const ui = useUiStore.getState()
    const rowId = sessionRowId('store-claude', AGENT_IDS.flakyFix)
    expect(ui.openSession).toEqual({ storeId: 'store-claude', id: AGENT_IDS.flakyFix })
    expect([...ui.selection.selected]).toEqual([rowId])
    expect(ui.focusedId).toBe(rowId)
    expect(ui.expansion).toMatchObject({
      [storeRowId('store-claude')]: true,
      [projectRowId('store-claude', '-home-dana-src-payments-service')]: true,
      [sessionRowId('store-claude', AGENT_IDS.flaky)]: true,
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
    const { sync } = await setup()
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
    const projectsOf = (storeId: string) =>
      rows.filter((row) => row.kind === 'project' && row.storeId === storeId).map((row) => row.kind === 'project' && row.label.label)
    expect(projectsOf('store-claude')).toEqual(['-home-dana-notes', 'app', 'app', 'payments-service'])
    expect(projectsOf('store-codex')).toEqual(['cli-tools', 'payments-service'])
    expect(projectsOf('store-gemini')).toEqual(['site'])
    const payments = rows.find((row) => row.id === projectRowId('store-claude', '-home-dana-src-payments-service'))
    // Two conversations, their four sub-agents counted on their own rows.
    expect(payments).toMatchObject({ count: 2 })
    sync.stop()
  })
})
