import { readFile, readdir, rm, stat, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aoDocument, makeTempDir, oxiosDocument, removeDir, writeAo, writeOxios } from '../../support/fixtures'
import { waitFor } from '../../support/wait-for'
import type { AppSnapshot, Events } from '../../../src-shared/contract'
import { AppService, type AppServiceOptions } from '../../../src-main/app/app-service'
import { repoPath } from '../../support/repo'

const SAMPLES = repoPath('resources', 'samples')
const OLD = new Date('2026-10-01T00:00:00Z')

let dir: string
let services: AppService[]

beforeEach(async () => {
  dir = await makeTempDir('service')
  services = []
})
afterEach(async () => {
  for (const service of services) await service.close()
  await removeDir(dir)
})

async function start(overrides: Partial<AppServiceOptions> = {}): Promise<AppService> {
  const service = await AppService.start({
    dataDir: join(dir, 'data'),
    home: join(dir, 'home'),
    env: {},
    dirs: [],
    samplesDir: SAMPLES,
    shell: 'browser',
    reconcileIntervalMs: 0,
    ...overrides,
  })
  services.push(service)
  return service
}

function value<T>(outcome: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!outcome.ok) throw new Error(`expected success, got: ${outcome.reason}`)
  return outcome.value
}

describe('choosing stores', () => {
  it('opens a copy of the samples on a machine with no store, never writing to the installation', async () => {
    const service = await start()
    const snapshot = await service.getSnapshot()
    expect(snapshot.stores.map((s) => [s.format, s.isSample])).toEqual([
      ['oxios', true],
      ['astrid', true],
      ['ao', true],
      ['claude', true],
      ['gemini', true],
      ['codex', true],
    ])
    for (const store of snapshot.stores) expect(store.root.startsWith(join(dir, 'data', 'samples'))).toBe(true)
    expect(snapshot.notice).toMatch(/opened a copy of its sample sessions/)
    expect(snapshot.sessions.length).toBeGreaterThan(5)
    expect(snapshot.lookedIn).toContain(join(dir, 'home', '.oxios', 'workspace', 'sessions'))
    // The copies are dated from their contents, so none counts as live or brand new.
    for (const session of snapshot.sessions) expect(Date.now() - Date.parse(session.modifiedAt)).toBeGreaterThan(snapshot.liveWindowMs)
    // Operations act on the copy.
    const oxios = snapshot.sessions.find((s) => s.format === 'oxios' && !s.archived)!
    const storeId = snapshot.stores.find((s) => s.format === 'oxios')!.id
    value(await service.archiveSessions([{ storeId, id: oxios.id }], false))
    expect((await readdir(join(dir, 'data', 'samples', 'oxios', 'workspace', 'sessions', '.archive'))).length).toBe(1)
    expect(await readdir(join(SAMPLES, 'oxios', 'workspace', 'sessions'))).toContain(`${oxios.id}.json`)
  })

  it('uses the default stores under home, and remembers added ones across runs', async () => {
    await writeOxios(join(dir, 'home', '.oxios', 'workspace', 'sessions'), oxiosDocument({ id: 'home-session' }))
    const extra = join(dir, 'elsewhere', 'ao-sessions')
    await writeAo(extra, aoDocument({ id: 'extra-session' }))
    const first = await start()
    expect((await first.getSnapshot()).sessions.map((s) => s.id)).toEqual(['home-session'])
    const invalidations: Array<Events['snapshotInvalidated']> = []
    first.on('snapshotInvalidated', (payload) => invalidations.push(payload))
    const added = value(await first.addStore(extra))
    expect(added).toMatchObject({ format: 'ao', root: extra })
    expect(invalidations).toEqual([{ reason: 'a store was added' }])
    expect((await first.getSnapshot()).sessions.map((s) => s.id).sort()).toEqual(['extra-session', 'home-session'])
    expect(await first.addStore(extra)).toEqual({ ok: false, reason: 'That store is already open.' })
    expect(await first.addStore(join(dir, 'missing'))).toMatchObject({ ok: false, reason: expect.stringContaining('no such directory') })
    await first.close()

    const second = await start()
    const snapshot = await second.getSnapshot()
    expect(snapshot.sessions.map((s) => s.id).sort()).toEqual(['extra-session', 'home-session'])
    value(await second.removeStore(snapshot.stores.find((s) => s.root === extra)!.id))
    expect((await second.getSnapshot()).sessions.map((s) => s.id)).toEqual(['home-session'])
    expect(JSON.parse(await readFile(join(dir, 'data', 'stores.json'), 'utf8'))).toEqual({ stores: [] })
  })

  it('uses exactly the folders given on the command line', async () => {
    await writeOxios(join(dir, 'home', '.oxios', 'workspace', 'sessions'), oxiosDocument({ id: 'home-session' }))
    const given = join(dir, 'given', 'sessions')
    await writeOxios(given, oxiosDocument({ id: 'given-session' }))
    const service = await start({ dirs: [given] })
    expect((await service.getSnapshot()).sessions.map((s) => s.id)).toEqual(['given-session'])
  })
})

