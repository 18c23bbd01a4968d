import { existsSync } from 'node:fs'
import { mkdir, readFile, symlink } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listStores, loadSession } from '../../../../../src-main/core/listing'
import type { ApiResponse, SessionSummary, Store } from '../../../../../src-shared/model'
import { makeTempDir, removeDir } from '../../../../support/fixtures'
import { geminiMeta, geminiReply, geminiSessionName, geminiTokens, geminiUser, writeGeminiJsonl } from '../../../../support/gemini-fixtures'
import { REPO } from '../../../../support/repo'

// The API responses a Gemini CLI session records: its gemini messages with tokens, after
// replacement and rewinds; on the real samples (the legacy .json and the current .jsonl) against
// an independent reading of the file, and on a log written here for re-appends and rewinds.

const SAMPLES = resolve(REPO, '..', 'shared', 'samples')
const LEGACY = join(SAMPLES, 'gemini', 'kvsankar', 'session-01.json')
const JSONL = join(SAMPLES, 'gemini-jsonl', 'jazzyalex', 'tmp', '0b7dfb12', 'chats', 'jsonl_v040.jsonl')
const present = existsSync(LEGACY) && existsSync(JSONL)

interface MessageRecord {
  id?: string
  type?: string
  timestamp?: string
  model?: string
  tokens?: { input: number; output: number; cached: number } | null
}

/** The gemini messages with tokens, read here by hand: a legacy file's list, or a log's records (last per id). */
async function messagesIn(path: string): Promise<MessageRecord[]> {
  const text = await readFile(path, 'utf8')
  if (path.endsWith('.json'))
    return (JSON.parse(text) as { messages: MessageRecord[] }).messages.filter((m) => m.type === 'gemini' && m.tokens)
  const byId = new Map<string, MessageRecord>()
  for (const line of text.split('\n').filter((l) => l.trim() !== '')) {
    const record = JSON.parse(line) as MessageRecord & { $rewindTo?: unknown; $set?: { messages?: unknown } }
    // This reading knows no rewinds or checkpoints: the sample must have none.
    expect(record.$rewindTo).toBeUndefined()
    expect(record.$set?.messages).toBeUndefined()
    if (typeof record.id === 'string') byId.set(record.id, record)
  }
  return [...byId.values()].filter((m) => m.type === 'gemini' && m.tokens)
}

function sum(rows: readonly ApiResponse[], key: 'input' | 'output' | 'cacheRead' | 'cacheWrite'): number {
  return rows.reduce((total, row) => total + row[key], 0)
}

let dir: string
let store: Store
beforeEach(async () => {
  dir = await makeTempDir('gemini-responses')
  store = { format: 'gemini', root: join(dir, '.gemini', 'tmp') }
})
afterEach(() => removeDir(dir))

async function sessions(): Promise<SessionSummary[]> {
  const listing = await listStores([store], { archived: false })
  expect(listing.problems).toEqual([])
  return listing.sessions
}

describe.skipIf(!present)('Gemini CLI API responses on the real samples', () => {
  it('gives each sample one response per gemini message with tokens, with its id, model and time, adding up to the summary’s tokens', async () => {
    // Linked under the names Gemini gives its files, into a project folder each.
    const links = new Map<string, string>()
    for (const [i, sample] of [LEGACY, JSONL].entries()) {
      const chats = join(store.root, `project-${i}`, 'chats')
      await mkdir(chats, { recursive: true })
      const link = join(chats, `session-2026-06-05T04-59-sample${i}.${sample.endsWith('.json') ? 'json' : 'jsonl'}`)
      await symlink(sample, link)
      links.set(link, sample)
    }
    const found = await sessions()
    expect(found.map((s) => s.path).sort()).toEqual([...links.keys()].sort())
    for (const session of found) {
      const expected = await messagesIn(links.get(session.path) as string)
      expect(expected.length, session.path).toBeGreaterThan(0)
      const rows = (await loadSession(session)).responses ?? []
      expect(rows).toEqual(
        expected.map((m) => ({
          messageId: m.id,
          requestId: null,
          model: m.model,
          at: m.timestamp,
          input: m.tokens?.input,
          output: m.tokens?.output,
          cacheRead: m.tokens?.cached,
          cacheWrite: 0,
          inputIncludesCache: true,
        })),
      )
      expect(sum(rows, 'input'), session.path).toBe(session.tokens?.input)
      expect(sum(rows, 'output'), session.path).toBe(session.tokens?.output)
      expect(sum(rows, 'cacheRead'), session.path).toBe(session.tokens?.cacheRead)
    }
    // Two concrete values, as the files hold them.
    const legacy = found.find((s) => s.path.endsWith('.json')) as SessionSummary
    expect((await loadSession(legacy)).responses?.[0]).toMatchObject({
      messageId: '1ad31721-7c1d-448c-808f-a6facc0b2e72',
      model: 'gemini-2.5-flash',
      at: '2026-06-05T04:59:44.839Z',
    })
    const log = found.find((s) => s.path.endsWith('.jsonl')) as SessionSummary
    expect((await loadSession(log)).responses?.map((row) => row.messageId)).toEqual(['g-assistant-1', 'g-assistant-2'])
  })
})

describe('Gemini CLI API responses on a written log', () => {
  it('counts a re-appended message once, drops rewound ones and messages without tokens', async () => {
    const sid = 'aaaabbbb-0000-4000-8000-000000000001'
    const t0 = '2026-11-05T10:00:00.000Z'
    const first = geminiReply({ id: 'g1', text: 'Looking.', timestamp: '2026-11-05T10:00:05.000Z', tokens: null })
    await writeGeminiJsonl(store.root, 'shop', geminiSessionName(sid, t0), [
      geminiMeta({ sessionId: sid, startTime: t0, lastUpdated: t0 }),
      geminiUser('u1', 'Fix it', '2026-11-05T10:00:01.000Z'),
      first,
      { ...first, tokens: geminiTokens(4383, 8, 1000, 28) },
      geminiReply({ id: 'g2', text: 'No tokens.', timestamp: '2026-11-05T10:00:06.000Z', tokens: null }),
      geminiUser('u2', 'Try again', '2026-11-05T10:00:07.000Z'),
      geminiReply({ id: 'g3', text: 'Gone.', timestamp: '2026-11-05T10:00:08.000Z', tokens: geminiTokens(50, 5) }),
      { $rewindTo: 'u2' },
      geminiReply({
        id: 'g4',
        text: 'Fixed.',
        timestamp: '2026-11-05T10:00:09.000Z',
        model: 'gemini-2.5-pro',
        tokens: geminiTokens(100, 20),
      }),
    ])
    const [session] = await sessions()
    const rows = (await loadSession(session as SessionSummary)).responses ?? []
    expect(rows.map((row) => [row.messageId, row.model, row.at, row.input, row.output, row.cacheRead])).toEqual([
      ['g1', first.model, '2026-11-05T10:00:05.000Z', 4383, 8, 1000],
      ['g4', 'gemini-2.5-pro', '2026-11-05T10:00:09.000Z', 100, 20, 0],
    ])
    expect(sum(rows, 'input')).toBe(session?.tokens?.input)
    expect(sum(rows, 'output')).toBe(session?.tokens?.output)
  })
})
