import { readFile, readdir, stat, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listStores } from '../../../../src-main/core/listing'
import type { SessionSummary, Store } from '../../../../src-shared/model'
import { withChildrenAfterParents } from '../../../../src-shared/session-order'
import { makeTempDir, readTree, removeDir, writeFileDeep } from '../../../support/fixtures'
import {
  archiveSessions,
  moveSessions,
  operationsContext,
  restoreSessions,
  trashSessions,
  unarchiveSessions,
} from '../../../../src-main/core/operations/operations'
import { undoLast } from '../../../../src-main/core/operations/undo'
import { emptyTrash, listTrash } from '../../../../src-main/core/operations/trash'

// Operations on the agent-log formats: Claude Code sessions move with their sub-agents between
// project folders; Codex and Gemini sessions archive and trash as files but never move.

const OLD = new Date('2026-10-01T00:00:00Z')
const SESSION = '0f8fad5b-d9cb-469f-a165-70867728950e'

let dir: string
beforeEach(async () => {
  dir = await makeTempDir('agent-logs')
})
afterEach(() => removeDir(dir))

const jsonl = (...lines: unknown[]) => lines.map((line) => JSON.stringify(line)).join('\n') + '\n'

function claudeLines(sessionId: string, cwd: string, extra: Record<string, unknown> = {}) {
  const base = { sessionId, cwd, version: '2.1.7', userType: 'external', isSidechain: false, ...extra }
  return [
    {
      ...base,
      type: 'user',
      uuid: `${sessionId}-u1`,
      parentUuid: null,
      timestamp: '2026-10-01T10:00:00.000Z',
      message: { role: 'user', content: 'Refactor the parser' },
    },
    {
      ...base,
      type: 'assistant',
      uuid: `${sessionId}-a1`,
      parentUuid: `${sessionId}-u1`,
      timestamp: '2026-10-01T10:00:05.000Z',
      message: {
        id: 'msg_1',
        role: 'assistant',
        model: 'claude-sonnet-4-5-20250929',
        content: [{ type: 'text', text: 'Done.' }],
        usage: { input_tokens: 5, output_tokens: 7 },
      },
    },
  ]
}

/** A Claude Code project folder with one session, an old-style agent file and a new-style sub-agent. */
async function claudeStore(): Promise<{ store: Store; project: string }> {
  const root = join(dir, '.claude', 'projects')
  const project = join(root, '-home-dev-app')
  await writeFileDeep(join(project, `${SESSION}.jsonl`), jsonl(...claudeLines(SESSION, '/home/dev/app')))
  const agentBase = { agentId: 'a1b2c3d4', isSidechain: true }
  await writeFileDeep(
    join(project, 'agent-a1b2c3d4.jsonl'),
    jsonl(
      ...claudeLines(SESSION, '/home/dev/app', agentBase).map((line, i) => ({
        ...line,
        uuid: `old-${i}`,
        message: i === 0 ? { role: 'user', content: 'Search the codebase for parse()' } : line.message,
      })),
    ),
  )
  const nested = join(project, SESSION, 'subagents')
  await writeFileDeep(
    join(nested, 'agent-5e6f7a8.jsonl'),
    jsonl(
      ...claudeLines(SESSION, '/home/dev/app', { agentId: '5e6f7a8', isSidechain: true }).map((line, i) => ({
        ...line,
        uuid: `new-${i}`,
        message: i === 0 ? { role: 'user', content: 'Write the tests' } : line.message,
      })),
    ),
  )
  await writeFileDeep(join(nested, 'agent-5e6f7a8.meta.json'), '{"agentType":"general-purpose","description":"tests"}')
  // Another session of another project, so a move has somewhere to go.
  await writeFileDeep(
    join(root, '-home-dev-web', 'a3bb189e-8bf9-3888-9912-ace4e6543002.jsonl'),
    jsonl(...claudeLines('a3bb189e-8bf9-3888-9912-ace4e6543002', '/home/dev/web')),
  )
  for (const path of await allFiles(root)) await utimes(path, OLD, OLD)
  return { store: { format: 'claude', root }, project }
}

async function allFiles(root: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name))
  }
  return out
}

async function sessionsOf(store: Store): Promise<SessionSummary[]> {
  return withChildrenAfterParents((await listStores([store], { archived: true })).sessions)
}

