import { appendFile, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type * as Jsonl from '../../../../../src-main/core/jsonl'
import type { FoldResult } from '../../../../../src-main/core/jsonl'
import { listStores, loadSession } from '../../../../../src-main/core/listing'
import type { SessionSummary, Store } from '../../../../../src-shared/model'
import { listTrash } from '../../../../../src-main/core/operations/trash'
import { resolveStoreDir } from '../../../../../src-main/core/stores'
import { makeTempDir, removeDir, setMtime, writeFileDeep } from '../../../../support/fixtures'
import {
  geminiJsonlText,
  geminiLegacyRecord,
  geminiMeta,
  geminiNote,
  geminiProjectHash,
  geminiReply,
  geminiSessionName,
  geminiTokens,
  geminiToolCall,
  geminiUser,
  writeGeminiJsonl,
  writeGeminiLegacy,
  writeGeminiProjectRoot,
  writeGeminiProjects,
} from '../../../../support/gemini-fixtures'
import { NotASession } from '../../../../../src-main/core/unreadable'
import { geminiFormat } from '../../../../../src-main/core/formats/gemini/index'

// Every fold the adapter runs is recorded, so the tests can tell a resumed read from a fresh one.
const folds: Array<{ path: string; resumed: boolean }> = []
vi.mock('../../../../../src-main/core/jsonl', async (importOriginal) => {
  const original = await importOriginal<typeof Jsonl>()
  return {
    ...original,
    foldJsonl: async (...args: Parameters<typeof original.foldJsonl>) => {
      const result = (await original.foldJsonl(...args)) as FoldResult<unknown>
      folds.push({ path: args[0], resumed: result.resumed })
      return result
    },
  }
})

let dir: string
let home: string
let store: Store

beforeEach(async () => {
  dir = await makeTempDir('gemini')
  home = join(dir, '.gemini')
  store = { format: 'gemini', root: join(home, 'tmp') }
  folds.length = 0
})
afterEach(() => removeDir(dir))

const SID = 'dcbe78d3-ea75-4786-929e-d6cff0fc00ed'
const T0 = '2026-11-05T10:00:00.000Z'
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString()

async function list(archived = false) {
  return listStores([store], { archived })
}

async function only(archived = false): Promise<SessionSummary> {
  const listing = await list(archived)
  expect(listing.problems).toEqual([])
  expect(listing.sessions).toHaveLength(1)
  return listing.sessions[0] as SessionSummary
}

function fileOf(path: string, size: number, mtimeMs: number, archived = false) {
  return { path, size, mtimeMs, archived }
}

describe('Gemini CLI JSONL sessions', () => {
  it('summarizes a log: a re-appended message replaces the earlier record, tokens after de-duplication', async () => {
    await writeGeminiProjects(home, { '/home/dev/shop': 'shop' })
    const first = geminiReply({ id: 'g1', text: 'Let me look.', timestamp: at(5), tokens: null })
    const call = geminiToolCall({ name: 'read_file', args: { path: 'a.ts' }, startedAt: at(6), timestamp: at(7), output: 'code' })
    const path = await writeGeminiJsonl(store.root, 'shop', geminiSessionName(SID, T0), [
      geminiMeta({ sessionId: SID, projectPath: '/home/dev/shop', startTime: T0, lastUpdated: T0 }),
      geminiUser('u1', 'Fix the checkout total\nIt is off by one cent.', at(1)),
      { $set: { lastUpdated: at(1) } },
      first,
      // The same message again, now with its tool call and then its tokens: only the last counts.
      { ...first, toolCalls: [call] },
      { ...first, toolCalls: [call], tokens: geminiTokens(4383, 8, 1000, 28) },
      { $set: { lastUpdated: at(9) } },
      geminiReply({ id: 'g2', text: 'Fixed.', timestamp: at(9), model: 'gemini-2.5-flash', tokens: geminiTokens(100, 20, 0) }),
      { type: 'something-new', payload: 1 },
    ])
    await setMtime(path, '2026-11-05T10:00:30.000Z')
    const session = await only()
    expect(session).toEqual({
      id: SID,
      format: 'gemini',
      store: store.root,
      path,
      project: '/home/dev/shop',
      projectPath: '/home/dev/shop',
      title: 'Fix the checkout total',
      createdAt: T0,
      updatedAt: at(9),
      modifiedAt: '2026-11-05T10:00:30.000Z',
      turns: 1,
      steps: 1,
      errors: 0,
      archived: false,
      bytes: session.bytes,
      model: 'gemini-2.5-pro',
      status: null,
      parentId: null,
      tokens: { input: 4483, output: 28, cacheRead: 1000, cacheWrite: 0, inputIncludesCache: true },
      agent: null,
      branch: null,
      costUsd: null,
    })
    expect(session.bytes).toBeGreaterThan(500)
    const detail = await loadSession(session)
    expect(detail.models).toEqual(['gemini-2.5-pro', 'gemini-2.5-flash'])
    expect(detail.skippedLines).toBe(0)
    expect(detail.turns).toEqual([
      {
        index: 0,
        user: { text: 'Fix the checkout total\nIt is off by one cent.', at: at(1) },
        agent: { text: 'Let me look.\n\nFixed.', at: at(9) },
        steps: [{ id: call.id, tool: 'read_file', args: { path: 'a.ts' }, output: 'code', at: at(6), durationMs: 1000, isError: false }],
      },
    ])
  })

  it('takes the title from $set summary, else the first prompt that is not a slash command, else the id', async () => {
    await writeGeminiJsonl(store.root, 'p', 'session-a.jsonl', [
      geminiMeta({ sessionId: 'aaaa0001' }),
      geminiUser('u1', 'Draft the release notes', at(1)),
      { $set: { summary: 'Release notes for 2.0' } },
    ])
    await writeGeminiJsonl(store.root, 'p', 'session-b.jsonl', [
      geminiMeta({ sessionId: 'bbbb0002' }),
      geminiUser('u1', '/model', at(1)),
      geminiUser('u2', '\n\n  Rename the config loader  \nthen run tests', at(2)),
    ])
    await writeGeminiJsonl(store.root, 'p', 'session-c.jsonl', [
      geminiMeta({ sessionId: 'cccc0003' }),
      geminiUser('u1', '/compress', at(1)),
      geminiReply({ id: 'g1', text: 'Compressed.', timestamp: at(2) }),
    ])
    // What the user typed (displayContent) wins over the expanded prompt.
    await writeGeminiJsonl(store.root, 'p', 'session-d.jsonl', [
      geminiMeta({ sessionId: 'dddd0004' }),
      geminiUser('u1', 'Explain @src/a.ts\n--- Content from src/a.ts ---\n…', at(1), { displayContent: [{ text: 'Explain @src/a.ts' }] }),
    ])
    const listing = await list()
    expect(listing.problems).toEqual([])
    const titles = Object.fromEntries(listing.sessions.map((s) => [s.id, s.title]))
    expect(titles).toEqual({
      aaaa0001: 'Release notes for 2.0',
      bbbb0002: 'Rename the config loader',
      cccc0003: 'cccc0003',
      dddd0004: 'Explain @src/a.ts',
    })
    expect(listing.sessions.find((s) => s.id === 'bbbb0002')?.turns).toBe(2)
  })

  it('applies $set checkpoints: the message list is rebuilt from $set.messages, later records still apply', async () => {
    await writeGeminiJsonl(store.root, 'p', 'session-x.jsonl', [
      geminiMeta({ sessionId: SID }),
      geminiUser('u1', 'First question', at(1)),
      geminiReply({ id: 'g1', text: 'First answer', timestamp: at(2), tokens: geminiTokens(10, 1) }),
      geminiUser('u2', 'Second question', at(3)),
      geminiReply({ id: 'g2', text: 'Second answer', timestamp: at(4), tokens: geminiTokens(20, 2) }),
      {
        $set: {
          lastUpdated: at(5),
          messages: [
            geminiUser('s1', 'Summary of the earlier conversation', at(5)),
            geminiReply({ id: 'g2', text: 'Second answer', timestamp: at(4), tokens: geminiTokens(20, 2) }),
          ],
        },
      },
      geminiUser('u3', 'Third question', at(6)),
      geminiReply({ id: 'g3', text: 'Third answer', timestamp: at(7), tokens: geminiTokens(30, 3) }),
    ])
    const session = await only()
    expect(session.turns).toBe(2)
    expect(session.title).toBe('Summary of the earlier conversation')
    expect(session.tokens).toMatchObject({ input: 50, output: 5 })
    const detail = await loadSession(session)
    expect(detail.turns.map((t) => [t.user?.text, t.agent?.text])).toEqual([
      ['Summary of the earlier conversation', 'Second answer'],
      ['Third question', 'Third answer'],
    ])
  })

  it('accepts a whole legacy record on one line of a log, with records appended after it', async () => {
    const legacy = geminiLegacyRecord({
      sessionId: SID,
      messages: [geminiUser('u1', 'Old prompt', at(1)), geminiReply({ id: 'g1', text: 'Old answer', timestamp: at(2) })],
    })
    await writeGeminiJsonl(store.root, 'p', 'session-one-line.jsonl', [legacy, geminiUser('u2', 'New prompt', at(3))])
    const session = await only()
    expect(session).toMatchObject({ id: SID, turns: 2, title: 'Old prompt' })
  })

  it('rewinds: $rewindTo drops that message and all after it; an unknown id drops everything', async () => {
    const head = [
      geminiMeta({ sessionId: SID }),
      geminiUser('u1', 'Try approach A', at(1)),
      geminiReply({ id: 'g1', text: 'A done', timestamp: at(2), tokens: geminiTokens(10, 1) }),
      geminiUser('u2', 'Actually, approach B', at(3)),
      geminiReply({ id: 'g2', text: 'B done', timestamp: at(4), tokens: geminiTokens(20, 2) }),
    ]
    const known = await writeGeminiJsonl(store.root, 'p', 'session-known.jsonl', [
      ...head,
      { $rewindTo: 'u2' },
      geminiUser('u3', 'Approach C', at(5)),
    ])
    const unknown = await writeGeminiJsonl(store.root, 'p', 'session-unknown.jsonl', [
      ...head.map((r, i) => (i === 0 ? geminiMeta({ sessionId: 'other-1' }) : r)),
      { $rewindTo: 'no-such-message' },
      geminiUser('u9', 'Start over', at(9)),
    ])
    const listing = await list()
    expect(listing.problems).toEqual([])
    const byPath = new Map(listing.sessions.map((s) => [s.path, s]))
    expect(byPath.get(known)).toMatchObject({ turns: 2, title: 'Try approach A', tokens: { input: 10, output: 1 } })
    const detail = await loadSession(byPath.get(known) as SessionSummary)
    expect(detail.turns.map((t) => t.user?.text)).toEqual(['Try approach A', 'Approach C'])
    expect(byPath.get(unknown)).toMatchObject({ turns: 1, title: 'Start over', tokens: null, model: null })
  })

  it('reports tool calls with their status, errors, outputs and the duration heuristic', async () => {
    const calls = [
      geminiToolCall({ name: 'read_file', startedAt: at(1), timestamp: at(1.25), output: 'contents' }),
      geminiToolCall({ name: 'run_shell_command', startedAt: at(2), timestamp: at(4), error: 'exit code 1' }),
      geminiToolCall({ name: 'write_file', id: 'write_file_7', timestamp: at(5), status: 'cancelled', output: 'User cancelled' }),
      // Succeeded by status, but the function response carries an error.
      geminiToolCall({ name: 'glob', startedAt: at(6), timestamp: at(6.5), status: 'success', error: 'no such dir' }),
      geminiToolCall({ name: 'web_fetch', startedAt: at(7), timestamp: at(7), status: 'executing' }),
      { ...geminiToolCall({ name: 'replace', timestamp: at(8), startedAt: at(9) }), result: null, resultDisplay: 'Applied 1 edit' },
    ]
    await writeGeminiJsonl(store.root, 'p', 'session-tools.jsonl', [
      geminiMeta({ sessionId: SID }),
      geminiUser('u1', 'Do the things', at(0)),
      geminiReply({ id: 'g1', timestamp: at(9), toolCalls: calls }),
    ])
    const session = await only()
    expect(session).toMatchObject({ steps: 6, errors: 3 })
    const [turn] = (await loadSession(session)).turns
    expect(turn?.agent).toEqual({ text: '', at: at(9) })
    expect(turn?.steps.map(({ tool, output, at: start, durationMs, isError }) => ({ tool, output, start, durationMs, isError }))).toEqual([
      { tool: 'read_file', output: 'contents', start: at(1), durationMs: 250, isError: false },
      { tool: 'run_shell_command', output: 'exit code 1', start: at(2), durationMs: 2000, isError: true },
      { tool: 'write_file', output: 'User cancelled', start: at(5), durationMs: null, isError: true },
      { tool: 'glob', output: 'no such dir', start: at(6), durationMs: 500, isError: true },
      { tool: 'web_fetch', output: null, start: at(7), durationMs: 0, isError: false },
      // The id's time is after the completion: not a start time, so no duration.
      { tool: 'replace', output: 'Applied 1 edit', start: at(8), durationMs: null, isError: false },
    ])
  })

  it('shows info, warning and error messages as notes, and messages before the first prompt as a turn of their own', async () => {
    await writeGeminiJsonl(store.root, 'p', 'session-notes.jsonl', [
      geminiMeta({ sessionId: SID }),
      geminiNote('i0', 'info', 'Resumed session', at(0)),
      geminiUser('u1', 'Go', at(1)),
      geminiReply({ id: 'g1', text: 'Working on it', timestamp: at(2) }),
      geminiNote('w1', 'warning', 'Approaching the quota', at(3)),
      geminiNote('e1', 'error', 'API error 429\nretry later', at(4)),
    ])
    const detail = await loadSession(await only())
    expect(detail.turns).toEqual([
      { index: 0, user: null, agent: { text: '> **Info:** Resumed session', at: at(0) }, steps: [] },
      {
        index: 1,
        user: { text: 'Go', at: at(1) },
        agent: { text: 'Working on it\n\n> **Warning:** Approaching the quota\n\n> **Error:** API error 429\n> retry later', at: at(4) },
        steps: [],
      },
    ])
  })

  it('caps very long texts with a marker', async () => {
    await writeGeminiJsonl(store.root, 'p', 'session-long.jsonl', [
      geminiMeta({ sessionId: SID }),
      geminiUser('u1', 'Summarise', at(1)),
      geminiReply({ id: 'g1', text: 'x'.repeat(25_000), timestamp: at(2) }),
    ])
    const detail = await loadSession(await only())
    expect(detail.turns[0]?.agent?.text).toBe(`${'x'.repeat(20_000)}… (5000 more characters)`)
  })

  it('gives a sub-agent its parent from the folder it sits in', async () => {
    await writeGeminiJsonl(store.root, 'p', geminiSessionName(SID, T0), [geminiMeta({ sessionId: SID }), geminiUser('u1', 'Main', at(1))])
    const sub = await writeGeminiJsonl(store.root, 'p', `${SID}/sub-0001.jsonl`, [
      geminiMeta({ sessionId: 'sub-0001', kind: 'subagent' }),
      geminiUser('u1', 'Investigate the failing test', at(2)),
      geminiReply({ id: 'g1', text: 'Found it', timestamp: at(3) }),
    ])
    const listing = await list()
    expect(listing.problems).toEqual([])
    expect(listing.sessions.find((s) => s.path === sub)).toMatchObject({
      id: 'sub-0001',
      parentId: SID,
      title: 'Investigate the failing test',
    })
    expect(listing.sessions.find((s) => s.id === SID)?.parentId).toBeNull()
  })

  it('reports logs that hold bytes but no line: white space, carriage returns, NUL bytes', async () => {
    const spaces = await writeFileDeep(join(store.root, 'p', 'chats', 'session-spaces.jsonl'), '  \n\n\t')
    const returns = await writeFileDeep(join(store.root, 'p', 'chats', 'session-returns.jsonl'), '\r\r')
    const zeros = await writeFileDeep(join(store.root, 'p', 'chats', 'session-zeros.jsonl'), Buffer.alloc(1000))
    const listing = await list()
    expect(listing.sessions).toEqual([])
    expect(listing.problems).toEqual(
      [
        { path: spaces, reason: 'file holds only white space' },
        { path: returns, reason: 'file holds only white space' },
        { path: zeros, reason: 'not text: NUL bytes where JSON lines should be' },
      ].sort((a, b) => a.path.localeCompare(b.path)),
    )
  })

  it('reads the first line of a log that starts with a UTF-8 byte order mark', async () => {
    const records = [geminiMeta({ sessionId: SID }), geminiUser('u1', 'After the mark', at(1))]
    const name = 'session-2026-11-05T10-00-dcbe78d3.jsonl'
    const path = await writeFileDeep(join(store.root, 'p', 'chats', name), `\uFEFF${geminiJsonlText(records)}`)
    const session = await only()
    // The mark stands before the metadata line, which holds the session's id.
    expect(session).toMatchObject({ id: SID, path, title: 'After the mark' })
    expect((await loadSession(session)).skippedLines).toBe(0)
  })

  it('ignores logs without a conversation, reports files that are no session log', async () => {
    await writeGeminiJsonl(store.root, 'p', 'session-meta-only.jsonl', [geminiMeta({ sessionId: 'm1' }), { $set: { lastUpdated: at(1) } }])
    await writeFileDeep(join(store.root, 'p', 'chats', 'session-empty.jsonl'), '')
    await writeFileDeep(join(store.root, 'p', 'chats', 'session-starting.jsonl'), '{"sessionId":"s1","proje')
    const garbage = await writeFileDeep(join(store.root, 'p', 'chats', 'session-garbage.jsonl'), 'not json\nnor this\n')
    const other = await writeFileDeep(join(store.root, 'p', 'chats', 'session-other.jsonl'), '{"hello":"world"}\n')
    const legacyWrong = await writeFileDeep(join(store.root, 'p', 'chats', 'session-wrong.json'), '{"messages": []}')
    const listing = await list()
    expect(listing.sessions).toEqual([])
    expect(listing.problems).toEqual(
      [
        { path: garbage, reason: 'no readable line: 2 lines are not valid JSON' },
        { path: other, reason: 'wrong shape: no Gemini CLI session record (metadata or message) in the file' },
        { path: legacyWrong, reason: 'wrong shape: "sessionId" is missing' },
      ].sort((a, b) => a.path.localeCompare(b.path)),
    )
  })
})

describe('Gemini CLI live logs', () => {
  const records = [
    geminiMeta({ sessionId: SID }),
    geminiUser('u1', 'Start the refactor', at(1)),
    geminiReply({ id: 'g1', text: 'On it', timestamp: at(2), tokens: geminiTokens(10, 1) }),
  ]

  it('skips and counts a cut-off last line, then reads it once the append completes, resuming', async () => {
    const path = await writeGeminiJsonl(
      store.root,
      'p',
      'session-live.jsonl',
      records,
      '{"id":"u2","timestamp":"2026-11-05T10:00:03.000Z","ty',
    )
    const first = await only()
    expect(first).toMatchObject({ turns: 1, tokens: { input: 10 } })
    expect((await loadSession(first)).skippedLines).toBe(1)
    await appendFile(
      path,
      `pe":"user","content":[{"text":"Now the tests"}]}\n${geminiJsonlText([geminiReply({ id: 'g2', text: 'Done', timestamp: at(4), tokens: geminiTokens(5, 1) })])}`,
    )
    folds.length = 0
    const second = await only()
    expect(second).toMatchObject({ turns: 2, tokens: { input: 15, output: 2 } })
    expect(folds).toEqual([{ path, resumed: true }])
    const detail = await loadSession(second)
    expect(detail.skippedLines).toBe(0)
    expect(detail.turns.map((t) => t.user?.text)).toEqual(['Start the refactor', 'Now the tests'])
  })

  it('reads only what was appended after the first read, replacements and rewinds included', async () => {
    const path = await writeGeminiJsonl(store.root, 'p', 'session-grow.jsonl', records)
    const file = fileOf(path, 0, 0)
    const before = await geminiFormat.summarize(store, { ...file, size: 1 })
    expect(before.turns).toBe(1)
    await appendFile(
      path,
      geminiJsonlText([
        geminiReply({
          id: 'g1',
          text: 'On it',
          timestamp: at(2),
          tokens: geminiTokens(10, 1),
          toolCalls: [geminiToolCall({ name: 'ls', timestamp: at(3) })],
        }),
        geminiUser('u2', 'And then?', at(4)),
        { $rewindTo: 'u2' },
        geminiUser('u3', 'Instead, this', at(5)),
      ]),
    )
    folds.length = 0
    const after = await geminiFormat.summarize(store, { ...file, size: 2 })
    expect(folds).toEqual([{ path, resumed: true }])
    expect(after).toMatchObject({ turns: 2, steps: 1, tokens: { input: 10, output: 1 } })
  })

  it('reads a rewritten or shrunk log again from the start', async () => {
    const path = await writeGeminiJsonl(store.root, 'p', 'session-rewrite.jsonl', records)
    expect((await only()).title).toBe('Start the refactor')
    await writeFile(path, geminiJsonlText([geminiMeta({ sessionId: SID }), geminiUser('u1', 'Other', at(1))]))
    folds.length = 0
    const session = await only()
    expect(folds).toEqual([{ path, resumed: false }])
    expect(session).toMatchObject({ title: 'Other', turns: 1, tokens: null })
  })
})

describe('Gemini CLI legacy .json sessions', () => {
  it('reads a pretty-printed ConversationRecord with the same rules', async () => {
    const path = await writeGeminiLegacy(
      store.root,
      'p',
      geminiSessionName(SID, T0, 'json'),
      geminiLegacyRecord({
        sessionId: SID,
        startTime: T0,
        lastUpdated: at(9),
        messages: [
          geminiUser('u1', 'Explain the build', at(1)),
          geminiReply({
            id: 'g1',
            text: 'It uses Vite.',
            timestamp: at(2),
            model: 'gemini-2.5-flash',
            tokens: geminiTokens(4383, 8, 0, 28),
          }),
        ],
      }),
    )
    const session = await only()
    expect(session).toMatchObject({
      id: SID,
      path,
      title: 'Explain the build',
      createdAt: T0,
      updatedAt: at(9),
      turns: 1,
      steps: 0,
      model: 'gemini-2.5-flash',
      tokens: { input: 4383, output: 8, cacheRead: 0, cacheWrite: 0, inputIncludesCache: true },
    })
    const detail = await loadSession(session)
    expect(detail.turns).toEqual([
      { index: 0, user: { text: 'Explain the build', at: at(1) }, agent: { text: 'It uses Vite.', at: at(2) }, steps: [] },
    ])
    expect(detail.skippedLines).toBe(0)
  })

  it('lists only the .jsonl when Gemini converted a .json session on resume', async () => {
    const legacy = geminiLegacyRecord({ sessionId: SID, messages: [geminiUser('u1', 'Old', at(1))] })
    const json = await writeGeminiLegacy(store.root, 'p', 'session-2026-11-05T10-00-dcbe78d3.json', legacy)
    const jsonl = await writeGeminiJsonl(store.root, 'p', 'session-2026-11-05T10-00-dcbe78d3.jsonl', [
      geminiMeta({ sessionId: SID }),
      geminiUser('u1', 'Old', at(1)),
      geminiUser('u2', 'New', at(2)),
    ])
    const session = await only()
    expect(session).toMatchObject({ path: jsonl, turns: 2 })
    await expect(geminiFormat.summarize(store, fileOf(json, 10, 0))).rejects.toBeInstanceOf(NotASession)
  })
})

describe('Gemini CLI projects', () => {
  it('resolves a folder through projects.json, .project_root, the sha256 of a registered path, else its name', async () => {
    const legacyHash = geminiProjectHash('/home/dev/legacy')
    await writeGeminiProjects(home, { '/home/dev/shop': 'shop', '/home/dev/legacy': 'legacy' })
    await writeGeminiProjectRoot(store.root, 'marked', '/home/dev/marked\n')
    const write = (project: string, sid: string, projectPath = '/home/dev/unknown') =>
      writeGeminiJsonl(store.root, project, `session-${sid}.jsonl`, [
        geminiMeta({ sessionId: sid, projectPath }),
        geminiUser('u1', 'Hi', at(1)),
      ])
    await write('shop', 's-shop', '/home/dev/shop')
    await write('marked', 's-marked')
    await write(legacyHash, 's-hash')
    await write('orphan', 's-orphan')
    // Unknown folder, but the session's projectHash is a registered path's.
    await write('moved-1', 's-by-hash', '/home/dev/shop')
    const listing = await list()
    expect(listing.problems).toEqual([])
    const projects = Object.fromEntries(listing.sessions.map((s) => [s.id, [s.project, s.projectPath]]))
    expect(projects).toEqual({
      's-shop': ['/home/dev/shop', '/home/dev/shop'],
      's-marked': ['/home/dev/marked', '/home/dev/marked'],
      's-hash': ['/home/dev/legacy', '/home/dev/legacy'],
      's-orphan': ['orphan', null],
      's-by-hash': ['/home/dev/shop', '/home/dev/shop'],
    })
  })

  it('re-reads projects.json when it changes', async () => {
    await writeGeminiJsonl(store.root, 'app', 'session-1.jsonl', [geminiMeta({ sessionId: 's1' }), geminiUser('u1', 'Hi', at(1))])
    expect((await only()).project).toBe('app')
    const registry = await writeGeminiProjects(home, { '/work/app': 'app' })
    await setMtime(registry, '2026-11-05T11:00:00Z')
    expect((await only()).project).toBe('/work/app')
  })
})

describe('Gemini CLI store layout', () => {
  it('scans chats/, sub-agent folders and chats/.archive/, skipping logs.json, checkpoints and hidden or temp files', async () => {
    const w = (project: string, rel: string) =>
      writeGeminiJsonl(store.root, project, rel, [geminiMeta({ sessionId: rel }), geminiUser('u1', 'Hi', at(1))])
    const active = await w('p', 'session-a.jsonl')
    const sub = await w('p', 'parent-1/child-1.jsonl')
    const archived = await w('p', '.archive/session-b.jsonl')
    const archivedSub = await w('p', '.archive/parent-2/child-2.jsonl')
    await writeFileDeep(join(store.root, 'p', 'logs.json'), '[]')
    await writeFileDeep(join(store.root, 'p', 'chats', 'checkpoint-x.json'), '{}')
    await writeFileDeep(join(store.root, 'p', 'chats', 'session-c.jsonl.tmp'), '')
    await writeFileDeep(join(store.root, 'p', 'chats', '.session-d.jsonl'), '')
    await writeFileDeep(join(store.root, 'p', 'memory', 'session-e.jsonl'), '')
    await writeFileDeep(join(store.root, '.trash', 'p', 'chats', 'session-f.jsonl'), '')
    const paths = async (archivedToo: boolean) => (await geminiFormat.scan(store.root, { archived: archivedToo })).map((f) => f.path).sort()
    expect(await paths(false)).toEqual([sub, active].sort())
    expect(await paths(true)).toEqual([active, sub, archived, archivedSub].sort())
    const listing = await list(true)
    expect(listing.problems).toEqual([])
    expect(
      listing.sessions
        .filter((s) => s.archived)
        .map((s) => [s.path, s.parentId])
        .sort(),
    ).toEqual(
      [
        [archived, null],
        [archivedSub, 'parent-2'],
      ].sort(),
    )
  })

  it('lists trashed sessions with their project and parent', async () => {
    await writeGeminiProjects(home, { '/home/dev/shop': 'shop' })
    const trash = join(store.root, '.trash')
    const main = await writeGeminiJsonl(trash, 'shop', 'session-a.jsonl', [geminiMeta({ sessionId: 'a' }), geminiUser('u1', 'Hi', at(1))])
    const sub = await writeGeminiJsonl(trash, 'shop', '.archive/a/b.jsonl', [geminiMeta({ sessionId: 'b' }), geminiUser('u1', 'Hi', at(1))])
    const listing = await listTrash(store)
    expect(listing.problems).toEqual([])
    expect(listing.sessions.map((s) => [s.path, s.project, s.parentId, s.archived]).sort()).toEqual(
      [
        [main, '/home/dev/shop', null, false],
        [sub, '/home/dev/shop', 'a', true],
      ].sort(),
    )
  })

  it('classifies paths by their place alone', () => {
    const r = store.root
    const c = (...parts: string[]) => geminiFormat.classify(r, join(r, ...parts))
    expect(c('p', 'chats', 'session-1.jsonl')).toEqual({ archived: false })
    expect(c('p', 'chats', 'session-1.json')).toEqual({ archived: false })
    expect(c('p', 'chats', 'parent', 'child.jsonl')).toEqual({ archived: false })
    expect(c('p', 'chats', '.archive', 'session-1.jsonl')).toEqual({ archived: true })
    expect(c('p', 'chats', '.archive', 'parent', 'child.jsonl')).toEqual({ archived: true })
    for (const parts of [
      ['p', 'logs.json'],
      ['p', 'chats', 'notes.jsonl'],
      ['p', 'chats', 'parent', 'child.json'],
      ['p', 'chats', 'session-1.jsonl.tmp'],
      ['p', 'chats', '.session-1.jsonl'],
      ['p', 'chats', '.hidden', 'child.jsonl'],
      ['p', 'checkpoints', 'session-1.jsonl'],
      ['p', 'memory', 'session-1.jsonl'],
      ['.trash', 'p', 'chats', 'session-1.jsonl'],
      ['p', 'chats', 'a', 'b', 'child.jsonl'],
      ['session-1.jsonl'],
    ]) {
      expect(c(...parts), parts.join('/')).toBeNull()
    }
    expect(geminiFormat.classify(r, join(dir, 'elsewhere', 'p', 'chats', 'session-1.jsonl'))).toBeNull()
  })

  it('archives into chats/.archive/ with the same relative layout, and back', () => {
    const r = store.root
    const { archivedPathOf, unarchivedPathOf } = geminiFormat
    expect(archivedPathOf?.(r, join(r, 'p', 'chats', 'session-1.jsonl'))).toBe(join(r, 'p', 'chats', '.archive', 'session-1.jsonl'))
    expect(archivedPathOf?.(r, join(r, 'p', 'chats', 'parent', 'c.jsonl'))).toBe(join(r, 'p', 'chats', '.archive', 'parent', 'c.jsonl'))
    expect(unarchivedPathOf?.(r, join(r, 'p', 'chats', '.archive', 'parent', 'c.jsonl'))).toBe(join(r, 'p', 'chats', 'parent', 'c.jsonl'))
    expect(unarchivedPathOf?.(r, join(r, 'p', 'chats', '.archive', 'session-1.jsonl'))).toBe(join(r, 'p', 'chats', 'session-1.jsonl'))
    expect(geminiFormat.moves).toBe('unsupported')
  })

  it('is found from ~/.gemini or its tmp folder, by default roots, and as an empty store by its path', async () => {
    expect(geminiFormat.defaultRoots('/home/u', {})).toEqual([join('/home/u', '.gemini', 'tmp')])
    expect(geminiFormat.defaultRoots('/home/u', { GEMINI_CLI_HOME: '/alt' })).toEqual([
      join('/alt', '.gemini', 'tmp'),
      join('/home/u', '.gemini', 'tmp'),
    ])
    await mkdir(join(store.root, 'bin'), { recursive: true })
    expect(await resolveStoreDir(home)).toEqual([{ format: 'gemini', root: store.root }])
    expect(await geminiFormat.sniff(store.root)).toBe('empty')
    await writeGeminiJsonl(store.root, 'p', 'session-1.jsonl', [geminiMeta({ sessionId: 's1' }), geminiUser('u1', 'Hi', at(1))])
    expect(await geminiFormat.sniff(store.root)).toBe('yes')
    expect(await resolveStoreDir(home)).toEqual([{ format: 'gemini', root: store.root }])
    expect(await resolveStoreDir(store.root)).toEqual([{ format: 'gemini', root: store.root }])
    const other = join(dir, 'other', 'p', 'chats')
    await writeFileDeep(join(other, 'session-1.jsonl'), '{"hello": 1}\n')
    expect(await geminiFormat.sniff(join(dir, 'other'))).toBe('no')
  })
})
