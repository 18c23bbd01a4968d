import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, openSync, readdirSync, writeFileSync, writeSync, closeSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { betterSqlite3Driver } from '../../../../src-main/core/index-db/better-sqlite3-database'
import {
  INDEX_FILE,
  IndexCorruptError,
  type IndexDatabase,
  type RebuildReason,
  openIndexDatabase,
} from '../../../../src-main/core/index-db/index-database'
import { searchTexts } from '../../../../src-main/core/index-db/index-search'
import { readSummaries, replaceTexts, writeChanges } from '../../../../src-main/core/index-db/index-store'
import { processStart } from '../../../../src-main/core/operations/process-identity'
import { IndexConnection } from '../../../../src-main/app/index-connection'
import { SearchIndex } from '../../../../src-main/app/search-index'
import type { Store } from '../../../../src-shared/model'
import { makeTempDir, removeDir } from '../../../support/fixtures'
import { summaryOf } from '../../../support/index-db-summaries'
import { repoPath } from '../../../support/repo'

// PRAGMA quick_check reads the whole file, so an open runs it only after an unclean shutdown: a
// process that had the database open and is gone without closing it (its marker,
// index.sqlite.<pid>.open, is still there). Damage found later, by a read or a write, marks the
// file, and the next open rebuilds it.

const HOLDER = repoPath('test', 'support', 'index-hold.ts')
const store: Store = { format: 'claude', root: '/somewhere/projects' }

let dir: string
let indexPath: string
let reasons: RebuildReason[]
let checks: number
const open: IndexDatabase[] = []
const children: ChildProcess[] = []

beforeEach(async () => {
  dir = await makeTempDir('unclean-shutdown')
  indexPath = join(dir, INDEX_FILE)
  reasons = []
  checks = 0
})
afterEach(async () => {
  for (const index of open.splice(0)) index.close()
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  await removeDir(dir)
})

function openIndex(): IndexDatabase {
  const index = openIndexDatabase(dir, { onRebuilt: (reason) => reasons.push(reason), onCheck: () => checks++ })
  open.push(index)
  return index
}

function closeIndex(index: IndexDatabase): void {
  index.close()
  open.splice(open.indexOf(index), 1)
}

/** A database of `count` sessions with a text each, closed cleanly. */
function populate(count = 200): void {
  const index = openIndexDatabase(dir)
  const sessions = Array.from({ length: count }, (_, i) => summaryOf(store, `s${i}`))
  writeChanges(index, store, { sessions })
  for (const s of sessions)
    replaceTexts(index, s.path, [{ turn: 0, step: null, field: 'prompt', text: `${s.title} ${'words '.repeat(40)}` }])
  index.close()
}

const markers = () => readdirSync(dir).filter((name) => /^index\.sqlite\.\d+\.open$/.test(name))

/** A child process that opens the database and holds it; resolves once it has it open. */
function holder(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir], { stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(child)
    let out = ''
    let err = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      if (out.includes('open')) resolve(child)
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk))
    child.once('exit', (code) => reject(new Error(`the holder exited (${code}) before opening: ${err}`)))
  })
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())))

/** Overwrites the root page of the sessions table, as a disk fault would, in a closed database. */
function damageSessionsTable(): void {
  const sql = betterSqlite3Driver.open(indexPath, { busyTimeoutMs: 1000 })
  const root = (sql.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'sessions'").get() as { rootpage: number }).rootpage
  const pageSize = Number(sql.pragma('page_size')[0]?.page_size)
  sql.close()
  const fd = openSync(indexPath, 'r+')
  writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (root - 1) * pageSize)
  closeSync(fd)
}

