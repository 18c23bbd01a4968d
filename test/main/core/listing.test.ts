import { mkdir, symlink } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listStores } from '../../../src-main/core/listing'
import { findSession } from '../../../src-main/core/lookup'
import type { Store } from '../../../src-shared/model'
import {
  aoDocument,
  astridDocument,
  makeTempDir,
  oxiosDocument,
  removeDir,
  setMtime,
  writeAo,
  writeAstrid,
  writeFileDeep,
  writeOxios,
} from '../../support/fixtures'
import { summary } from '../../support/summaries'

let dir: string
beforeEach(async () => {
  dir = await makeTempDir('listing')
})
afterEach(() => removeDir(dir))

describe('unreadable files', () => {
  it('reports truncated, empty, non-UTF-8 and wrongly shaped files with one-line reasons, and lists the rest', async () => {
    const root = join(dir, 'sessions')
    const store: Store = { format: 'oxios', root }
    const good = oxiosDocument({ id: 'good' })
    await writeOxios(root, good)
    const text = JSON.stringify(oxiosDocument({ id: 'cut' }), null, 2)
    await writeFileDeep(join(root, 'cut.json'), text.slice(0, text.length / 2))
    await writeFileDeep(join(root, 'empty.json'), '')
    await writeFileDeep(join(root, 'latin1.json'), Buffer.from([0x7b, 0x22, 0xe9, 0xff, 0x22, 0x7d]))
    await writeFileDeep(join(root, 'array.json'), '[1, 2, 3]')
    await writeFileDeep(join(root, 'noid.json'), '{"created_at": "2026-11-01T00:00:00Z"}')
    await writeFileDeep(join(root, 'badtime.json'), '{"id": "x", "created_at": "soon"}')
    await writeFileDeep(join(root, 'badmsgs.json'), '{"id": "y", "created_at": "2026-11-01T00:00:00Z", "user_messages": {"a": 1}}')
    await writeFileDeep(join(root, 'garbage.json'), 'not json at all')
    const listing = await listStores([store], { archived: false })
    expect(listing.sessions.map((s) => s.id)).toEqual(['good'])
    const reasons = Object.fromEntries(listing.problems.map((p) => [p.path.slice(root.length + 1), p.reason]))
    expect(reasons).toEqual({
      'array.json': 'wrong shape: the document is not an object',
      'badmsgs.json': 'wrong shape: "user_messages" is not a list',
      'badtime.json': 'wrong shape: "created_at" is not a valid timestamp',
      'cut.json': 'truncated JSON: the file ends in the middle of the document',
      'empty.json': 'empty file',
      'garbage.json': expect.stringMatching(/^invalid JSON: /),
      'latin1.json': 'not valid UTF-8 text',
      'noid.json': 'wrong shape: "id" is missing',
    })
    expect(listing.problems.map((p) => p.path)).toEqual([...listing.problems.map((p) => p.path)].sort())
  })

  it('skips sockets, folders named like sessions and dangling links without reporting them', async () => {
    const root = join(dir, 'sessions')
    await writeOxios(root, oxiosDocument({ id: 'good' }))
    const socketPath = join(root, 'system.json')
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(socketPath, resolve))
    try {
      await mkdir(join(root, 'folder.json'))
      await symlink(join(dir, 'missing-target.json'), join(root, 'dangling.json'))
      await symlink(join(root, 'good.json'), join(root, 'alias.json'))
      const listing = await listStores([{ format: 'oxios', root }], { archived: true })
      expect(listing.problems).toEqual([])
      // A link to a session is a file like any other: the agent would read it too.
      expect(listing.sessions.map((s) => s.path.slice(root.length + 1)).sort()).toEqual(['alias.json', 'good.json'])
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})

describe('ordering and several stores', () => {
  it('lists newest update first across formats, ties by id', async () => {
    const oxios: Store = { format: 'oxios', root: join(dir, 'ox', 'sessions') }
    const astrid: Store = { format: 'astrid', root: join(dir, 'as', 'sessions') }
    const ao: Store = { format: 'ao', root: join(dir, 'ao', 'sessions') }
    await writeOxios(oxios.root, oxiosDocument({ id: 'ox-old', updatedAt: '2026-10-01T00:00:00Z' }))
    await writeOxios(oxios.root, oxiosDocument({ id: 'ox-b', updatedAt: '2026-11-10T00:00:00Z' }))
    await writeOxios(oxios.root, oxiosDocument({ id: 'ox-a', updatedAt: '2026-11-10T00:00:00Z' }))
    const astridId = '11111111-2222-4333-8444-555555555555'
    await setMtime(await writeAstrid(astrid.root, astridDocument({ id: astridId })), '2026-11-15T00:00:00Z')
    await setMtime(await writeAo(ao.root, aoDocument({ id: 'ao-1' })), '2026-10-20T00:00:00Z')
    const listing = await listStores([oxios, astrid, ao], { archived: false })
    expect(listing.sessions.map((s) => s.id)).toEqual([astridId, 'ox-a', 'ox-b', 'ao-1', 'ox-old'])
  })
})

describe('findSession', () => {
  const sessions = ['abc123', 'abd999', 'ABX000', 'abc'].map((id) => summary(id))

  it('finds by full id or unambiguous prefix, case-insensitively', () => {
    expect(findSession(sessions, 'abd')).toMatchObject({ kind: 'found', session: { id: 'abd999' } })
    expect(findSession(sessions, 'abx')).toMatchObject({ kind: 'found', session: { id: 'ABX000' } })
    // A full id wins even when it is also the prefix of another.
    expect(findSession(sessions, 'abc')).toMatchObject({ kind: 'found', session: { id: 'abc' } })
  })

  it('reports ambiguous, unknown and empty queries', () => {
    const ambiguous = findSession(sessions, 'ab')
    expect(ambiguous.kind).toBe('ambiguous')
    expect(ambiguous.kind === 'ambiguous' && ambiguous.matches.map((s) => s.id)).toEqual(['abc123', 'abd999', 'ABX000', 'abc'])
    expect(findSession(sessions, 'zzz')).toEqual({ kind: 'not-found' })
    expect(findSession(sessions, '  ')).toEqual({ kind: 'empty-query' })
  })
})
