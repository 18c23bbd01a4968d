import { readFile, stat, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listStores } from '../../../../src-main/core/listing'
import type { SessionSummary, Store } from '../../../../src-shared/model'
import {
  aoDocument,
  astridDocument,
  makeTempDir,
  oxiosDocument,
  readTree,
  removeDir,
  writeAo,
  writeAstrid,
  writeFileDeep,
  writeOxios,
} from '../../../support/fixtures'
import {
  type OperationsContext,
  archiveSessions,
  moveSessions,
  operationsContext,
  restoreSessions,
  trashSessions,
  unarchiveSessions,
} from '../../../../src-main/core/operations/operations'
import { undoLast } from '../../../../src-main/core/operations/undo'
import { applyPrune, planPrune, selectForPrune } from '../../../../src-main/core/operations/prune'
import { emptyTrash, listTrash } from '../../../../src-main/core/operations/trash'

let dir: string
let ctx: OperationsContext
const OLD = new Date('2026-10-01T00:00:00Z')

beforeEach(async () => {
  dir = await makeTempDir('ops')
  ctx = operationsContext(join(dir, 'data'))
})
afterEach(() => removeDir(dir))

/** Makes a file look untouched for a while, so the live rule does not apply. */
async function age(...paths: string[]) {
  for (const path of paths) await utimes(path, OLD, OLD)
}

async function sessionsOf(store: Store, archived = true): Promise<SessionSummary[]> {
  return (await listStores([store], { archived })).sessions
}

async function one(store: Store, id: string): Promise<SessionSummary> {
  const session = (await sessionsOf(store)).find((s) => s.id === id)
  if (!session) throw new Error(`no session ${id}`)
  return session
}

function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n')
  const b = after.split('\n')
  return { removed: a.filter((line) => !b.includes(line)), added: b.filter((line) => !a.includes(line)) }
}

describe('Oxios move', () => {
  let store: Store
  beforeEach(() => {
    store = { format: 'oxios', root: join(dir, 'oxios', 'sessions') }
  })

  it('sets project_id and updated_at only, keeping unknown fields, key order and number formats byte for byte', async () => {
    const doc = oxiosDocument({ id: 'ox1', projectId: 'alpha', extra: { weird_number: 0 } })
    // serde writes floats as 1.0 and may hold integers past 2^53: the rewrite must not touch them.
    const text = JSON.stringify(doc, null, 2).replace('"weird_number": 0', '"weird_number": 1.0,\n  "big": 12345678901234567890')
    const path = await writeFileDeep(join(store.root, 'ox1.json'), text)
    await age(path)
    ctx.now = () => Date.parse('2026-11-21T12:00:00Z')
    const result = await moveSessions(ctx, [await one(store, 'ox1')], { kind: 'project', name: 'beta' })
    expect(result.done).toEqual([{ id: 'ox1', from: 'alpha', to: 'beta', path }])
    const after = await readFile(path, 'utf8')
    expect(changedLines(text, after)).toEqual({
      removed: ['  "project_id": "alpha",', '  "updated_at": "2026-11-01T10:00:00Z",'],
      added: ['  "project_id": "beta",', '  "updated_at": "2026-11-21T12:00:00.000Z",'],
    })
    expect(after).toContain('"weird_number": 1.0')
    expect(after).toContain('"big": 12345678901234567890')
    expect((await one(store, 'ox1')).project).toBe('beta')
  })

  it('adds project_id where Oxios puts it, drops it when unfiled, and legacy keys no longer decide', async () => {
    const doc = oxiosDocument({ id: 'ox2', metadata: { project_id: 'legacy', title: 'T' }, parentSessionId: 'p0' })
    const path = await writeOxios(store.root, doc)
    await age(path)
    await moveSessions(ctx, [await one(store, 'ox2')], { kind: 'project', name: 'fresh' })
    let json = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
    expect(Object.keys(json)).toEqual([
      'id',
      'user_id',
      'user_messages',
      'agent_responses',
      'project_id',
      'parent_session_id',
      'created_at',
      'updated_at',
      'metadata',
    ])
    expect(json.project_id).toBe('fresh')
    expect(json.metadata).toEqual({ title: 'T' })
    await age(path)
    await moveSessions(ctx, [await one(store, 'ox2')], { kind: 'unfiled' })
    json = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
    expect('project_id' in json).toBe(false)
    expect((await one(store, 'ox2')).project).toBeNull()
  })

  it('undo puts every byte back, including the removed legacy key in its place', async () => {
    const doc = oxiosDocument({ id: 'ox3', metadata: { project_id: 'legacy', title: 'T' } })
    const path = await writeOxios(store.root, doc)
    await age(path)
    const before = await readFile(path, 'utf8')
    await moveSessions(ctx, [await one(store, 'ox3')], { kind: 'project', name: 'other' })
    expect(await readFile(path, 'utf8')).not.toBe(before)
    const undo = await undoLast(ctx)
    expect(undo.operation?.kind).toBe('move')
    expect(undo.done.map((d) => d.id)).toEqual(['ox3'])
    expect(await readFile(path, 'utf8')).toBe(before)
    expect((await undoLast(ctx)).operation).toBeNull()
  })

  it('skips live sessions unless forced, and sessions already in the project', async () => {
    const path = await writeOxios(store.root, oxiosDocument({ id: 'live', projectId: 'a' }))
    const before = await readTree(store.root)
    const refused = await moveSessions(ctx, [await one(store, 'live')], { kind: 'project', name: 'b' })
    expect(refused).toMatchObject({ done: [], skipped: [{ id: 'live', reason: 'live' }] })
    expect(await readTree(store.root)).toEqual(before)
    const same = await moveSessions(ctx, [await one(store, 'live')], { kind: 'project', name: 'a' }, { force: true })
    expect(same.skipped).toEqual([{ id: 'live', reason: 'already in a' }])
    const forced = await moveSessions(ctx, [await one(store, 'live')], { kind: 'project', name: 'b' }, { force: true })
    expect(forced.done).toHaveLength(1)
    expect(JSON.parse(await readFile(path, 'utf8')).project_id).toBe('b')
  })

  it('refuses project names that are not one path segment, before touching anything', async () => {
    const path = await writeOxios(store.root, oxiosDocument({ id: 'safe' }))
    await age(path)
    const before = await readTree(dir)
    for (const name of ['..', '.', 'a/b', '/etc', 'a\\b', '', ' ', 'C:evil', 'x\u0000y']) {
      const result = await moveSessions(ctx, [await one(store, 'safe')], { kind: 'project', name })
      expect(result.done).toEqual([])
      expect(result.skipped[0]?.reason).toBeTruthy()
    }
    expect(await readTree(dir)).toEqual(before)
  })
})

