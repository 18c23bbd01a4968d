import { spawn } from 'node:child_process'
import { readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { listStores } from '../../../../src-main/core/listing'
import type { Store } from '../../../../src-shared/model'
import { bundleChildScript } from '../../../support/child-script'
import { aoDocument, makeTempDir, readTree, removeDir, setMtime, writeFileDeep } from '../../../support/fixtures'
import { operationsContext } from '../../../../src-main/core/operations/operations'
import { undoLast } from '../../../../src-main/core/operations/undo'

// An ao-rs move writes the new copy before removing the old one. Only a pair the journal proves
// to be such a move (its paths, and both copies exactly as the move read and wrote them) is
// collapsed; any other two files with one id are two sessions: both listed, both reported.

let work: string
let script: string
let dir: string
let store: Store
let dataDir: string
const OLD = '2026-09-01T00:00:00Z'

beforeAll(async () => {
  work = await makeTempDir('duplicates')
  script = await bundleChildScript('move-once', work)
})
afterAll(() => removeDir(work))

beforeEach(async () => {
  dir = await makeTempDir('duplicates-case')
  store = { format: 'ao', root: join(dir, 'ao', 'sessions') }
  dataDir = join(dir, 'data')
  return () => removeDir(dir)
})

/** Runs one move in a real child process; with a failpoint, the child is killed at that step. */
function inChild(args: string[], failpoint?: string): Promise<{ signal: string | null; stdout: string }> {
  const env = { ...process.env, ...(failpoint ? { SESSIONSCOPE_FAILPOINT: failpoint } : {}) }
  const child = spawn(process.execPath, [script, dataDir, JSON.stringify(store), ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] })
  let stdout = ''
  child.stdout.on('data', (chunk) => (stdout += String(chunk)))
  return new Promise((resolve) => child.once('exit', (_code, signal) => resolve({ signal, stdout })))
}

const moveInChild = (id: string, project: string, failpoint?: string) => inChild(['move', id, project], failpoint)

const list = (options: { repair?: boolean; dataDir?: string | undefined } = {}) =>
  listStores([store], { archived: true, repair: options.repair ?? true, dataDir: 'dataDir' in options ? options.dataDir : dataDir })

async function session(id: string, project: string, name = `${id}.yaml`, task?: string): Promise<string> {
  const path = await writeFileDeep(join(store.root, project, name), stringify(aoDocument({ id, projectId: project, task })))
  await setMtime(path, OLD)
  return path
}

describe('two ao-rs files with one id', () => {
  it('a hand-made copy under another name: both listed, the clash reported on each, nothing deleted', async () => {
    const original = await session('s1', 'api')
    const copy = await session('s1', 'api', 'my-copy.yaml', 'My own variant of the task')
    await setMtime(copy, '2026-09-02T00:00:00Z')
    const before = await readTree(store.root)
    const listing = await list()
    expect(listing.sessions.map((s) => s.path).sort()).toEqual([copy, original].sort())
    expect(listing.problems).toEqual(
      [
        { path: copy, reason: `another session file has the same id (s1): ${original}` },
        { path: original, reason: `another session file has the same id (s1): ${copy}` },
      ].sort((a, b) => a.path.localeCompare(b.path)),
    )
    expect(await readTree(store.root)).toEqual(before)
  })

  it('a byte-identical copy in another project folder that no journaled move made: both kept', async () => {
    const original = await session('s2', 'api')
    const copy = await writeFileDeep(join(store.root, 'web', 's2.yaml'), await readFile(original))
    await setMtime(copy, '2026-09-02T00:00:00Z')
    const before = await readTree(store.root)
    const listing = await list()
    expect(listing.sessions.map((s) => s.path).sort()).toEqual([original, copy].sort())
    expect(listing.problems.map((p) => p.path).sort()).toEqual([original, copy].sort())
    expect(await readTree(store.root)).toEqual(before)
  })
})

