import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listStores, loadSession } from '../../../../../src-main/core/listing'
import type { SessionSummary, Store } from '../../../../../src-shared/model'
import { makeTempDir, oxiosDocument, removeDir, writeFileDeep, writeOxios } from '../../../../support/fixtures'

let dir: string
let store: Store

beforeEach(async () => {
  dir = await makeTempDir('oxios')
  store = { format: 'oxios', root: join(dir, 'workspace', 'sessions') }
  await mkdir(store.root, { recursive: true })
})
afterEach(() => removeDir(dir))

async function only(options: { all?: boolean } = {}): Promise<SessionSummary> {
  const listing = await listStores([store], { archived: options.all ?? false })
  expect(listing.problems).toEqual([])
  expect(listing.sessions).toHaveLength(1)
  return listing.sessions[0] as SessionSummary
}

describe('Oxios summaries', () => {
  it('reads every summary field from a full session', async () => {
    const doc = oxiosDocument({
      id: '6f1c2a3b-0000-4000-8000-000000000001',
      projectId: 'billing',
      createdAt: '2026-11-01T10:00:00.123456789Z',
      updatedAt: '2026-11-02T11:30:00+02:00',
      parentSessionId: 'parent-1',
      turns: [
        {
          user: 'Fix the invoice rounding',
          agent: 'Done',
          steps: [{ tool: 'read_file' }, { tool: 'shell', isError: true }],
        },
        { user: 'Now run the tests', agent: 'All green', steps: [{ tool: 'shell' }] },
      ],
    })
    const path = await writeOxios(store.root, doc)
    const session = await only()
    expect(session).toMatchObject({
      id: '6f1c2a3b-0000-4000-8000-000000000001',
      format: 'oxios',
      store: store.root,
      path,
      project: 'billing',
      projectPath: null,
      title: 'Fix the invoice rounding',
      createdAt: '2026-11-01T10:00:00.123Z',
      updatedAt: '2026-11-02T09:30:00.000Z',
      turns: 2,
      steps: 3,
      errors: 1,
      archived: false,
      model: null,
      status: null,
      parentId: 'parent-1',
      tokens: null,
    })
    expect(session.bytes).toBe(Buffer.byteLength(JSON.stringify(doc, null, 2)))
  })

  it('takes the project from project_id, then legacy metadata.project_id, then metadata.project_ids', async () => {
    await writeOxios(store.root, oxiosDocument({ id: 'a', projectId: 'direct', metadata: { project_id: 'legacy' } }))
    await writeOxios(store.root, oxiosDocument({ id: 'b', metadata: { project_id: 'legacy' } }))
    await writeOxios(store.root, oxiosDocument({ id: 'c', metadata: { project_ids: ' , first-of-list, second' } }))
    await writeOxios(store.root, oxiosDocument({ id: 'd', metadata: { project_ids: '' } }))
    await writeOxios(store.root, oxiosDocument({ id: 'e' }))
    const { sessions } = await listStores([store], { archived: false })
    const byId = Object.fromEntries(sessions.map((s) => [s.id, s.project]))
    expect(byId).toEqual({ a: 'direct', b: 'legacy', c: 'first-of-list', d: null, e: null })
  })

  it('titles from metadata.title when it is a string, else the first non-empty line of the first user message', async () => {
    await writeOxios(store.root, oxiosDocument({ id: 't1', metadata: { title: 'Named by the user' } }))
    await writeOxios(store.root, oxiosDocument({ id: 't2', metadata: { title: 42 }, turns: [{ user: '\n\n  Second line wins  \nthird' }] }))
    await writeOxios(store.root, oxiosDocument({ id: 't3', turns: [] }))
    const long = `${'é'.repeat(40)} and more words`
    await writeOxios(store.root, oxiosDocument({ id: 't4', turns: [{ user: long }] }))
    const { sessions } = await listStores([store], { archived: false })
    const titles = Object.fromEntries(sessions.map((s) => [s.id, s.title]))
    expect(titles.t1).toBe('Named by the user')
    expect(titles.t2).toBe('Second line wins')
    expect(titles.t3).toBe('Untitled session')
    // Over 60 bytes of UTF-8: 59 bytes (29 two-byte characters) and an ellipsis.
    expect(titles.t4).toBe(`${'é'.repeat(29)}…`)
  })

  it('counts a trailing user message without a response as a turn', async () => {
    await writeOxios(store.root, oxiosDocument({ turns: [{ user: 'one', agent: 'ok' }, { user: 'still thinking' }] }))
    const session = await only()
    expect(session.turns).toBe(2)
    const detail = await loadSession(session)
    expect(detail.turns).toHaveLength(2)
    expect(detail.turns[1]?.agent).toBeNull()
    expect(detail.turns[1]?.user?.text).toBe('still thinking')
  })

  it('lists archived sessions only with --all, marked as archived', async () => {
    await writeOxios(store.root, oxiosDocument({ id: 'live-one' }))
    await writeOxios(store.root, oxiosDocument({ id: 'old-one' }), '.archive')
    const active = await listStores([store], { archived: false })
    expect(active.sessions.map((s) => s.id)).toEqual(['live-one'])
    const all = await listStores([store], { archived: true })
    expect(all.sessions.map((s) => [s.id, s.archived]).sort()).toEqual([
      ['live-one', false],
      ['old-one', true],
    ])
  })

  it('ignores temp files, other categories and stray files', async () => {
    await writeOxios(store.root, oxiosDocument({ id: 'real' }))
    await writeFileDeep(join(store.root, 'real.json.4242.0b7e9c1e-1111-4222-8333-444455556666.tmp'), '{"id": "half')
    await writeFileDeep(join(store.root, 'x.tmp'), 'junk')
    await writeFileDeep(join(store.root, 'notes.md'), '# notes')
    await writeFileDeep(join(store.root, '.DS_Store'), 'junk')
    await writeFileDeep(join(dir, 'workspace', 'agents', 'agent-1.json'), '{"not": "a session"}')
    await writeFileDeep(join(dir, 'workspace', 'README.md'), 'hi')
    const listing = await listStores([store], { archived: true })
    expect(listing.sessions.map((s) => s.id)).toEqual(['real'])
    expect(listing.problems).toEqual([])
  })
})

