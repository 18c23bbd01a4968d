import { readFile, readdir, rename, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type IndexDatabase, openIndexDatabase } from '../../../../src-main/core/index-db/index-database'
import {
  readCleanFolders,
  readFileState,
  readProblems,
  readResponses,
  readStaleTextPaths,
  readSummaries,
} from '../../../../src-main/core/index-db/index-store'
import { updateIndex } from '../../../../src-main/core/index-db/indexer'
import { lookupIndexed } from '../../../../src-main/core/index-db/indexed-lookup'
import { openIndexReadOnly } from '../../../../src-main/core/index-db/read-only-index'
import { listStores, loadSession } from '../../../../src-main/core/listing'
import { searchIndex } from '../../../../src-main/core/search/search'
import { SessionIndex } from '../../../../src-main/core/watch/session-index'
import type { Store } from '../../../../src-shared/model'
import { makeTempDir, oxiosDocument, removeDir, setMtime, writeFileDeep, writeOxios } from '../../../support/fixtures'
import { waitFor } from '../../../support/wait-for'
import { copySampleStores } from '../../../support/sample-stores'

// The index database as the listing's summary cache: what a warm start reads, what it writes back,
// what the live index records, and how the full-text pass catches up with summaries written alone.

let dir: string
let store: Store
let index: IndexDatabase

beforeEach(async () => {
  dir = await makeTempDir('indexed-listing')
  store = { format: 'oxios', root: join(dir, 'sessions') }
  for (let i = 0; i < 5; i++)
    await writeOxios(store.root, oxiosDocument({ id: `s${i}`, projectId: 'p', turns: [{ user: `unique word number${i}`, agent: 'ok' }] }))
  await writeFileDeep(join(store.root, 'broken.json'), '{"id": ')
  index = openIndexDatabase(join(dir, 'data'))
})
afterEach(async () => {
  index.close()
  await removeDir(dir)
})

const list = (archived = false, db: IndexDatabase = index, readOnly = false) => listStores([store], { archived, index: db, readOnly })

describe('the index as the summary cache', () => {
  it('re-reads only files whose size, mtime or inode changed, and forgets removed ones', async () => {
    const first = await list()
    expect(first.stats).toEqual({ parsed: 6, cached: 0 })
    const second = await list()
    expect(second.stats).toEqual({ parsed: 0, cached: 6 })
    expect(second.sessions).toEqual(first.sessions)
    expect(second.problems).toEqual(first.problems)
    expect(readSummaries(index, [store])).toEqual(first.sessions)

    const path = join(store.root, 's2.json')
    const doc = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
    await writeFile(path, JSON.stringify({ ...doc, project_id: 'changed' }, null, 2))
    await setMtime(join(store.root, 's3.json'), '2026-01-01T00:00:00Z')
    // Same size and mtime, another inode: a file replaced by a rename is read again.
    const s1 = join(store.root, 's1.json')
    const before = await stat(s1)
    await writeFile(`${s1}.new`, await readFile(s1))
    await rename(`${s1}.new`, s1)
    await import('node:fs/promises').then(({ utimes }) => utimes(s1, before.atime, before.mtime))
    const third = await list()
    expect(third.stats).toEqual({ parsed: 3, cached: 3 })
    expect(third.sessions.find((s) => s.id === 's2')?.project).toBe('changed')

    await rm(join(store.root, 's4.json'))
    const fourth = await list()
    expect(fourth.sessions.map((s) => s.id).sort()).toEqual(['s0', 's1', 's2', 's3'])
    expect(readFileState(index, join(store.root, 's4.json'))).toBeNull()
    expect(readSummaries(index, [store]).map((s) => s.id)).not.toContain('s4')
  })

  it('leaves what a narrower listing did not look at: archived sessions stay indexed when only active ones are listed', async () => {
    await writeOxios(join(store.root, '.archive'), oxiosDocument({ id: 'old', projectId: 'p' }))
    expect((await list(true)).sessions.map((s) => s.id)).toContain('old')
    expect((await list(false)).sessions.map((s) => s.id)).not.toContain('old')
    expect(readSummaries(index, [store]).map((s) => s.id)).toContain('old')
    expect((await list(true)).stats.parsed).toBe(0)
  })

  it('writes summaries alone, marked for the full-text pass, which reads them and then finds their words', async () => {
    await list()
    expect(readStaleTextPaths(index, [store])).toHaveLength(5)
    const update = await updateIndex(index, [store])
    // The five sessions whose texts were stale; the broken file is known as it is.
    expect(update).toMatchObject({ indexed: 5, unchanged: 1 })
    expect(readStaleTextPaths(index, [store])).toEqual([])
    const found = searchIndex(index, 'number3', { stores: [store] })
    expect(found.ok && found.value.hits.map((hit) => hit.sessionId)).toEqual(['s3'])
    // A listing after that reads nothing and leaves the texts as they are.
    expect((await list()).stats.parsed).toBe(0)
    expect(readStaleTextPaths(index, [store])).toEqual([])
  })

  it('trusts no summary the index holds for another place, and reads a file whose cached summary is not JSON', async () => {
    await list()
    index.sql.prepare("UPDATE sessions SET summary = '{not json' WHERE id = 's0'").run()
    index.sql.prepare(`UPDATE sessions SET summary = json_set(summary, '$.path', '/elsewhere') WHERE id = 's1'`).run()
    const again = await list()
    expect(again.stats).toEqual({ parsed: 2, cached: 4 })
    expect(again.sessions.find((s) => s.id === 's1')?.path).toBe(join(store.root, 's1.json'))
  })

  it('read-only: reads the index, writes no row, and opens nothing when there is no index', async () => {
    expect(openIndexReadOnly(join(dir, 'nowhere'))).toBeNull()
    await list()
    const reader = openIndexReadOnly(join(dir, 'data'))
    expect(reader).not.toBeNull()
    await writeOxios(store.root, oxiosDocument({ id: 's9', projectId: 'p' }))
    const seen = await list(false, reader as IndexDatabase, true)
    expect(seen.stats).toEqual({ parsed: 1, cached: 6 })
    reader?.close()
    expect(readSummaries(index, [store]).map((s) => s.id)).not.toContain('s9')
  })
})

