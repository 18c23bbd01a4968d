import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type IndexDatabase, IndexDatabaseError, openIndexDatabase } from '../../../../src-main/core/index-db/index-database'
import {
  type TurnText,
  readFileStates,
  readProblems,
  readSummaries,
  replaceTexts,
  writeChanges,
} from '../../../../src-main/core/index-db/index-store'
import { searchTexts } from '../../../../src-main/core/index-db/index-search'
import type { SessionSummary, Store } from '../../../../src-shared/model'
import { compareSessions } from '../../../../src-shared/session-order'
import { makeTempDir, removeDir } from '../../../support/fixtures'
import { fileStateOf, sessionPath, summaryOf } from '../../../support/index-db-summaries'

const claude: Store = { format: 'claude', root: '/home/someone/.claude/projects' }
const codex: Store = { format: 'codex', root: '/home/someone/.codex' }
// The same folder read as another format is another store.
const claudeAsOxios: Store = { format: 'oxios', root: claude.root }

let dir: string
let index: IndexDatabase

beforeEach(async () => {
  dir = await makeTempDir('index-store')
  index = openIndexDatabase(dir)
})
afterEach(async () => {
  index.close()
  await removeDir(dir)
})

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)

describe('sessions and file states', () => {
  it('round-trips every summary field exactly, in compareSessions order, store by store', () => {
    const claudeSessions = Array.from({ length: 40 }, (_, i) => summaryOf(claude, `c${i}`))
    // An active session and its archived copy share an id and a time; one with inline sub-agents.
    const shared = { id: 'id-twin', updatedAt: '2026-03-01T00:00:00.000Z' }
    claudeSessions.push(summaryOf(claude, 'twin-a', shared), summaryOf(claude, 'twin-b', { ...shared, archived: true }))
    const parent = summaryOf(claude, 'parent')
    claudeSessions.push({ ...parent, children: [summaryOf(claude, 'inline-child', { path: parent.path, parentId: parent.id })] })
    const codexSessions = Array.from({ length: 10 }, (_, i) => summaryOf(codex, `x${i}`))
    writeChanges(index, claude, { sessions: claudeSessions })
    writeChanges(index, codex, { sessions: codexSessions })

    const expected = [...claudeSessions].sort(byPath).sort(compareSessions)
    const read = readSummaries(index, [claude])
    expect(read).toStrictEqual(expected)
    for (let i = 1; i < read.length; i++)
      expect(compareSessions(read[i - 1] as SessionSummary, read[i] as SessionSummary)).toBeLessThanOrEqual(0)
    expect(readSummaries(index, [codex])).toStrictEqual([...codexSessions].sort(compareSessions))
    expect(readSummaries(index, [claude, codex])).toStrictEqual([...claudeSessions, ...codexSessions].sort(byPath).sort(compareSessions))
    expect(readSummaries(index, [claudeAsOxios])).toEqual([])
    expect(readSummaries(index, [])).toEqual([])
  })

  it('replaces a changed session in place and removes a removed path with its file state and problem', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((name) => summaryOf(claude, name)) as [SessionSummary, SessionSummary, SessionSummary]
    writeChanges(index, claude, { sessions: [a, b, c], fileStates: [a, b, c].map((s) => fileStateOf(s.path)) })
    const changedB = { ...b, title: 'renamed', turns: 99, lastActivityAt: '2026-04-01T00:00:00.000Z' }
    writeChanges(index, claude, {
      sessions: [changedB],
      fileStates: [fileStateOf(b.path, { size: 1, resumeOffset: null, headHash: null, tailHash: null, ino: null })],
      removed: [c.path],
    })
    expect(readSummaries(index, [claude])).toStrictEqual([a, changedB].sort(compareSessions))
    expect(readFileStates(index, [claude])).toStrictEqual([
      fileStateOf(a.path),
      fileStateOf(b.path, { size: 1, resumeOffset: null, headHash: null, tailHash: null, ino: null }),
    ])
  })

  it('round-trips file states exactly, also of files that hold no session', () => {
    const states = [
      fileStateOf(sessionPath(claude, 'one')),
      fileStateOf(sessionPath(claude, 'not-a-session'), { mtimeMs: 1.5, ino: 2 ** 52 + 1, resumeOffset: 0 }),
    ]
    writeChanges(index, claude, { fileStates: states })
    writeChanges(index, codex, { fileStates: [fileStateOf(sessionPath(codex, 'other'))] })
    expect(readFileStates(index, [claude])).toStrictEqual([...states].sort(byPath))
    expect(readFileStates(index, [codex])).toStrictEqual([fileStateOf(sessionPath(codex, 'other'))])
  })

  it('records problems: a problem at a session path replaces the session, and the other way round', () => {
    const [a, b] = [summaryOf(claude, 'a'), summaryOf(claude, 'b')]
    writeChanges(index, claude, { sessions: [a, b], problems: [{ path: sessionPath(claude, 'broken'), reason: 'cut off' }] })
    expect(readProblems(index, [claude])).toEqual([{ path: sessionPath(claude, 'broken'), reason: 'cut off' }])

    writeChanges(index, claude, { problems: [{ path: a.path, reason: 'unreadable now' }] })
    expect(readSummaries(index, [claude])).toStrictEqual([b])
    const fixed = summaryOf(claude, 'broken')
    writeChanges(index, claude, { sessions: [fixed] })
    expect(readProblems(index, [claude])).toEqual([{ path: a.path, reason: 'unreadable now' }])
    expect(readSummaries(index, [claude]).map((s) => s.path)).toEqual([b, fixed].sort(compareSessions).map((s) => s.path))
    expect(readProblems(index, [codex])).toEqual([])
  })

  it('writes a batch whole or not at all', () => {
    const good = summaryOf(claude, 'good')
    const broken = { ...summaryOf(claude, 'broken'), title: null } as unknown as SessionSummary
    expect(() => writeChanges(index, claude, { sessions: [good, broken] })).toThrow(IndexDatabaseError)
    expect(readSummaries(index, [claude])).toEqual([])
  })

  it('refuses a session of another store', () => {
    expect(() => writeChanges(index, claude, { sessions: [summaryOf(codex, 'x')] })).toThrow(/belongs to codex/)
    expect(readSummaries(index, [claude, codex])).toEqual([])
  })
})