describe('Claude Code', () => {
  it('moves a session with its sub-agents into another project folder, byte for byte, and undo brings them back', async () => {
    const { store, project } = await claudeStore()
    const before = await readTree(store.root)
    const ctx = operationsContext(join(dir, 'data'))
    const sessions = await sessionsOf(store)
    const main = sessions.find((s) => s.id === SESSION)!
    expect(
      sessions
        .filter((s) => s.parentId === SESSION)
        .map((s) => s.id)
        .sort(),
    ).toEqual(['5e6f7a8', 'a1b2c3d4'])
    const result = await moveSessions(ctx, [main], { kind: 'project', name: '-home-dev-web' })
    expect(result.skipped).toEqual([])
    const target = join(store.root, '-home-dev-web')
    expect((await readdir(target)).sort()).toEqual(
      [SESSION, `${SESSION}.jsonl`, 'a3bb189e-8bf9-3888-9912-ace4e6543002.jsonl', 'agent-a1b2c3d4.jsonl'].sort(),
    )
    expect(await readdir(project)).toEqual([])
    const after = await readTree(store.root)
    expect(after[join('-home-dev-web', `${SESSION}.jsonl`)]).toBe(before[join('-home-dev-app', `${SESSION}.jsonl`)])
    expect(after[join('-home-dev-web', SESSION, 'subagents', 'agent-5e6f7a8.meta.json')]).toBeDefined()
    const moved = await sessionsOf(store)
    expect(
      moved
        .filter((s) => s.project === '-home-dev-web')
        .map((s) => s.id)
        .sort(),
    ).toEqual(['5e6f7a8', SESSION, 'a1b2c3d4', 'a3bb189e-8bf9-3888-9912-ace4e6543002'].sort())

    await undoLast(ctx)
    expect(await readTree(store.root)).toEqual(before)
  })

  it('encodes a target given as a path the way Claude Code names folders, and refuses moving a sub-agent alone', async () => {
    const { store } = await claudeStore()
    const ctx = operationsContext(join(dir, 'data'))
    const sessions = await sessionsOf(store)
    const child = sessions.find((s) => s.id === 'a1b2c3d4')!
    expect((await moveSessions(ctx, [child], { kind: 'project', name: '-home-dev-web' })).skipped).toEqual([
      { id: 'a1b2c3d4', reason: 'a sub-agent session moves with its parent session' },
    ])
    const main = sessions.find((s) => s.id === SESSION)!
    const result = await moveSessions(ctx, [main], { kind: 'project', name: '/home/dev/new_app.v2' })
    expect(result.done[0]?.to).toBe('-home-dev-new-app-v2')
    expect((await stat(join(store.root, '-home-dev-new-app-v2', `${SESSION}.jsonl`))).isFile()).toBe(true)
    expect((await moveSessions(ctx, [main], { kind: 'unfiled' })).skipped[0]?.reason).toMatch(/always belongs to a project folder/)
  })

  it('archives and trashes the whole set into the project .archive/ and .trash/, and back', async () => {
    const { store, project } = await claudeStore()
    const before = await readTree(store.root)
    const ctx = operationsContext(join(dir, 'data'))
    const main = (await sessionsOf(store)).find((s) => s.id === SESSION)!
    await archiveSessions(ctx, [main])
    expect((await readdir(join(project, '.archive'))).sort()).toEqual([SESSION, `${SESSION}.jsonl`, 'agent-a1b2c3d4.jsonl'].sort())
    const archived = (await sessionsOf(store)).filter((s) => s.archived)
    expect(archived.map((s) => s.id).sort()).toEqual(['5e6f7a8', SESSION, 'a1b2c3d4'].sort())
    await unarchiveSessions(ctx, [archived.find((s) => s.id === SESSION)!])
    expect(await readTree(store.root)).toEqual(before)

    await trashSessions(ctx, [(await sessionsOf(store)).find((s) => s.id === SESSION)!])
    expect((await readdir(join(project, '.trash'))).sort()).toEqual([SESSION, `${SESSION}.jsonl`, 'agent-a1b2c3d4.jsonl'].sort())
    const trashed = (await listTrash(store)).sessions
    expect(trashed.map((s) => [s.id, s.project]).sort()).toEqual(
      [
        ['5e6f7a8', '-home-dev-app'],
        [SESSION, '-home-dev-app'],
        ['a1b2c3d4', '-home-dev-app'],
      ].sort(),
    )
    await restoreSessions(
      ctx,
      trashed.filter((s) => s.id === SESSION),
    )
    expect(await readTree(store.root)).toEqual(before)
    // Emptying the trash empties every project's.
    await trashSessions(ctx, [(await sessionsOf(store)).find((s) => s.id === SESSION)!])
    expect((await emptyTrash(store)).files).toBe(4)
    expect(await readdir(project)).toEqual(['.archive'])
  })
})