describe('Oxios detail', () => {
  it('pairs user_messages[i] with agent_responses[i] and slices trajectory_steps by trajectory_range', async () => {
    const doc = oxiosDocument({
      turns: [
        {
          user: 'Read the file',
          agent: 'Here it is',
          steps: [
            { tool: 'read_file', args: { path: 'src/a.rs' }, output: 'fn main() {}', durationMs: 1200 },
            { tool: 'grep', args: { pattern: 'todo' }, output: 'no match', durationMs: 40, isError: true },
          ],
        },
        { user: 'Thanks', agent: 'You are welcome' },
        { user: 'Run it', agent: 'Ran', steps: [{ tool: 'shell', args: { command: 'cargo run' }, durationMs: 9000 }] },
      ],
    })
    await writeOxios(store.root, doc)
    const detail = await loadSession(await only())
    expect(detail.turns.map((t) => [t.index, t.user?.text, t.agent?.text, t.steps.map((s) => s.tool)])).toEqual([
      [0, 'Read the file', 'Here it is', ['read_file', 'grep']],
      [1, 'Thanks', 'You are welcome', []],
      [2, 'Run it', 'Ran', ['shell']],
    ])
    const [read, grep] = detail.turns[0]?.steps ?? []
    expect(read).toMatchObject({
      id: 'call_0_0',
      tool: 'read_file',
      args: { path: 'src/a.rs' },
      output: 'fn main() {}',
      durationMs: 1200,
      isError: false,
      at: '2026-11-01T10:00:01.000Z',
    })
    expect(grep).toMatchObject({ isError: true, durationMs: 40 })
    expect(detail.turns[0]?.user?.at).toBe('2026-11-01T10:00:00.000Z')
    expect(detail.turns[0]?.agent?.at).toBe('2026-11-01T10:00:30.000Z')
  })

  it('keeps steps that no range covers, placing them by time', async () => {
    const doc = oxiosDocument({
      turns: [
        { user: 'first', agent: 'a' },
        { user: 'second', agent: 'b' },
      ],
      extra: {
        trajectory_steps: [
          {
            tool_name: 'early',
            tool_args: {},
            output_summary: '',
            duration_ms: 5,
            is_error: false,
            tool_call_id: 'x1',
            timestamp: '2026-11-01T10:00:05Z',
          },
          {
            tool_name: 'late',
            tool_args: {},
            output_summary: '',
            duration_ms: 5,
            is_error: false,
            tool_call_id: 'x2',
            timestamp: '2026-11-01T10:01:05Z',
          },
        ],
      },
    })
    await writeOxios(store.root, doc)
    const detail = await loadSession(await only())
    expect(detail.turns.map((t) => t.steps.map((s) => s.tool))).toEqual([['early'], ['late']])
  })

  it('clamps a range that runs past the steps and ignores legacy fields', async () => {
    const doc = oxiosDocument({ turns: [{ user: 'go', agent: 'went', steps: [{ tool: 'only' }] }], extra: { active_seed_id: 'seed-9' } })
    ;(doc.agent_responses as Array<Record<string, unknown>>)[0] = {
      ...(doc.agent_responses as Array<Record<string, unknown>>)[0],
      trajectory_range: { start: 0, end: 99 },
      seed_id: 'legacy',
    }
    await writeOxios(store.root, doc)
    const detail = await loadSession(await only())
    expect(detail.turns[0]?.steps.map((s) => s.tool)).toEqual(['only'])
  })
})