describe('operations through the service', () => {
  let service: AppService
  let snapshot: AppSnapshot
  let sessions: string

  beforeEach(async () => {
    sessions = join(dir, 'store', 'sessions')
    for (const [i, day] of [1, 20, 40, 60].entries()) {
      const updatedAt = new Date(Date.now() - day * 86_400_000).toISOString()
      await utimes(await writeOxios(sessions, oxiosDocument({ id: `s${i}`, projectId: 'p', updatedAt })), OLD, OLD)
    }
    service = await start({ dirs: [sessions] })
    snapshot = await service.getSnapshot()
  })

  it('publishes each operation as a batch at once, and undo reverts it', async () => {
    const batches: Array<Events['indexBatch']> = []
    service.on('indexBatch', (batch) => batches.push(batch))
    const storeId = snapshot.stores[0]!.id
    const report = value(
      await service.moveSessions(
        [
          { storeId, id: 's0' },
          { storeId, id: 'ghost' },
        ],
        { kind: 'project', name: 'q' },
        false,
      ),
    )
    expect(report.done.map((d) => d.id)).toEqual(['s0'])
    expect(report.skipped).toEqual([{ id: 'ghost', reason: 'not found (it may have been removed)' }])
    expect(report.undoLabel).toBe('Move session to q')
    expect(batches.length).toBeGreaterThan(0)
    expect(batches[0]!.seq).toBe(snapshot.seq + 1)
    expect(batches[0]!.events).toMatchObject([{ type: 'changed', id: 's0', session: { project: 'q' } }])
    const undone = value(await service.undo())
    expect(undone.label).toBe('Move session to q')
    await waitFor('the undo batch', () => batches.some((b) => b.events.some((e) => e.type === 'changed' && e.session.project === 'p')))
    expect(await service.undo()).toEqual({ ok: false, reason: 'Nothing to undo.' })
  })

  it('previews a prune and applies exactly the confirmed sessions', async () => {
    const storeId = snapshot.stores[0]!.id
    const request = { storeId, olderThanDays: 10, keep: null, scope: { kind: 'store' as const }, action: 'archive' as const }
    const preview = value(await service.previewPrune(request))
    expect(preview.sessions.map((s) => s.id).sort()).toEqual(['s1', 's2', 's3'])
    expect(preview.totalBytes).toBe(preview.sessions.reduce((n, s) => n + s.bytes, 0))
    expect(await readdir(sessions)).not.toContain('.archive')
    // The user confirmed a preview that held only two of them: the third is left alone.
    const report = value(await service.applyPrune(request, ['s1', 's2']))
    expect(report.done.map((d) => d.id).sort()).toEqual(['s1', 's2'])
    expect(report.skipped).toEqual([{ id: 's3', reason: 'not in the confirmed preview' }])
    expect((await readdir(join(sessions, '.archive'))).sort()).toEqual(['s1.json', 's2.json'])
  })

  it('trashes, lists the trash, restores, and empties it through the system trash when there is one', async () => {
    const storeId = snapshot.stores[0]!.id
    value(await service.trashSessions([{ storeId, id: 's3' }], false))
    expect(value(await service.listTrash(storeId)).map((s) => s.id)).toEqual(['s3'])
    value(await service.restoreSessions(storeId, ['s3']))
    expect((await stat(join(sessions, 's3.json'))).isFile()).toBe(true)
    value(await service.trashSessions([{ storeId, id: 's3' }], false))
    await service.close()

    const handed: string[] = []
    const withTrash = await start({ dirs: [sessions], hooks: { trashItem: async (path) => void handed.push(path) } })
    expect(value(await withTrash.emptyTrash(storeId))).toMatchObject({ files: 1 })
    expect(handed).toEqual([join(sessions, '.trash')])
  })

  it('reveals and opens links only where the shell can', async () => {
    const storeId = snapshot.stores[0]!.id
    expect(await service.revealSession({ storeId, id: 's0' })).toMatchObject({ ok: false })
    expect(await service.openExternal('file:///etc/passwd')).toEqual({
      ok: false,
      reason: 'only http and https links open outside the app',
    })
    expect(await service.loadSession({ storeId: 'nope', id: 's0' })).toEqual({ ok: false, reason: 'unknown store' })
    expect(value(await service.loadSession({ storeId, id: 's0' })).turns.length).toBe(1)
  })
})

