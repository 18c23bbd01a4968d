import { cp, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listStores, loadSession } from '../../../../src-main/core/listing'
import type { SessionDetail, SessionSummary, Store } from '../../../../src-shared/model'
import {
  aoDocument,
  astridDocument,
  makeTempDir,
  oxiosDocument,
  removeDir,
  writeAo,
  writeAstrid,
  writeFileDeep,
  writeOxios,
} from '../../../support/fixtures'
import {
  geminiLegacyRecord,
  geminiMeta,
  geminiReply,
  geminiTokens,
  geminiToolCall,
  geminiUser,
  writeGeminiLegacy,
} from '../../../support/gemini-fixtures'
import { repoPath } from '../../../support/repo'

// The whole-file formats (Oxios, Astrid, ao-rs, Gemini CLI's legacy .json): files that hold bytes
// but no readable session are problems, never dropped; a large file (read as a stream, keeping
// only what a summary needs) summarizes exactly as a small one (read by JSON.parse); Oxios
// records its own last activity.

const SHARED_GEMINI = '/work/shared/samples/gemini'
const APP_SAMPLES = repoPath('resources', 'samples')
const at = (minute: number) => new Date(Date.parse('2026-11-01T10:00:00Z') + minute * 60_000).toISOString()

let dir: string
beforeEach(async () => {
  dir = await makeTempDir('whole-file')
})
afterEach(() => removeDir(dir))

const stores = () => ({
  oxios: { format: 'oxios', root: join(dir, 'oxios', 'sessions') } as Store,
  astrid: { format: 'astrid', root: join(dir, 'astrid', 'sessions') } as Store,
  ao: { format: 'ao', root: join(dir, 'ao-rs', 'sessions') } as Store,
  gemini: { format: 'gemini', root: join(dir, 'gemini', 'tmp') } as Store,
})

describe('files that hold bytes but no readable session', () => {
  it('are problems with their reason in every whole-file format', async () => {
    const { oxios, astrid, ao, gemini } = stores()
    const uuid = (n: number) => `00000000-0000-4000-8000-00000000000${n}`
    // One good session per store, so each is recognised as a store of its format.
    await writeOxios(oxios.root, oxiosDocument({ id: 'good' }))
    await writeAstrid(astrid.root, astridDocument({ id: uuid(9) }))
    await writeAo(ao.root, aoDocument({}))
    await writeGeminiLegacy(
      gemini.root,
      'p',
      'session-good.json',
      geminiLegacyRecord({ sessionId: 'good', messages: [geminiUser('u1', 'Hi', at(1))] }),
    )
    const expected: Array<[string, string]> = [
      [await writeFileDeep(join(oxios.root, 'blank.json'), ' \n '), 'file holds only white space'],
      [await writeFileDeep(join(oxios.root, 'null.json'), 'null'), 'wrong shape: the document is not an object'],
      [await writeFileDeep(join(oxios.root, 'list.json'), '[{"id": "x"}]'), 'wrong shape: the document is not an object'],
      [await writeFileDeep(join(oxios.root, 'no-id.json'), '{"created_at": "2026-11-01T10:00:00Z"}'), 'wrong shape: "id" is missing'],
      [
        await writeFileDeep(join(oxios.root, 'bad-steps.json'), JSON.stringify({ ...oxiosDocument({ id: 'b' }), trajectory_steps: [1] })),
        'wrong shape: trajectory_steps[0] is not an object',
      ],
      [await writeFileDeep(join(astrid.root, `${uuid(1)}.json`), '{}'), 'wrong shape: "id" is missing'],
      [
        await writeFileDeep(join(astrid.root, `${uuid(2)}.json`), JSON.stringify({ id: uuid(2), created_at: at(0) })),
        'wrong shape: "messages" is missing',
      ],
      [
        await writeFileDeep(join(astrid.root, `${uuid(3)}.json`), '{"id": "'),
        'truncated JSON: the file ends in the middle of the document',
      ],
      [await writeFileDeep(join(ao.root, 'demo', `${uuid(4)}.yaml`), '- just\n- a list\n'), 'wrong shape: the document is not an object'],
      [await writeFileDeep(join(ao.root, 'demo', `${uuid(5)}.yaml`), 'id: x\n'), 'wrong shape: "status" is missing'],
      [await writeFileDeep(join(ao.root, 'demo', `${uuid(6)}.yaml`), '\n\n'), 'file holds only white space'],
      [
        await writeGeminiLegacy(gemini.root, 'p', 'session-no-messages.json', geminiMeta({ sessionId: 'nm' })),
        'wrong shape: "messages" is missing',
      ],
      [await writeFileDeep(join(gemini.root, 'p', 'chats', 'session-null.json'), 'null'), 'wrong shape: the document is not an object'],
    ]
    const listing = await listStores(Object.values(stores()), { archived: false })
    expect(listing.sessions).toHaveLength(4)
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path)
    expect([...listing.problems].sort(byPath)).toEqual(expected.map(([path, reason]) => ({ path, reason })).sort(byPath))
  })
})