describe('the live index records what it learns', () => {
  it('writes each batch to the index, so the next start reads only what changed while nobody watched', async () => {
    const live = new SessionIndex([store], { listOptions: { archived: false, index }, reconcileIntervalMs: 0, batchDelayMs: 10 })
    await live.start()
    try {
      await writeOxios(store.root, oxiosDocument({ id: 'fresh', projectId: 'p', turns: [{ user: 'brand new', agent: 'ok' }] }))
      await rm(join(store.root, 's0.json'))
      await waitFor('the batch in the index', () => {
        const ids = readSummaries(index, [store]).map((s) => s.id)
        return ids.includes('fresh') && !ids.includes('s0')
      })
    } finally {
      await live.close()
    }
    expect(readStaleTextPaths(index, [store])).toContain(join(store.root, 'fresh.json'))
    const next = await list()
    expect(next.stats).toEqual({ parsed: 0, cached: 6 })
    expect(next.sessions.map((s) => s.id).sort()).toEqual(['fresh', 's1', 's2', 's3', 's4'])
  })
})

describe('show through the index', () => {
  it('finds a typed id or prefix straight from the index when the file is unchanged, and leaves every doubt to the listing', async () => {
    await list()
    expect((await lookupIndexed(index, store, 'S3', { archived: false }))?.id).toBe('s3')
    // Ambiguous, unknown, or empty: the listing decides.
    expect(await lookupIndexed(index, store, 's', { archived: false })).toBeNull()
    expect(await lookupIndexed(index, store, 'nope', { archived: false })).toBeNull()
    expect(await lookupIndexed(index, store, '  ', { archived: false })).toBeNull()
    // LIKE's wildcards are plain characters in an id.
    expect(await lookupIndexed(index, store, 's_', { archived: false })).toBeNull()
    // Changed since it was indexed: not answered from the index.
    await writeOxios(
      store.root,
      oxiosDocument({ id: 's3', projectId: 'moved', turns: [{ user: 'a longer prompt than before', agent: 'ok' }] }),
    )
    expect(await lookupIndexed(index, store, 's3', { archived: false })).toBeNull()
    // Gone: not answered either.
    await rm(join(store.root, 's2.json'))
    expect(await lookupIndexed(index, store, 's2', { archived: false })).toBeNull()
    expect((await readdir(store.root)).sort()).toContain('s3.json')
  })
})

