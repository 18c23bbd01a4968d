import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listStores, loadSession } from '../../../../../src-main/core/listing'
import type { SessionSummary, Store } from '../../../../../src-shared/model'
import { astridDocument, makeTempDir, removeDir, setMtime, writeAstrid, writeFileDeep } from '../../../../support/fixtures'
import { decodeAstridContent } from '../../../../../src-main/core/formats/astrid/index'

let dir: string
let store: Store

beforeEach(async () => {
  dir = await makeTempDir('astrid')
  store = { format: 'astrid', root: join(dir, '.astrid', 'sessions') }
  await mkdir(store.root, { recursive: true })
})
afterEach(() => removeDir(dir))

const ID = '3b0e8c3e-5d2a-4c1e-9f3a-8e2b7c6d5a41'

async function only(): Promise<SessionSummary> {
  const listing = await listStores([store], { archived: false })
  expect(listing.problems).toEqual([])
  expect(listing.sessions).toHaveLength(1)
  return listing.sessions[0] as SessionSummary
}

describe('Astrid content (serde untagged)', () => {
  it('decodes each variant in the order serde tries them', () => {
    expect(decodeAstridContent('hello')).toEqual({ kind: 'text', text: 'hello' })
    expect(decodeAstridContent([])).toEqual({ kind: 'calls', calls: [] })
    expect(decodeAstridContent([{ id: 't1', name: 'fs:read', arguments: { path: '/x' } }])).toEqual({
      kind: 'calls',
      calls: [{ id: 't1', name: 'fs:read', arguments: { path: '/x' } }],
    })
    expect(decodeAstridContent({ call_id: 't1', content: 'data' })).toEqual({
      kind: 'result',
      callId: 't1',
      text: 'data',
      isError: false,
    })
    expect(decodeAstridContent({ call_id: 't1', content: 'boom', is_error: true })).toMatchObject({ isError: true })
    expect(
      decodeAstridContent([
        { type: 'text', text: 'look at this' },
        { type: 'image', data: 'iVBORw0KGgo=', media_type: 'image/png' },
      ]),
    ).toEqual({ kind: 'parts', text: 'look at this\n[image: image/png]' })
  })

  it('rejects content no variant accepts, as Astrid drops such messages', () => {
    expect(decodeAstridContent(42)).toBeNull()
    expect(decodeAstridContent({ unexpected: true })).toBeNull()
    expect(decodeAstridContent([1, 2])).toBeNull()
    expect(decodeAstridContent(null)).toBeNull()
  })
})

describe('Astrid sessions', () => {
  const conversation = [
    { role: 'system', content: 'You are Astrid.' },
    { role: 'user', content: 'Read the config\nplease' },
    { role: 'assistant', content: [{ id: 'call-1', name: 'filesystem:read_file', arguments: { path: '/etc/app.toml' } }] },
    { role: 'tool', content: { call_id: 'call-1', content: 'port = 8080', is_error: false } },
    { role: 'assistant', content: [{ id: 'call-2', name: 'filesystem:stat', arguments: { path: '/nope' } }] },
    { role: 'tool', content: { call_id: 'call-2', content: 'No such file', is_error: true } },
    { role: 'assistant', content: 'The port is 8080.' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'And this screenshot?' },
        { type: 'image', data: 'AAAA', media_type: 'image/png' },
      ],
    },
    { role: 'assistant', content: [] },
    { role: 'assistant', content: 'A login page.' },
    { role: 'narrator', content: 'dropped: unknown role' },
    { role: 'user', content: { weird: 'dropped: no variant matches' } },
  ]

  it('summarizes turns, tool calls, errors, project, model, branch and cost', async () => {
    const path = await writeAstrid(
      store.root,
      astridDocument({
        id: ID,
        messages: conversation,
        workspacePath: '/home/dana/src/billing-api',
        createdAt: '2026-11-02T09:00:00.5Z',
        extra: {
          git_state: { branch: 'fix/rounding', commit: 'abc123' },
          budget_snapshot: { session_spent_usd: 0.42, config: {}, last_updated: '2026-11-02T09:10:00Z' },
        },
      }),
    )
    await setMtime(path, '2026-11-05T12:00:00Z')
    expect(await only()).toMatchObject({
      id: ID,
      format: 'astrid',
      project: '/home/dana/src/billing-api',
      projectPath: '/home/dana/src/billing-api',
      title: 'Read the config',
      createdAt: '2026-11-02T09:00:00.500Z',
      updatedAt: '2026-11-05T12:00:00.000Z',
      turns: 2,
      steps: 2,
      errors: 1,
      model: 'claude-sonnet-4-20250514',
      branch: 'fix/rounding',
      costUsd: 0.42,
      status: null,
      parentId: null,
      tokens: null,
      archived: false,
    })
  })

  it('builds turns from user prompts, pairing each call with its result by call id, without times', async () => {
    await writeAstrid(store.root, astridDocument({ id: ID, messages: conversation }))
    const detail = await loadSession(await only())
    expect(detail.turns).toHaveLength(2)
    const [first, second] = detail.turns
    expect(first?.user).toEqual({ text: 'Read the config\nplease', at: null })
    expect(first?.agent).toEqual({ text: 'The port is 8080.', at: null })
    expect(first?.steps).toEqual([
      {
        id: 'call-1',
        tool: 'filesystem:read_file',
        args: { path: '/etc/app.toml' },
        output: 'port = 8080',
        at: null,
        durationMs: null,
        isError: false,
      },
      { id: 'call-2', tool: 'filesystem:stat', args: { path: '/nope' }, output: 'No such file', at: null, durationMs: null, isError: true },
    ])
    expect(second?.user?.text).toBe('And this screenshot?\n[image: image/png]')
    expect(second?.steps).toEqual([])
    expect(second?.agent?.text).toBe('A login page.')
  })

  it('uses metadata.title first, and an unanswered call has no output', async () => {
    await writeAstrid(
      store.root,
      astridDocument({
        id: ID,
        title: 'Config review',
        workspacePath: null,
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: [{ id: 'c', name: 'shell:run', arguments: {} }] },
        ],
      }),
    )
    const session = await only()
    expect(session).toMatchObject({ title: 'Config review', project: null, projectPath: null, turns: 1, steps: 1, errors: 0 })
    const detail = await loadSession(session)
    expect(detail.turns[0]?.steps[0]?.output).toBeNull()
  })

  it('only lists .json files whose name is a UUID, skipping the kernel socket and temp files', async () => {
    await writeAstrid(store.root, astridDocument({ id: ID }))
    await writeFileDeep(join(store.root, 'not-a-uuid.json'), '{}')
    await writeFileDeep(join(store.root, `${ID}.json.tmp`), '{')
    await writeFileDeep(join(store.root, 'index.txt'), 'x')
    const listing = await listStores([store], { archived: true })
    expect(listing.sessions.map((s) => s.id)).toEqual([ID])
    expect(listing.problems).toEqual([])
  })

  it('reports a document without messages as wrongly shaped', async () => {
    const doc = astridDocument({ id: ID })
    delete doc.messages
    await writeAstrid(store.root, doc)
    const listing = await listStores([store], { archived: false })
    expect(listing.sessions).toEqual([])
    expect(listing.problems).toEqual([{ path: join(store.root, `${ID}.json`), reason: 'wrong shape: "messages" is missing' }])
  })
})
