import { mkdir, rename, rm, stat, symlink, unlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { formatModule } from '../../../../src-main/core/formats/registry'
import { listStores } from '../../../../src-main/core/listing'
import type { SessionSummary, Store } from '../../../../src-shared/model'
import { OwnWrites, stampOf } from '../../../../src-main/core/own-writes'
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
import { waitFor } from '../../../support/wait-for'
import {
  type IndexBatch,
  type IndexEvent,
  type IndexState,
  SessionIndex,
  type SessionIndexOptions,
  applyBatch,
} from '../../../../src-main/core/watch/session-index'

// Real folders, real chokidar. Nothing sleeps for a fixed time: tests wait for the events they
// expect, and prove that an event did not come by waiting for a later one that must follow it.

let home: string
const open: SessionIndex[] = []
const errors: Error[] = []

beforeEach(async () => {
  home = await makeTempDir('watch')
})

afterEach(async () => {
  await Promise.all(open.splice(0).map((index) => index.close()))
  await removeDir(home)
  expect(errors.splice(0)).toEqual([])
})

interface Recorder {
  batches: IndexBatch[]
  events(): IndexEvent[]
  /** The first event of `type` for `path` (and passing `extra`), once it has been delivered. */
  next(type: IndexEvent['type'], path: string, extra?: (event: IndexEvent) => boolean): Promise<IndexEvent>
  stop(): void
}

function record(index: SessionIndex): Recorder {
  const batches: IndexBatch[] = []
  const stop = index.subscribe((batch) => batches.push(batch))
  const events = () => batches.flatMap((batch) => batch.events)
  let consumed = 0
  return {
    batches,
    events,
    stop,
    // Searches only past the events an earlier next() already matched, so a change after an
    // add is not satisfied by the add.
    async next(type, path, extra = () => true) {
      const found = await waitFor(`${type} ${path}`, () => {
        const all = events()
        for (let i = consumed; i < all.length; i++) {
          const event = all[i] as IndexEvent
          if (event.type === type && event.path === path && extra(event)) return { event, i }
        }
        return null
      })
      consumed = found.i + 1
      return found.event
    },
  }
}

async function startIndex(stores: Store[], options: SessionIndexOptions = {}): Promise<SessionIndex> {
  const index = new SessionIndex(stores, { reconcileIntervalMs: 0, onError: (error) => errors.push(error), ...options })
  open.push(index)
  await index.start()
  return index
}

const sessionOf = (event: IndexEvent): SessionSummary | null => ('session' in event ? event.session : null)

/** Writes the way agents and the app do: a hidden temp file, then a rename over the target. */
async function writeAtomically(path: string, content: string): Promise<{ size: number; mtimeMs: number; ino: number }> {
  const temp = join(dirname(path), `.${path.split('/').pop()}.ss-new-1-ab.tmp`)
  await writeFile(temp, content)
  const stamp = stampOf(await stat(temp))
  await rename(temp, path)
  return stamp
}

describe('SessionIndex', () => {
  it('Oxios: reports added, changed and removed sessions, and nothing for temp, hidden or stray files', async () => {
    const root = join(home, '.oxios', 'workspace', 'sessions')
    const first = await writeOxios(root, oxiosDocument({ id: 'a0000000-0000-4000-8000-000000000000', updatedAt: '2026-11-01T10:00:00Z' }))
    const index = await startIndex([{ format: 'oxios', root }])
    expect(index.snapshot()).toMatchObject({ seq: 0, sessions: [{ path: first }], problems: [] })
    const rec = record(index)

    await writeFileDeep(join(root, 'notes.txt'), 'not a session')
    await writeFileDeep(join(root, 'b0000000.json.tmp'), '{')
    await writeFileDeep(join(root, '.b0000000.json.ss-new-1-ab.tmp'), '{')
    await writeFileDeep(join(root, '.hidden.json'), '{')
    await writeFileDeep(join(root, 'misc', 'c0000000.json'), '{')
    const added = await writeOxios(root, oxiosDocument({ id: 'b0000000-0000-4000-8000-000000000000' }))
    const event = await rec.next('added', added)
    expect(event).toMatchObject({ id: 'b0000000-0000-4000-8000-000000000000', session: { format: 'oxios', path: added } })
    expect(rec.events().map((e) => e.path)).toEqual([added])

    await writeOxios(
      root,
      oxiosDocument({
        id: 'a0000000-0000-4000-8000-000000000000',
        updatedAt: '2026-11-02T10:00:00Z',
        turns: [{ user: 'Changed', agent: 'ok' }, { user: 'Again' }],
      }),
    )
    const changed = await rec.next('changed', first)
    expect(sessionOf(changed)).toMatchObject({ title: 'Changed', turns: 2, updatedAt: '2026-11-02T10:00:00.000Z' })

    await rm(added)
    expect(await rec.next('removed', added)).toEqual({
      type: 'removed',
      path: added,
      id: 'b0000000-0000-4000-8000-000000000000',
      session: null,
    })
    expect(rec.events().every((e) => e.path === added || e.path === first)).toBe(true)
  })

  it('Astrid: reports sessions, and archived ones (in a .archive folder made after the start) when asked', async () => {
    const root = join(home, '.astrid', 'sessions')
    const known = await writeAstrid(root, astridDocument({ title: 'Known' }))
    const index = await startIndex([{ format: 'astrid', root }], { listOptions: { archived: true } })
    const rec = record(index)

    const doc = astridDocument({ title: 'Fresh' })
    const added = await writeAstrid(root, doc)
    expect(sessionOf(await rec.next('added', added))).toMatchObject({ format: 'astrid', title: 'Fresh', archived: false })
    await writeAstrid(root, { ...doc, metadata: { ...(doc.metadata as object), title: 'Renamed' } })
    expect(sessionOf(await rec.next('changed', added))).toMatchObject({ title: 'Renamed' })

    const archived = await writeAstrid(root, astridDocument({ title: 'Old one' }), '.archive')
    expect(sessionOf(await rec.next('added', archived))).toMatchObject({ title: 'Old one', archived: true })
    await rm(known)
    await rec.next('removed', known)
  })

  it('ao-rs: reports sessions in a project folder made after the start, and leaves .archive alone unless asked', async () => {
    const root = join(home, '.ao-rs', 'sessions')
    await writeAo(root, aoDocument({ projectId: 'first' }))
    const index = await startIndex([{ format: 'ao', root }])
    const rec = record(index)

    const doc = aoDocument({ projectId: 'second', task: 'Write the docs' })
    const added = await writeAo(root, doc)
    expect(sessionOf(await rec.next('added', added))).toMatchObject({ format: 'ao', project: 'second', title: 'Write the docs' })
    await writeAo(root, { ...doc, status: 'merged' })
    expect(sessionOf(await rec.next('changed', added))).toMatchObject({ status: 'merged' })

    // Archived sessions are outside this index: the later session's event must come alone.
    const archived = await writeAo(root, aoDocument({ projectId: 'second' }), { archived: true })
    const later = await writeAo(root, aoDocument({ projectId: 'third' }))
    await rec.next('added', later)
    expect(rec.events().some((e) => e.path === archived)).toBe(false)

    await rm(dirname(added), { recursive: true })
    await rec.next('removed', added)
  })

  it('ao-rs: a project folder moved in or out whole brings or takes its sessions', async () => {
    const root = join(home, '.ao-rs', 'sessions')
    const outside = join(home, 'elsewhere')
    await writeAo(root, aoDocument({ projectId: 'first' }))
    const moved = await writeAo(outside, aoDocument({ projectId: 'moved' }))
    const index = await startIndex([{ format: 'ao', root }])
    const rec = record(index)

    await rename(join(outside, 'moved'), join(root, 'moved'))
    const inside = join(root, 'moved', moved.split('/').pop() as string)
    await rec.next('added', inside)
    await rename(join(root, 'moved'), join(outside, 'moved'))
    await rec.next('removed', inside)
  })

  it('drops the echo of an own write, but not a later write to the same path', async () => {
    const root = join(home, '.oxios', 'workspace', 'sessions')
    const id = 'e0000000-0000-4000-8000-000000000000'
    const path = await writeOxios(root, oxiosDocument({ id }))
    const ownWrites = new OwnWrites()
    const index = await startIndex([{ format: 'oxios', root }], { ownWrites })
    const rec = record(index)

    // What an operation does: write, note the write, announce it itself.
    const stamp = await writeAtomically(path, JSON.stringify(oxiosDocument({ id, metadata: { title: 'Renamed by the app' } }), null, 2))
    ownWrites.noteWritten(path, stamp)
    const store: Store = { format: 'oxios', root }
    const session = await formatModule('oxios').summarize(store, { path, archived: false, size: stamp.size, mtimeMs: stamp.mtimeMs })
    const published = index.publish([{ type: 'changed', path, id, session }])
    expect(published).toEqual({ seq: 1, events: [{ type: 'changed', path, id, session }] })

    const sentinel = await writeOxios(root, oxiosDocument({}))
    await rec.next('added', sentinel)
    expect(rec.events().filter((e) => e.path === path)).toHaveLength(1)

    await writeOxios(root, oxiosDocument({ id, metadata: { title: 'Renamed by the agent' } }))
    expect(sessionOf(await rec.next('changed', path))).toMatchObject({ title: 'Renamed by the agent' })
    expect(index.snapshot().sessions.find((s) => s.path === path)?.title).toBe('Renamed by the agent')
  })

  it('reports an own write that was never published once its note has expired', async () => {
    const root = join(home, '.oxios', 'workspace', 'sessions')
    const id = 'f0000000-0000-4000-8000-000000000000'
    const path = await writeOxios(root, oxiosDocument({ id }))
    const gone = await writeOxios(root, oxiosDocument({}))
    let clock = 0
    const ownWrites = new OwnWrites(10_000, () => clock)
    const index = await startIndex([{ format: 'oxios', root }], { ownWrites })
    const rec = record(index)

    ownWrites.noteWritten(path, await writeAtomically(path, JSON.stringify(oxiosDocument({ id, metadata: { title: 'Unannounced' } }))))
    await rm(gone)
    ownWrites.noteRemoved(gone)
    const sentinel = await writeOxios(root, oxiosDocument({}))
    await rec.next('added', sentinel)
    await index.reconcile()
    expect(rec.events().map((e) => e.path)).toEqual([sentinel])

    clock = 20_000
    await index.reconcile()
    expect(rec.events().slice(1)).toEqual([
      expect.objectContaining({ type: 'changed', path, session: expect.objectContaining({ title: 'Unannounced' }) }),
      { type: 'removed', path: gone, id: expect.any(String), session: null },
    ])
  })

  it('snapshot plus the batches after it, through applyBatch, equals a fresh listing; seq grows by one', async () => {
    const oxios = join(home, '.oxios', 'workspace', 'sessions')
    const astrid = join(home, '.astrid', 'sessions')
    const ao = join(home, '.ao-rs', 'sessions')
    const stores: Store[] = [
      { format: 'oxios', root: oxios },
      { format: 'astrid', root: astrid },
      { format: 'ao', root: ao },
    ]
    const doomed = await writeOxios(oxios, oxiosDocument({}))
    const changing = await writeAstrid(astrid, astridDocument({ title: 'Before' }))
    const breaking = await writeAo(ao, aoDocument({ projectId: 'p' }))
    await writeFileDeep(join(oxios, 'broken.json'), '{"id": ')
    const index = await startIndex(stores, { listOptions: { archived: true } })
    const rec = record(index)

    // A first change, then the snapshot: batches up to its seq must be skipped by applyBatch.
    const early = await writeOxios(oxios, oxiosDocument({}))
    await rec.next('added', early)
    const snapshot = index.snapshot()
    expect(snapshot.seq).toBe(rec.batches.at(-1)?.seq)

    await rm(doomed)
    await writeAstrid(astrid, astridDocument({ id: changing.split('/').pop()?.replace('.json', ''), title: 'After' }))
    await writeFile(breaking, 'id: [unclosed\n')
    await writeOxios(oxios, oxiosDocument({}), '.archive')
    await writeAo(ao, aoDocument({ projectId: 'q' }))
    await writeOxios(oxios, oxiosDocument({ id: 'broken' }))
    const listing = await listStores(stores, { archived: true })
    const fresh = JSON.stringify({ sessions: listing.sessions, problems: listing.problems })

    const applied = () => rec.batches.reduce<IndexState>(applyBatch, snapshot)
    await waitFor('the applied batches to match a fresh listing', () => {
      const state = applied()
      return JSON.stringify({ sessions: state.sessions, problems: state.problems }) === fresh
    })
    expect(rec.batches.map((b) => b.seq)).toEqual(rec.batches.map((_, i) => i + 1))
    expect(applied()).toEqual(index.snapshot())
    expect(rec.events()).toContainEqual(expect.objectContaining({ type: 'removed', path: breaking }))
    expect(rec.events()).toContainEqual(expect.objectContaining({ type: 'problem', path: breaking }))
  })

  it('turns a rewrite that makes a session unreadable into removed + problem, and a repair into added', async () => {
    const root = join(home, '.astrid', 'sessions')
    const doc = astridDocument({ title: 'Fine' })
    const path = await writeAstrid(root, doc)
    const index = await startIndex([{ format: 'astrid', root }])
    const rec = record(index)

    await writeAtomically(path, '{"id": "cut off')
    const removed = await rec.next('removed', path)
    expect(removed).toMatchObject({ id: doc.id, session: null })
    expect(await rec.next('problem', path)).toEqual({
      type: 'problem',
      path,
      reason: 'truncated JSON: the file ends in the middle of the document',
    })
    expect(index.snapshot()).toMatchObject({ sessions: [], problems: [{ path }] })

    await writeAtomically(path, JSON.stringify(doc))
    expect(sessionOf(await rec.next('added', path))).toMatchObject({ title: 'Fine' })
    expect(index.snapshot()).toMatchObject({ sessions: [{ path }], problems: [] })
  })

  it('stops delivering to a subscriber once its disposer is called', async () => {
    const root = join(home, '.oxios', 'workspace', 'sessions')
    await mkdir(root, { recursive: true })
    const index = await startIndex([{ format: 'oxios', root }])
    const kept = record(index)
    const dropped = record(index)
    const first = await writeOxios(root, oxiosDocument({}))
    await kept.next('added', first)
    await dropped.next('added', first)
    dropped.stop()
    const second = await writeOxios(root, oxiosDocument({}))
    await kept.next('added', second)
    expect(dropped.events().map((e) => e.path)).toEqual([first])
  })

  it('reconcile() finds what no watcher reported, and stays quiet when nothing changed', async () => {
    const root = join(home, '.oxios', 'workspace', 'sessions')
    const stays = await writeOxios(root, oxiosDocument({ id: 's0000000-0000-4000-8000-000000000000' }))
    const goes = await writeOxios(root, oxiosDocument({ id: 'g0000000-0000-4000-8000-000000000000' }))
    const index = await startIndex([{ format: 'oxios', root }], { watch: false })
    const rec = record(index)

    await index.reconcile()
    expect(rec.batches).toEqual([])

    await rm(goes)
    await writeOxios(root, oxiosDocument({ id: 's0000000-0000-4000-8000-000000000000', metadata: { title: 'Edited' } }))
    const added = await writeOxios(root, oxiosDocument({ id: 'n0000000-0000-4000-8000-000000000000' }))
    await writeFileDeep(join(root, 'bad.json'), '')
    await writeOxios(root, oxiosDocument({}), '.archive')
    await index.reconcile()
    expect(rec.batches).toHaveLength(1)
    const byPath = new Map(rec.events().map((e) => [e.path, e]))
    expect(byPath.get(goes)).toEqual({ type: 'removed', path: goes, id: 'g0000000-0000-4000-8000-000000000000', session: null })
    expect(byPath.get(stays)).toMatchObject({ type: 'changed', session: { title: 'Edited' } })
    expect(byPath.get(added)).toMatchObject({ type: 'added', id: 'n0000000-0000-4000-8000-000000000000' })
    expect(byPath.get(join(root, 'bad.json'))).toEqual({ type: 'problem', path: join(root, 'bad.json'), reason: 'empty file' })
    expect(byPath.size).toBe(4)

    await index.reconcile()
    expect(rec.batches).toHaveLength(1)
  })

  it('reconciles on its own at the configured interval', async () => {
    const root = join(home, '.oxios', 'workspace', 'sessions')
    await mkdir(root, { recursive: true })
    const index = await startIndex([{ format: 'oxios', root }], { watch: false, reconcileIntervalMs: 50 })
    const rec = record(index)
    const added = await writeOxios(root, oxiosDocument({}))
    await rec.next('added', added)
  })

  it('publish() numbers its batch after the others and leaves out paths outside its stores', async () => {
    const root = join(home, '.ao-rs', 'sessions')
    const path = await writeAo(root, aoDocument({ projectId: 'p' }))
    const index = await startIndex([{ format: 'ao', root }], { watch: false })
    const rec = record(index)
    const session = index.snapshot().sessions[0] as SessionSummary
    const archivedPath = join(root, 'p', '.archive', `${session.id}.yaml`)
    const batch = index.publish([
      { type: 'removed', path, id: session.id, session: null },
      { type: 'added', path: archivedPath, id: session.id, session: { ...session, path: archivedPath, archived: true } },
      { type: 'removed', path: join(home, 'elsewhere', 'x.yaml'), id: null, session: null },
    ])
    expect(batch?.seq).toBe(1)
    expect(batch?.events).toEqual([{ type: 'removed', path, id: session.id, session: null }])
    expect(rec.batches).toEqual([batch])
    expect(index.snapshot()).toEqual({ seq: 1, sessions: [], problems: [] })
    expect(index.publish([])).toBeNull()
  })

  it('refresh() reads the paths it is told about and announces a move as one batch, leaving out paths outside its stores', async () => {
    const root = join(home, '.oxios', 'workspace', 'sessions')
    const path = await writeOxios(root, oxiosDocument({ id: 'moved-one', projectId: 'web' }))
    const problem = await writeOxios(root, oxiosDocument({ id: 'turns-bad' }))
    const index = await startIndex([{ format: 'oxios', root }], { watch: false, listOptions: { archived: true } })
    const rec = record(index)
    const before = index.snapshot().sessions.find((s) => s.id === 'moved-one') as SessionSummary
    // What an archive does: the file leaves its place for .archive/, and another file is rewritten.
    const archived = join(root, '.archive', 'moved-one.json')
    await mkdir(dirname(archived), { recursive: true })
    await rename(path, archived)
    await writeFile(problem, '{ "id": "turns-bad", "user_messages": [')
    const outside = join(home, 'elsewhere', 'x.json')
    await writeFileDeep(outside, '{}')
    const batch = await index.refresh([path, archived, problem, outside, archived])
    expect(batch?.seq).toBe(1)
    expect(batch?.events.map((e) => [e.type, e.path])).toEqual([
      ['removed', path],
      ['added', archived],
      ['problem', problem],
    ])
    expect(sessionOf(batch?.events[1] as IndexEvent)).toMatchObject({ id: 'moved-one', archived: true, project: before.project })
    expect(rec.batches).toEqual([batch])
    expect(index.snapshot().sessions.map((s) => [s.id, s.path])).toEqual([['moved-one', archived]])
    expect(await index.refresh([outside])).toBeNull()
  })

  it('delivers nothing once closed', async () => {
    const root = join(home, '.oxios', 'workspace', 'sessions')
    await mkdir(root, { recursive: true })
    const index = await startIndex([{ format: 'oxios', root }])
    const rec = record(index)
    await index.close()
    await writeOxios(root, oxiosDocument({}))
    await index.reconcile()
    expect(rec.batches).toEqual([])
    await index.close()
  })
})

describe('SessionIndex: what a scan cannot read', () => {
  it('reports a looping folder link and a looping file link as problems, drops them once fixed, and lists the rest', async () => {
    const root = join(home, 'ao-store')
    const kept = await writeAo(root, aoDocument({ id: 'kept', projectId: 'api' }))
    const folderLoop = join(root, 'looped')
    const fileLoop = join(root, 'api', 'loop.yaml')
    await symlink(folderLoop, folderLoop)
    await symlink(fileLoop, fileLoop)
    const index = await startIndex([{ format: 'ao', root }])
    const loopReason = 'a symbolic link loop: the link never reaches a file'
    expect(index.snapshot()).toMatchObject({
      sessions: [{ path: kept }],
      problems: [
        { path: fileLoop, reason: loopReason },
        { path: folderLoop, reason: loopReason },
      ],
    })
    const rec = record(index)
    // Reconciling again changes nothing while the links still loop.
    await index.reconcile()
    expect(rec.events()).toEqual([])

    await unlink(folderLoop)
    await index.reconcile()
    await rec.next('removed', folderLoop)
    expect(index.snapshot().problems).toEqual([{ path: fileLoop, reason: loopReason }])
  })
})