describe('API responses', () => {
  it('records one row per Claude Code response, whose tokens add up to the summary’s, with its ids, model and time', async () => {
    const [root] = await copySampleStores(join(dir, 'copies'), ['claude'])
    const claude: Store = { format: 'claude', root: root as string }
    await updateIndex(index, [claude])
    let checked = 0
    for (const session of readSummaries(index, [claude])) {
      const rows = readResponses(index, session.path)
      const lines = (await readFile(session.path, 'utf8')).split('\n').flatMap((line) => {
        try {
          return [JSON.parse(line) as { type?: string; requestId?: string; message?: { id?: string; usage?: unknown } }]
        } catch {
          return []
        }
      })
      const ids = new Set(lines.filter((l) => l.type === 'assistant' && l.message?.usage).map((l) => l.message?.id ?? l.requestId))
      expect(rows.length, session.path).toBe(ids.size)
      if (rows.length === 0) continue
      checked++
      const sum = (key: 'input' | 'output' | 'cacheRead' | 'cacheWrite') => rows.reduce((total, row) => total + row[key], 0)
      // Inline sub-agents' responses are in the file too, and in no summary of the parent alone.
      const children = session.children ?? []
      const childTokens = (key: 'input' | 'output') => children.reduce((total, child) => total + (child.tokens?.[key] ?? 0), 0)
      expect(sum('input') - childTokens('input')).toBe(session.tokens?.input ?? 0)
      expect(sum('output') - childTokens('output')).toBe(session.tokens?.output ?? 0)
      expect(rows.every((row) => row.messageId !== null && row.at !== null && row.model !== null)).toBe(true)
    }
    expect(checked).toBeGreaterThan(0)
    // Forgotten with their session.
    const [first] = readSummaries(index, [claude])
    await rm(first?.path as string)
    await updateIndex(index, [claude])
    expect(readResponses(index, first?.path as string)).toEqual([])
  })
})

describe('folder problems', () => {
  it('forgets an entry the scan could not read (a symbolic link loop) once it is gone', async () => {
    const loop = join(store.root, 'loop.json')
    await symlink(loop, loop)
    const claudeLike: Store = store
    await updateIndex(index, [claudeLike])
    expect(readProblems(index, [claudeLike]).map((problem) => problem.path)).toContain(loop)
    await rm(loop)
    await updateIndex(index, [claudeLike])
    expect(readProblems(index, [claudeLike]).map((problem) => problem.path)).not.toContain(loop)
    // A file's own problem stays as long as the file does.
    expect(readProblems(index, [claudeLike]).map((problem) => problem.path)).toEqual([join(store.root, 'broken.json')])
  })
})

describe('leftovers of killed operations on a warm start', () => {
  it('looks for them again only in a store where a folder changed, and never takes a live writer’s leftover for clean', async () => {
    const repairing = () => listStores([store], { archived: true, index, repair: true })
    await repairing()
    expect(readCleanFolders(index, store)?.map(([folder]) => folder)).toContain(store.root)
    // A backup left by a process that is gone (pid 1's start time is not this), of a session
    // that is missing: the next listing sees the folder changed, puts it back and reports nothing.
    const s0 = join(store.root, 's0.json')
    const bytes = await readFile(s0)
    await rm(s0)
    await writeFile(join(store.root, '.s0.json.ss-bak-999999-1_1-abcdef'), bytes)
    const repaired = await repairing()
    expect(repaired.sessions.map((s) => s.id)).toContain('s0')
    expect(await readFile(s0)).toEqual(bytes)
    // A leftover of a writer still running (this process): kept, and the store is not recorded clean.
    const live = join(store.root, `.s1.json.ss-new-${process.pid}-abcdef.tmp`)
    await writeFile(live, 'half written')
    await repairing()
    expect(readCleanFolders(index, store)).toBeNull()
    expect(await readFile(live, 'utf8')).toBe('half written')
    await rm(live)
    await repairing()
    expect(readCleanFolders(index, store)).not.toBeNull()
  })
})

describe('show from an indexed summary', () => {
  it('reads each Claude Code sample to the same detail whether its summary comes from the index or is read again', async () => {
    const [root] = await copySampleStores(join(dir, 'copies-show'), ['claude'])
    const claude: Store = { format: 'claude', root: root as string }
    await listStores([claude], { archived: true, index })
    const summaries = readSummaries(index, [claude])
    expect(summaries.length).toBeGreaterThan(2)
    for (const summary of summaries) {
      expect(await loadSession(summary, [], { current: true }), summary.path).toEqual(await loadSession(summary))
    }
  })
})