describe('Oxios lastActivityAt', () => {
  it('is the newest message or step time, whatever updated_at a move wrote', async () => {
    const { oxios } = stores()
    const doc = oxiosDocument({
      id: 'active',
      createdAt: at(0),
      updatedAt: at(500),
      turns: [
        { user: 'First', agent: 'One' },
        { user: 'Second', agent: 'Two', steps: [{ tool: 'shell', at: at(90) }] },
      ],
    })
    await writeOxios(oxios.root, doc)
    // No message, step or response has a time: the session's creation is its last known activity.
    await writeOxios(oxios.root, {
      ...oxiosDocument({ id: 'quiet', createdAt: at(5), updatedAt: at(600) }),
      user_messages: [{ content: 'Hi' }],
      agent_responses: [{ content: 'Hello' }],
    })
    const { sessions } = await listStores([oxios], { archived: false })
    const byId = new Map(sessions.map((s) => [s.id, s]))
    expect(byId.get('active')).toMatchObject({ updatedAt: at(500), lastActivityAt: at(90) })
    expect(byId.get('quiet')).toMatchObject({ updatedAt: at(600), lastActivityAt: at(5) })
  })

  it('is left absent for Astrid, ao-rs and Gemini CLI legacy files, whose updatedAt already is the agent’s own time', async () => {
    const { astrid, ao, gemini } = stores()
    await writeAstrid(astrid.root, astridDocument({}))
    await writeAo(ao.root, aoDocument({}))
    await writeGeminiLegacy(
      gemini.root,
      'p',
      'session-x.json',
      geminiLegacyRecord({ sessionId: 'x', lastUpdated: at(9), messages: [geminiUser('u1', 'Hi', at(1))] }),
    )
    const { sessions } = await listStores([astrid, ao, gemini], { archived: false })
    expect(sessions).toHaveLength(3)
    for (const session of sessions) expect(session.lastActivityAt, session.format).toBeUndefined()
    expect(sessions.find((s) => s.format === 'gemini')?.updatedAt).toBe(at(9))
  })
})

/** The file padded past the streaming threshold by a top-level field no reader looks at. */
async function padded(path: string): Promise<void> {
  const text = await readFile(path, 'utf8')
  const at = text.lastIndexOf('}')
  await writeFile(path, `${text.slice(0, at).trimEnd()},\n  "zz_padding": "${'p'.repeat(5 * 1024 * 1024)}"\n}\n`)
}

const comparable = (s: SessionSummary) => ({ ...s, bytes: 0, modifiedAt: '', updatedAt: s.format === 'oxios' ? s.updatedAt : '' })

async function summariesAndDetails(store: Store): Promise<Array<[SessionSummary, SessionDetail]>> {
  const { sessions, problems } = await listStores([store], { archived: true })
  expect(problems).toEqual([])
  const out: Array<[SessionSummary, SessionDetail]> = []
  for (const session of [...sessions].sort((a, b) => a.id.localeCompare(b.id))) out.push([session, await loadSession(session)])
  return out
}