/** A pid no process has: that of a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
  return Number(child.stdout)
}

describe('the check at open', () => {
  it('is skipped after a clean close, which leaves no marker', () => {
    populate()
    expect(markers()).toEqual([])
    const index = openIndex()
    expect(markers()).toEqual([`${INDEX_FILE}.${process.pid}.open`])
    expect(checks).toBe(0)
    expect(reasons).toEqual([])
    expect(readSummaries(index, [store])).toHaveLength(200)
    closeIndex(index)
    expect(markers()).toEqual([])
  })

  it("keeps one process's marker while any of its connections is open", () => {
    populate(3)
    const first = openIndex()
    const second = openIndex()
    closeIndex(first)
    first.close() // a second close changes nothing
    expect(markers()).toEqual([`${INDEX_FILE}.${process.pid}.open`])
    expect(readSummaries(second, [store])).toHaveLength(3)
    closeIndex(second)
    expect(markers()).toEqual([])
    expect(checks).toBe(0)
  })

  it('runs after a process holding the database was killed with SIGKILL, then not again', async () => {
    populate()
    const child = await holder()
    expect(markers()).toContain(`${INDEX_FILE}.${child.pid}.open`)
    child.kill('SIGKILL')
    await exited(child)
    expect(markers()).toEqual([`${INDEX_FILE}.${child.pid}.open`])

    const index = openIndex()
    expect(checks).toBe(1)
    expect(reasons).toEqual([])
    expect(readSummaries(index, [store])).toHaveLength(200)
    // The check passed: the dead process's marker goes, and the next open does not check again.
    expect(markers()).toEqual([`${INDEX_FILE}.${process.pid}.open`])
    closeIndex(index)
    openIndex()
    expect(checks).toBe(1)
  })

  it('is skipped while another live process has the database open; both read and write it', async () => {
    populate(3)
    const child = await holder()
    const index = openIndex()
    expect(checks).toBe(0)
    expect(reasons).toEqual([])
    expect(markers().sort()).toEqual([`${INDEX_FILE}.${child.pid}.open`, `${INDEX_FILE}.${process.pid}.open`].sort())
    writeChanges(index, store, { sessions: [summaryOf(store, 'while-shared')] })
    expect(readSummaries(index, [store])).toHaveLength(4)
    // It closes cleanly: its marker goes, and no open after it checks.
    child.kill('SIGTERM')
    await exited(child)
    expect(markers()).toEqual([`${INDEX_FILE}.${process.pid}.open`])
    closeIndex(index)
    openIndex()
    expect(checks).toBe(0)
  })

  it('takes a marker whose pid now belongs to another process (another start) for an unclean shutdown', () => {
    populate(3)
    // The parent of this process is alive, but it is not the process that wrote this marker.
    expect(processStart(process.ppid)).not.toBeNull()
    writeFileSync(join(dir, `${INDEX_FILE}.${process.ppid}.open`), '1_1')
    openIndex()
    expect(checks).toBe(1)
    expect(markers()).toEqual([`${INDEX_FILE}.${process.pid}.open`])
  })

  it('rebuilds a database the check finds damaged after an unclean shutdown', () => {
    populate()
    damageSessionsTable()
    writeFileSync(join(dir, `${INDEX_FILE}.${deadPid()}.open`), '')
    const index = openIndex()
    expect(checks).toBe(1)
    expect(reasons).toEqual([{ kind: 'corrupt', message: expect.stringMatching(/failed its integrity check|is damaged/) }])
    expect(readSummaries(index, [store])).toEqual([])
    expect(markers()).toEqual([`${INDEX_FILE}.${process.pid}.open`])
  })
})

describe('damage found while in use', () => {
  it('is IndexCorruptError, marks the file, and the next open rebuilds it', () => {
    populate()
    damageSessionsTable()
    // Closed cleanly, damaged since: the open reads only the header, and finds nothing.
    const index = openIndex()
    expect(reasons).toEqual([])
    expect(checks).toBe(0)
    expect(() => readSummaries(index, [store])).toThrow(IndexCorruptError)
    expect(() => readSummaries(index, [store])).toThrow(/is damaged .*it is rebuilt when next opened/)
    expect(existsSync(`${indexPath}.damaged`)).toBe(true)
    closeIndex(index)

    const again = openIndex()
    expect(reasons).toEqual([
      { kind: 'corrupt', message: expect.stringMatching(/was found damaged while in use \(.+\); rebuilding the index/) },
    ])
    expect(existsSync(`${indexPath}.damaged`)).toBe(false)
    expect(readSummaries(again, [store])).toEqual([])
    writeChanges(again, store, { sessions: [summaryOf(store, 'fresh')] })
    replaceTexts(again, summaryOf(store, 'fresh').path, [{ turn: 0, step: null, field: 'prompt', text: 'a fresh start' }])
    expect(searchTexts(again, 'fresh')).toMatchObject({ ok: true, hits: [{ path: summaryOf(store, 'fresh').path }] })
    closeIndex(again)
    reasons = []
    openIndex()
    expect(reasons).toEqual([])
  })

  it('forgets a mark left for a file that has since been made anew', () => {
    populate(3)
    writeFileSync(`${indexPath}.damaged`, JSON.stringify({ inode: statSync(indexPath).ino + 1, what: 'long ago' }))
    const index = openIndex()
    expect(reasons).toEqual([])
    expect(readSummaries(index, [store])).toHaveLength(3)
    expect(existsSync(`${indexPath}.damaged`)).toBe(false)
  })

  it("in the service's index: the search that finds it reopens the index, which is rebuilt, and answers", async () => {
    const notices: string[] = []
    // The service's way: one shared connection, which the search reconnects when it finds damage.
    const searchOver = (connection: IndexConnection) =>
      new SearchIndex(
        () => connection.require(),
        () => connection.reconnect(),
      )
    const firstConnection = new IndexConnection(dir, false, (message) => notices.push(message))
    expect(await searchOver(firstConnection).search([], 'anything', {})).toMatchObject({ ok: true, value: { total: 0 } })
    firstConnection.close()
    populate()
    damageSessionsTable()
    notices.length = 0
    const connection = new IndexConnection(dir, false, (message) => notices.push(message))
    const service = searchOver(connection)
    try {
      // No store: the scan has nothing to read; the search itself reads the damaged table.
      expect(await service.search([store], 'words', {})).toMatchObject({ ok: true, value: { total: 0, hits: [] } })
      expect(notices).toEqual([expect.stringMatching(/was found damaged while in use/)])
      expect(await service.search([store], 'words', {})).toMatchObject({ ok: true, value: { total: 0 } })
      expect(notices).toHaveLength(1)
    } finally {
      service.close()
      connection.close()
    }
  })
})