describe('Astrid move', () => {
  it('sets workspace_path to an existing workspace, by folder name or path, and nothing else', async () => {
    const store: Store = { format: 'astrid', root: join(dir, 'astrid', 'sessions') }
    const a = 'aaaaaaaa-0000-4000-8000-000000000001'
    const b = 'aaaaaaaa-0000-4000-8000-000000000002'
    const pathA = await writeAstrid(store.root, astridDocument({ id: a, workspacePath: '/home/u/api' }))
    const pathB = await writeAstrid(store.root, astridDocument({ id: b, workspacePath: null }))
    await age(pathA, pathB)
    const textB = await readFile(pathB, 'utf8')
    const all = await sessionsOf(store)
    const moved = await moveSessions(ctx, [await one(store, b)], { kind: 'project', name: 'api' }, { storeSessions: all })
    expect(moved.done).toEqual([{ id: b, from: null, to: '/home/u/api', path: pathB }])
    expect(changedLines(textB, await readFile(pathB, 'utf8'))).toEqual({
      removed: ['  "workspace_path": null,'],
      added: ['  "workspace_path": "/home/u/api",'],
    })
    const unknown = await moveSessions(ctx, [await one(store, a)], { kind: 'project', name: 'elsewhere' }, { storeSessions: all })
    expect(unknown.skipped[0]?.reason).toMatch(/no Astrid workspace named "elsewhere"/)
    await age(pathB)
    const unfiled = await moveSessions(ctx, [await one(store, b)], { kind: 'unfiled' })
    expect(unfiled.done).toHaveLength(1)
    expect(await readFile(pathB, 'utf8')).toBe(textB)
  })
})