describe('an ao-rs move killed half-way', () => {
  it('killed once the new copy exists: the next listing keeps the moved copy, and undo brings it back', async () => {
    const from = await session('s3', 'api')
    const text = await readFile(from, 'utf8')
    expect((await moveInChild('s3', 'web', 'relocate:copy-created')).signal).toBe('SIGKILL')
    const to = join(store.root, 'web', 's3.yaml')
    expect((await stat(to)).isFile()).toBe(true)
    // A read-only listing already shows the session once, but deletes nothing.
    const readOnly = await list({ repair: false })
    expect(readOnly.sessions.map((s) => s.path)).toEqual([to])
    expect(readOnly.problems).toEqual([])
    expect((await stat(from)).isFile()).toBe(true)
    const listing = await list()
    expect(listing.sessions.map((s) => s.path)).toEqual([to])
    expect(listing.problems).toEqual([])
    await expect(stat(from)).rejects.toThrow()
    const undo = await undoLast(operationsContext(dataDir))
    expect(undo.done.map((d) => d.path)).toEqual([from])
    expect(await readFile(from, 'utf8')).toBe(text)
    await expect(stat(to)).rejects.toThrow()
  })

  it('killed with the old copy taken away: it is put back, then retired as the stale half of the move', async () => {
    await session('s4', 'api')
    expect((await moveInChild('s4', 'web', 'remove:original-taken')).signal).toBe('SIGKILL')
    const listing = await list()
    expect(listing.sessions.map((s) => s.path)).toEqual([join(store.root, 'web', 's4.yaml')])
    expect(listing.problems).toEqual([])
    expect(await readdir(join(store.root, 'api'))).toEqual([])
  })

  it('killed before the new copy exists: undo skips it and changes nothing', async () => {
    const from = await session('s5', 'api')
    expect((await moveInChild('s5', 'web', 'create:temp-written')).signal).toBe('SIGKILL')
    expect((await list()).sessions.map((s) => s.path)).toEqual([from])
    const before = await readTree(store.root)
    const undo = await undoLast(operationsContext(dataDir))
    expect(undo.done).toEqual([])
    expect(undo.skipped).toEqual([{ id: 's5', reason: `it is no longer at ${join(store.root, 'web', 's5.yaml')}` }])
    expect(await readTree(store.root)).toEqual(before)
  })

  it('a copy changed after the kill is no longer provably ours: both kept and reported', async () => {
    const from = await session('s6', 'api')
    expect((await moveInChild('s6', 'web', 'relocate:copy-created')).signal).toBe('SIGKILL')
    const to = join(store.root, 'web', 's6.yaml')
    // The agent, still holding the old path, writes its session there again.
    await writeFile(from, `${await readFile(from, 'utf8')}activity: busy\n`)
    const before = await readTree(store.root)
    const listing = await list()
    expect(listing.sessions.map((s) => s.path).sort()).toEqual([from, to].sort())
    expect(listing.problems.map((p) => p.path).sort()).toEqual([from, to].sort())
    expect(await readTree(store.root)).toEqual(before)
  })

  it('without the journal a pair proves nothing: both kept and reported', async () => {
    const from = await session('s7', 'api')
    expect((await moveInChild('s7', 'web', 'relocate:copy-created')).signal).toBe('SIGKILL')
    const listing = await list({ dataDir: undefined })
    expect(listing.sessions.map((s) => s.path).sort()).toEqual([from, join(store.root, 'web', 's7.yaml')].sort())
    expect(listing.problems).toHaveLength(2)
  })

  it('an undo killed once the copy back exists: the next listing keeps the copy back', async () => {
    const from = await session('s9', 'api')
    const text = await readFile(from, 'utf8')
    expect(JSON.parse((await moveInChild('s9', 'web')).stdout).done).toHaveLength(1)
    expect((await inChild(['undo'], 'relocate:copy-created')).signal).toBe('SIGKILL')
    const to = join(store.root, 'web', 's9.yaml')
    expect((await stat(to)).isFile()).toBe(true)
    const listing = await list()
    expect(listing.sessions.map((s) => s.path)).toEqual([from])
    expect(listing.problems).toEqual([])
    expect(await readFile(from, 'utf8')).toBe(text)
    await expect(stat(to)).rejects.toThrow()
  })

  it('a move that finished is listed once and undone as before', async () => {
    const from = await session('s8', 'api')
    const moved = await moveInChild('s8', 'web')
    expect(JSON.parse(moved.stdout).done).toHaveLength(1)
    expect((await list()).sessions.map((s) => s.path)).toEqual([join(store.root, 'web', 's8.yaml')])
    const undo = await undoLast(operationsContext(dataDir))
    expect(undo.done.map((d) => d.path)).toEqual([from])
    expect((await undoLast(operationsContext(dataDir))).operation).toBeNull()
  })
})