describe('full-text search', () => {
  const texts = (...pairs: [TurnText['field'], string][]): TurnText[] =>
    pairs.map(([field, text], i) => ({ turn: Math.floor(i / 2), step: field === 'prompt' || field === 'reply' ? null : i, field, text }))
  let refactor: SessionSummary
  let fox: SessionSummary
  let other: SessionSummary

  beforeEach(() => {
    refactor = summaryOf(claude, 'refactor')
    fox = summaryOf(claude, 'fox')
    other = summaryOf(codex, 'other')
    writeChanges(index, claude, { sessions: [refactor, fox] })
    writeChanges(index, codex, { sessions: [other] })
    replaceTexts(
      index,
      refactor.path,
      texts(
        ['prompt', 'Please refactor the parser; the café menu crashes on naïve input'],
        ['reply', 'I refactored the parser and the tokenizer'],
        ['tool', 'Bash'],
        ['args', '{"command":"npm test -- parser"}'],
        ['output', 'FAIL test/parser.test.ts: expected a brown dog'],
      ),
    )
    replaceTexts(
      index,
      fox.path,
      texts(['prompt', 'The quick brown fox jumps over the lazy dog'], ['reply', 'dog dog dog: the dog, again']),
    )
    replaceTexts(index, other.path, texts(['prompt', 'a parser in another store']))
  })

  const found = (query: string, options = {}) => {
    const outcome = searchTexts(index, query, { marks: ['[', ']'], ...options })
    if (!outcome.ok) throw new Error(outcome.error)
    return outcome.hits
  }

  it('finds words wherever they are, accents folded, with the field, turn and step of each hit', () => {
    expect(found('cafe').map((h) => [h.path, h.field, h.turn, h.step])).toEqual([[refactor.path, 'prompt', 0, null]])
    expect(found('NAIVE')).toHaveLength(1)
    expect(found('bash')).toMatchObject([{ path: refactor.path, field: 'tool', turn: 1, step: 2 }])
    expect(found('npm')).toMatchObject([{ field: 'args' }])
    expect(found('parser refactored')).toMatchObject([{ path: refactor.path, field: 'reply' }])
    expect(new Set(found('parser').map((h) => h.path))).toEqual(new Set([refactor.path, other.path]))
    expect(found('parser', { stores: [codex] }).map((h) => h.path)).toEqual([other.path])
    expect(found('nowhere')).toEqual([])
  })

  it('finds phrases only in their order', () => {
    expect(found('"brown fox"').map((h) => h.path)).toEqual([fox.path])
    expect(found('"fox brown"')).toEqual([])
    expect(
      found('brown dog')
        .map((h) => h.path)
        .sort(),
    ).toEqual([fox.path, refactor.path].sort())
    expect(found('"brown dog"').map((h) => h.path)).toEqual([refactor.path])
  })

  it('finds prefixes, short ones too', () => {
    expect(found('refactor*').map((h) => h.field)).toEqual(expect.arrayContaining(['prompt', 'reply']))
    expect(found('refactor*')).toHaveLength(2)
    expect(found('to*').map((h) => h.field)).toEqual(['reply'])
    expect(found('qu*')).toMatchObject([{ path: fox.path }])
    // Two-character prefixes have an index of their own; three and more are read from the words'.
    expect(found('bro*').map((h) => h.path)).toEqual(found('brown').map((h) => h.path))
    expect(found('bro*')).not.toHaveLength(0)
  })

  it('ranks by bm25, best first, and highlights the matches in a snippet', () => {
    const hits = found('dog')
    // Four dogs in a short reply outrank one in a longer text.
    expect(hits[0]).toMatchObject({ path: fox.path, field: 'reply' })
    expect(hits.map((h) => `${h.field} ${h.path}`).sort()).toEqual([`output ${refactor.path}`, `prompt ${fox.path}`, `reply ${fox.path}`])
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score as number)
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]?.score).toBeGreaterThanOrEqual(hits[i]?.score as number)
    expect(hits[0]?.snippet).toBe('[dog] [dog] [dog]: the [dog], again')
    expect(found('"brown fox"')[0]?.snippet).toBe('The quick [brown fox] jumps over the lazy dog')
    expect(found('café', { snippetTokens: 4 })[0]?.snippet).toMatch(/^….*\[café\].*…$/)
    // Without marks asked for, STX and ETX mark the matches.
    expect(searchTexts(index, 'cafe')).toMatchObject({ ok: true, hits: [{ snippet: expect.stringContaining('\u0002café\u0003') }] })
    expect(found('dog', { limit: 1 })).toHaveLength(1)
  })

  it('turns a malformed query into an error value', () => {
    for (const query of ['parser AND', '"unclosed phrase', 'nosuchcolumn: parser', '(parser', '*', 'NEAR(']) {
      const outcome = searchTexts(index, query)
      expect(outcome, query).toMatchObject({ ok: false, error: expect.stringContaining('Cannot search for') })
    }
    expect(found('parser')).not.toEqual([])
  })

  it('replaces a session’s texts, keeps them when the summary changes, drops them with the session', () => {
    replaceTexts(index, fox.path, texts(['prompt', 'an entirely new conversation']))
    expect(found('dog').map((h) => h.path)).toEqual([refactor.path])
    expect(found('entirely')).toHaveLength(1)

    writeChanges(index, claude, { sessions: [{ ...fox, title: 'retitled' }] })
    expect(found('entirely')).toHaveLength(1)

    writeChanges(index, claude, { removed: [fox.path] })
    expect(found('entirely')).toEqual([])
    writeChanges(index, claude, { problems: [{ path: refactor.path, reason: 'now unreadable' }] })
    expect(found('parser').map((h) => h.path)).toEqual([other.path])
    expect(index.sql.prepare('SELECT count(*) AS n FROM turn_text').get()).toEqual({ n: 1 })
  })

  it('keeps when each text was said beside it, replaced with the texts and dropped with the session', () => {
    const times = () => index.sql.prepare('SELECT at FROM turn_text_at ORDER BY at').all() as { at: string }[]
    const said = (at: string | null) => ({ turn: 0, step: null, field: 'prompt' as const, text: `said ${at ?? 'sometime'}`, at })
    replaceTexts(index, fox.path, [said('2026-01-02T00:00:00.000Z'), said(null), said('2026-01-03T00:00:00.000Z')])
    replaceTexts(index, refactor.path, [said('2026-02-01T00:00:00.000Z')])
    expect(times().map((row) => row.at)).toEqual(['2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z', '2026-02-01T00:00:00.000Z'])
    replaceTexts(index, fox.path, [said('2026-01-04T00:00:00.000Z')])
    expect(times().map((row) => row.at)).toEqual(['2026-01-04T00:00:00.000Z', '2026-02-01T00:00:00.000Z'])
    writeChanges(index, claude, { removed: [fox.path] })
    expect(times().map((row) => row.at)).toEqual(['2026-02-01T00:00:00.000Z'])
  })

  it('refuses texts for a path that holds no session', () => {
    expect(() => replaceTexts(index, sessionPath(claude, 'unknown'), texts(['prompt', 'x']))).toThrow(/no session at/)
  })
})