describe('ao-rs move', () => {
  it('moves the file into the project folder (created), rewrites project_id, keeps every other line', async () => {
    const store: Store = { format: 'ao', root: join(dir, 'ao', 'sessions') }
    const text = [
      'id: s1',
      'project_id: old-proj',
      'status: working',
      'agent: claude-code',
      'branch: feat/x',
      'task: |-',
      '  Do the thing',
      '  carefully: with "quotes" # not a comment',
      'workspace_path: /home/u/old',
      'runtime_handle: null',
      'runtime: tmux',
      'activity: null',
      'created_at: 1794268800000',
      'last_review_backlog_fingerprint: 18446744073709551615',
      '',
    ].join('\n')
    const from = await writeFileDeep(join(store.root, 'old-proj', 's1.yaml'), text)
    await age(from)
    const result = await moveSessions(ctx, [await one(store, 's1')], { kind: 'project', name: 'new-proj' })
    const to = join(store.root, 'new-proj', 's1.yaml')
    expect(result.done).toEqual([{ id: 's1', from: 'old-proj', to: 'new-proj', path: to }])
    await expect(stat(from)).rejects.toThrow()
    const after = await readFile(to, 'utf8')
    expect(after).toBe(text.replace('project_id: old-proj', 'project_id: new-proj'))
    expect((await one(store, 's1')).project).toBe('new-proj')
    // Undo brings it back to the old folder, byte for byte.
    await undoLast(ctx)
    expect(await readFile(from, 'utf8')).toBe(text)
    await expect(stat(to)).rejects.toThrow()
  })

  it('moves archived sessions within .archive/, refuses Unfiled and an occupied destination', async () => {
    const store: Store = { format: 'ao', root: join(dir, 'ao', 'sessions') }
    const archived = await writeAo(store.root, aoDocument({ id: 'arch', projectId: 'p' }), { archived: true })
    const active = await writeAo(store.root, aoDocument({ id: 'dup', projectId: 'p' }))
    await age(archived, active)
    const moved = await moveSessions(ctx, [await one(store, 'arch')], { kind: 'project', name: 'q' })
    expect(moved.done[0]?.path).toBe(join(store.root, 'q', '.archive', 'arch.yaml'))
    const dup = await one(store, 'dup')
    const unfiled = await moveSessions(ctx, [dup], { kind: 'unfiled' })
    expect(unfiled.skipped[0]?.reason).toMatch(/always belongs to a project/)
    // Another file already sits where the session would go: nothing is replaced or moved.
    await writeFileDeep(join(store.root, 'q', 'dup.yaml'), 'id: someone-else\n')
    const before = await readTree(store.root)
    const blocked = await moveSessions(ctx, [dup], { kind: 'project', name: 'q' })
    expect(blocked.skipped[0]?.reason).toBe(`a session file already exists at ${join(store.root, 'q', 'dup.yaml')}`)
    expect(await readTree(store.root)).toEqual(before)
  })
})

describe('archive, trash, restore', () => {
  const formats = [
    {
      name: 'Oxios',
      store: () => ({ format: 'oxios', root: join(dir, 'ox', 'sessions') }) as Store,
      write: (store: Store) => writeOxios(store.root, oxiosDocument({ id: 'sess-1' })),
      id: 'sess-1',
      archivedRel: join('.archive', 'sess-1.json'),
      trashRel: join('.trash', 'sess-1.json'),
    },
    {
      name: 'Astrid',
      store: () => ({ format: 'astrid', root: join(dir, 'as', 'sessions') }) as Store,
      write: (store: Store) => writeAstrid(store.root, astridDocument({ id: 'bbbbbbbb-0000-4000-8000-000000000001' })),
      id: 'bbbbbbbb-0000-4000-8000-000000000001',
      archivedRel: join('.archive', 'bbbbbbbb-0000-4000-8000-000000000001.json'),
      trashRel: join('.trash', 'bbbbbbbb-0000-4000-8000-000000000001.json'),
    },
    {
      name: 'ao-rs',
      store: () => ({ format: 'ao', root: join(dir, 'ao', 'sessions') }) as Store,
      write: (store: Store) => writeAo(store.root, aoDocument({ id: 'sess-3', projectId: 'proj' })),
      id: 'sess-3',
      archivedRel: join('proj', '.archive', 'sess-3.yaml'),
      trashRel: join('.trash', 'proj', 'sess-3.yaml'),
    },
  ]

  for (const format of formats) {
    it(`${format.name}: archive and unarchive move the file byte for byte, and undo reverts`, async () => {
      const store = format.store()
      const path = await format.write(store)
      await age(path)
      const bytes = await readFile(path)
      const archived = await archiveSessions(ctx, [await one(store, format.id)])
      expect(archived.done).toEqual([
        { id: format.id, from: path, to: join(store.root, format.archivedRel), path: join(store.root, format.archivedRel) },
      ])
      expect(await readFile(join(store.root, format.archivedRel))).toEqual(bytes)
      await expect(stat(path)).rejects.toThrow()
      expect((await sessionsOf(store, false)).map((s) => s.id)).toEqual([])
      expect((await one(store, format.id)).archived).toBe(true)
      expect((await archiveSessions(ctx, [await one(store, format.id)])).skipped).toEqual([{ id: format.id, reason: 'already archived' }])

      const back = await unarchiveSessions(ctx, [await one(store, format.id)])
      expect(back.done[0]?.to).toBe(path)
      expect(await readFile(path)).toEqual(bytes)
      await undoLast(ctx) // undo the unarchive
      expect(await readFile(join(store.root, format.archivedRel))).toEqual(bytes)
      await undoLast(ctx) // undo the archive
      expect(await readFile(path)).toEqual(bytes)
      await expect(stat(join(store.root, format.archivedRel))).rejects.toThrow()
    })

    it(`${format.name}: trash and restore keep the file's place, and only empty-trash deletes`, async () => {
      const store = format.store()
      const path = await format.write(store)
      await age(path)
      const bytes = await readFile(path)
      const trashed = await trashSessions(ctx, [await one(store, format.id)])
      expect(trashed.done[0]?.to).toBe(join(store.root, format.trashRel))
      expect(await sessionsOf(store)).toEqual([])
      const inTrash = await listTrash(store)
      expect(inTrash.sessions.map((s) => s.id)).toEqual([format.id])
      const restored = await restoreSessions(ctx, inTrash.sessions)
      expect(restored.done[0]?.to).toBe(path)
      expect(await readFile(path)).toEqual(bytes)
      await age(path)
      await trashSessions(ctx, [await one(store, format.id)])
      expect(await emptyTrash(store)).toEqual({ files: 1, bytes: bytes.length })
      expect((await listTrash(store)).sessions).toEqual([])
      expect(await sessionsOf(store)).toEqual([])
    })
  }

  it('undo says why not when the files are no longer where the operation left them', async () => {
    const store = formats[0]!.store()
    const path = await formats[0]!.write(store)
    await age(path)
    await archiveSessions(ctx, [await one(store, 'sess-1')])
    await unarchiveSessions(ctx, [await one(store, 'sess-1')])
    // Undo the unarchive, then try to undo the archive after someone moved the file elsewhere.
    await undoLast(ctx)
    const { rename } = await import('node:fs/promises')
    await rename(join(store.root, '.archive', 'sess-1.json'), join(dir, 'elsewhere.json'))
    const result = await undoLast(ctx)
    expect(result.done).toEqual([])
    expect(result.skipped[0]?.reason).toMatch(/no longer at/)
  })
})