describe('a large whole-file session, read as a stream', () => {
  it('summarizes and loads exactly as when JSON.parse reads it, for every sample and fixture', async () => {
    const { oxios, astrid, gemini } = stores()
    await cp(join(APP_SAMPLES, 'oxios', 'workspace', 'sessions'), oxios.root, { recursive: true })
    await cp(join(APP_SAMPLES, 'astrid', 'sessions'), astrid.root, { recursive: true })
    await cp(join(SHARED_GEMINI, 'kvsankar', 'session-01.json'), join(gemini.root, 'p', 'chats', 'session-2026-01-01T10-00-sample01.json'))
    await writeOxios(
      oxios.root,
      oxiosDocument({
        id: 'steps',
        projectId: 'p1',
        metadata: { project_ids: 'a, b' },
        turns: [
          {
            user: `\n\n  ${'Long first line '.repeat(20)}\nsecond`,
            agent: 'A',
            steps: [
              { tool: 'shell', isError: true },
              { tool: 'read', args: { deep: [{ x: 1 }] } },
            ],
          },
          { user: 'Next', agent: 'B', steps: [{ tool: 'edit' }] },
          { user: 'Pending' },
        ],
      }),
    )
    await writeAstrid(
      astrid.root,
      astridDocument({
        id: '11111111-2222-4333-8444-555555555555',
        workspacePath: '/home/dev/app',
        extra: {
          git_state: { branch: 'main', commit: null },
          budget_snapshot: { session_spent_usd: 0.25, config: {}, last_updated: at(1) },
        },
        messages: [
          { role: 'system', content: 'sys' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Look at this' },
              { type: 'image', data: 'AAAA', media_type: 'image/png' },
            ],
          },
          {
            role: 'assistant',
            content: [
              { id: 't1', name: 'fs:read', arguments: { path: '/x' } },
              { id: 't2', name: 'fs:write', arguments: {} },
            ],
          },
          { role: 'tool', content: { call_id: 't1', content: 'data', is_error: false } },
          { role: 'tool', content: { call_id: 't2', content: 'denied', is_error: true } },
          { role: 'assistant', content: 'Done' },
          { role: 'robot', content: 'dropped' },
          { role: 'user', content: { not: 'a variant' } },
        ],
      }),
    )
    await writeGeminiLegacy(
      gemini.root,
      'p',
      'session-2026-11-01T10-00-fixture1.json',
      geminiLegacyRecord({
        sessionId: 'fixture1',
        summary: 'A summary title',
        messages: [
          geminiUser('u1', '/help', at(1)),
          geminiUser('u2', 'Fix the build', at(2), { displayContent: [{ text: 'Fix the build, please' }] }),
          geminiReply({
            id: 'g1',
            text: 'Looking',
            timestamp: at(3),
            tokens: geminiTokens(10, 2, 4),
            toolCalls: [
              geminiToolCall({ id: 'run_shell-1761991380000-a', name: 'run_shell', status: 'error', output: 'boom', timestamp: at(4) }),
              geminiToolCall({ id: 'read-2', name: 'read', status: 'success', output: 'ok', timestamp: at(4) }),
            ],
          }),
          { id: 'u3', type: 'user', timestamp: at(5), content: [{ functionResponse: { id: 'x', name: 'y', response: { output: 'z' } } }] },
          { id: 'i1', type: 'info', timestamp: at(6), content: 'note' },
        ],
      }),
    )
    const all = [oxios, astrid, gemini]
    const before = await Promise.all(all.map(summariesAndDetails))
    for (const store of all) {
      for (const entry of await readdir(store.root, { recursive: true, withFileTypes: true })) {
        if (entry.isFile() && entry.name.endsWith('.json')) await padded(join(entry.parentPath, entry.name))
      }
    }
    const after = await Promise.all(all.map(summariesAndDetails))
    expect(after.flat().length).toBeGreaterThanOrEqual(8)
    after.forEach((pairs, s) => {
      expect(pairs.length).toBe(before[s]?.length)
      pairs.forEach(([summary, detail], i) => {
        const [oldSummary, oldDetail] = before[s]?.[i] as [SessionSummary, SessionDetail]
        expect(summary.bytes).toBeGreaterThan(5 * 1024 * 1024)
        expect(comparable(summary), summary.path).toEqual(comparable(oldSummary))
        expect({ ...detail, session: null }, summary.path).toEqual({ ...oldDetail, session: null })
      })
    })
  })
})