describe('one id resolution and one set of pre-checks for every shell', () => {
  let service: AppService
  let sessions: string
  let storeId: string

  beforeEach(async () => {
    sessions = join(dir, 'store', 'sessions')
    for (const id of ['abc', 'abc-long', 'abd', 'twin']) {
      await utimes(await writeOxios(sessions, oxiosDocument({ id, projectId: 'p' })), OLD, OLD)
    }
    // An archived copy of "twin": the active one is the one a bare id means.
    const archived = await writeOxios(join(sessions, '.archive'), oxiosDocument({ id: 'twin', projectId: 'old' }))
    await utimes(archived, OLD, OLD)
    service = await start({ dirs: [sessions] })
    storeId = (await service.getSnapshot()).stores[0]!.id
  })

  it('a typed id may be a prefix; a full id wins over the longer ids it begins; ties and misses are reported', async () => {
    const resolved = await service.resolveQueries(storeId, ['abc', 'abc-l', 'ab', 'zzz', ' ', 'TWIN', 'abc'])
    expect(resolved.refs).toEqual([
      { storeId, id: 'abc' },
      { storeId, id: 'abc-long' },
      { storeId, id: 'twin' },
    ])
    expect(resolved.skipped).toEqual([
      { id: 'ab', reason: 'ambiguous: matches 3 sessions' },
      { id: 'zzz', reason: 'not found' },
      { id: ' ', reason: 'empty id' },
    ])
    const twin = await service.lookup(storeId, 'twin')
    expect(twin.kind === 'found' && twin.session.archived).toBe(false)
  })

  it('a listed id is taken exactly: a vanished session is never mistaken for one whose id it begins', async () => {
    await rm(join(sessions, 'abc.json'))
    await service.close()
    service = await start({ dirs: [sessions] })
    const report = value(await service.archiveSessions([{ storeId, id: 'abc' }], false))
    expect(report).toEqual({ done: [], skipped: [{ id: 'abc', reason: 'not found (it may have been removed)' }], undoLabel: null })
    expect((await readdir(sessions)).sort()).toEqual(['.archive', 'abc-long.json', 'abd.json', 'twin.json'])
  })

  it('refuses a project name no session could take before reading or writing anything', async () => {
    const before = await readFile(join(sessions, 'abd.json'), 'utf8')
    for (const name of ['..', 'a/b', '', ' x']) {
      const outcome = await service.moveSessions([{ storeId, id: 'abd' }], { kind: 'project', name }, true)
      expect(outcome.ok).toBe(false)
      expect(service.moveTargetProblem(storeId, { kind: 'project', name })).toBe(outcome.ok ? null : outcome.reason)
    }
    expect(await readFile(join(sessions, 'abd.json'), 'utf8')).toBe(before)
    expect(service.moveTargetProblem(storeId, { kind: 'unfiled' })).toBeNull()
  })

  it('a one-shot service (the CLI) reads no store until a request needs it, and watches nothing', async () => {
    const data = join(dir, 'lazy-data')
    const lazy = await start({ dataDir: data, stores: [{ format: 'oxios', root: sessions }], watch: false, lazyIndex: true, shell: 'cli' })
    expect(await readdir(data).catch(() => [])).toEqual([])
    expect(value(await lazy.trashContents(storeId))).toEqual({ files: 0, bytes: 0 })
    expect(await readdir(data).catch(() => [])).toEqual([])
    expect((await lazy.getSnapshot()).sessions.map((s) => s.id)).toEqual(expect.arrayContaining(['abc', 'abc-long', 'abd', 'twin']))
    // The index database is the summary cache (its -wal and -shm beside it while open).
    expect((await readdir(data)).filter((name) => !/(-wal|-shm|\.\d+\.open)$/.test(name))).toEqual(['index.sqlite'])
  })

  it('shows a typed id through the index, straight to its file, without listing the store; unknown to the index, through the listing', async () => {
    const data = join(dir, 'show-data')
    const stores = [{ format: 'oxios' as const, root: sessions }]
    const lister = await start({ dataDir: data, stores, watch: false, shell: 'cli' })
    await lister.close()
    const looker = await start({ dataDir: data, stores, watch: false, lazyIndex: true, readOnly: true, shell: 'cli' })
    const { lookup, detail } = await looker.readTyped(storeId, 'ABD')
    expect(lookup).toMatchObject({ kind: 'found', session: { id: 'abd' } })
    expect(detail && value(detail).session.id).toBe('abd')
    expect(looker.listed).toBe(false)
    // A prefix the index cannot settle alone goes to the listing, which says it is ambiguous.
    expect((await looker.readTyped(storeId, 'ab')).lookup.kind).toBe('ambiguous')
    expect(looker.listed).toBe(true)
    await looker.close()
  })
})