describe('prune', () => {
  async function seed() {
    const store: Store = { format: 'oxios', root: join(dir, 'prune', 'sessions') }
    const days = [1, 5, 10, 40, 50, 60, 70]
    for (const [i, day] of days.entries()) {
      const updatedAt = new Date(Date.parse('2026-11-21T00:00:00Z') - day * 86_400_000).toISOString()
      const path = await writeOxios(store.root, oxiosDocument({ id: `p${i}`, updatedAt, projectId: i % 2 ? 'odd' : 'even' }))
      await age(path)
    }
    ctx.now = () => Date.parse('2026-11-21T00:00:00Z')
    return store
  }

  it('selects by age, by keep-newest, and by both (older AND beyond the newest N), per project', async () => {
    const store = await seed()
    const sessions = await sessionsOf(store, false)
    const ids = (criteria: Parameters<typeof selectForPrune>[1]) =>
      selectForPrune(sessions, criteria, ctx.now())
        .map((s) => s.id)
        .sort()
    expect(ids({ action: 'archive', olderThanMs: 30 * 86_400_000 })).toEqual(['p3', 'p4', 'p5', 'p6'])
    expect(ids({ action: 'archive', keep: 5 })).toEqual(['p5', 'p6'])
    expect(ids({ action: 'archive', keep: 2, olderThanMs: 8 * 86_400_000 })).toEqual(['p2', 'p3', 'p4', 'p5', 'p6'])
    expect(ids({ action: 'archive', keep: 5, olderThanMs: 65 * 86_400_000 })).toEqual(['p6'])
    expect(ids({ action: 'archive', keep: 1, project: 'odd' })).toEqual(['p3', 'p5'])
  })

  it('a dry run changes nothing and lists exactly what the real run then touches', async () => {
    const store = await seed()
    const sessions = await sessionsOf(store, false)
    // One candidate was written a moment ago: live, skipped by both.
    await utimes(join(store.root, 'p6.json'), new Date(), new Date())
    ctx.now = () => Date.now()
    const criteria = { action: 'trash' as const, olderThanMs: 30 * 86_400_000 }
    const before = await readTree(store.root)
    const plan = await planPrune(ctx, sessions, {
      ...criteria,
      olderThanMs: criteria.olderThanMs + (Date.now() - Date.parse('2026-11-21T00:00:00Z')),
    })
    expect(await readTree(store.root)).toEqual(before)
    expect(plan.skipped).toEqual([{ id: 'p6', reason: 'live' }])
    const planned = plan.sessions.map((s) => s.path).sort()
    const result = await applyPrune(ctx, plan)
    expect(result.done.map((d) => d.from).sort()).toEqual(planned)
    expect(result.skipped).toEqual([{ id: 'p6', reason: 'live' }])
    expect((await listTrash(store)).sessions.map((s) => s.id).sort()).toEqual(['p3', 'p4', 'p5'])
    // Pruning is one operation: one undo brings all of it back.
    const undo = await undoLast(ctx)
    expect(undo.operation?.kind).toBe('prune')
    expect(undo.done).toHaveLength(3)
    expect(await readTree(store.root)).toEqual(before)
  })
})