describe('Codex CLI and Gemini CLI', () => {
  const codexId = '019c8a4c-ed82-79a1-aa28-7738fc5ab61a'
  const codexName = `rollout-2026-02-23T12-40-23-${codexId}.jsonl`

  async function codexStore(): Promise<Store> {
    const root = join(dir, '.codex')
    const lines = [
      {
        timestamp: '2026-02-23T12:40:23.000Z',
        type: 'session_meta',
        payload: {
          id: codexId,
          timestamp: '2026-02-23T12:40:23.000Z',
          cwd: '/home/dev/app',
          originator: 'codex_cli_rs',
          cli_version: '0.104.0',
        },
      },
      { timestamp: '2026-02-23T12:40:24.000Z', type: 'event_msg', payload: { type: 'user_message', message: 'Fix the build' } },
    ]
    const path = await writeFileDeep(join(root, 'sessions', '2026', '02', '23', codexName), jsonl(...lines))
    await utimes(path, OLD, OLD)
    return { format: 'codex', root }
  }

  it('Codex: refuses moves, archives into archived_sessions/ and back into its date folder', async () => {
    const store = await codexStore()
    const ctx = operationsContext(join(dir, 'data'))
    const [session] = await sessionsOf(store)
    expect(session?.id).toBe(codexId)
    const before = await readTree(store.root)
    expect((await moveSessions(ctx, [session!], { kind: 'project', name: 'elsewhere' })).skipped).toEqual([
      { id: codexId, reason: 'not supported for this format' },
    ])
    expect(await readTree(store.root)).toEqual(before)
    await archiveSessions(ctx, [session!])
    expect(await readdir(join(store.root, 'archived_sessions'))).toEqual([codexName])
    const archived = (await sessionsOf(store))[0]!
    expect(archived.archived).toBe(true)
    await unarchiveSessions(ctx, [archived])
    expect(await readTree(store.root)).toEqual(before)
  })

  it('Gemini: refuses moves, archives beside the chats', async () => {
    const root = join(dir, '.gemini', 'tmp')
    const chats = join(root, 'my-app', 'chats')
    const file = join(chats, 'session-2026-01-16T10-00-abcd1234.json')
    await writeFileDeep(
      file,
      JSON.stringify(
        {
          sessionId: 'abcd1234-0000-4000-8000-000000000000',
          projectHash: 'f'.repeat(64),
          startTime: '2026-01-16T10:00:00.000Z',
          lastUpdated: '2026-01-16T10:05:00.000Z',
          messages: [
            { id: 'm1', timestamp: '2026-01-16T10:00:00.000Z', type: 'user', content: 'Hello' },
            { id: 'm2', timestamp: '2026-01-16T10:00:03.000Z', type: 'gemini', content: 'Hi!', model: 'gemini-2.5-flash' },
          ],
        },
        null,
        2,
      ),
    )
    await utimes(file, OLD, OLD)
    const store: Store = { format: 'gemini', root }
    const ctx = operationsContext(join(dir, 'data'))
    const [session] = await sessionsOf(store)
    expect((await moveSessions(ctx, [session!], { kind: 'project', name: 'x' })).skipped[0]?.reason).toBe('not supported for this format')
    await archiveSessions(ctx, [session!])
    expect(await readdir(join(chats, '.archive'))).toEqual(['session-2026-01-16T10-00-abcd1234.json'])
    expect(JSON.parse(await readFile(join(chats, '.archive', 'session-2026-01-16T10-00-abcd1234.json'), 'utf8')).sessionId).toBe(
      'abcd1234-0000-4000-8000-000000000000',
    )
  })
})
