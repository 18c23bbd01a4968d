import { mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { betterSqlite3Driver } from '../../../../src-main/core/index-db/better-sqlite3-database'
import {
  INDEX_FILE,
  type IndexDatabase,
  IndexDatabaseError,
  type RebuildReason,
  openIndexDatabase,
} from '../../../../src-main/core/index-db/index-database'
import { INDEX_SCHEMA_VERSION } from '../../../../src-main/core/index-db/index-schema'
import { readSummaries, replaceTexts, writeChanges } from '../../../../src-main/core/index-db/index-store'
import { searchTexts } from '../../../../src-main/core/index-db/index-search'
import type { Store } from '../../../../src-shared/model'
import { makeTempDir, removeDir } from '../../../support/fixtures'
import { summaryOf } from '../../../support/index-db-summaries'

// The index is a cache: whatever state its file is in, opening it yields a working database, and
// anything unusable is rebuilt with a reason, touching no file but index.sqlite and its -wal/-shm.

const store: Store = { format: 'claude', root: '/somewhere/projects' }

let dir: string
let indexPath: string
let reasons: RebuildReason[]
const open: IndexDatabase[] = []

beforeEach(async () => {
  dir = await makeTempDir('index-db')
  indexPath = join(dir, INDEX_FILE)
  reasons = []
})
afterEach(async () => {
  for (const index of open.splice(0)) index.close()
  await removeDir(dir)
})

function openIndex(): IndexDatabase {
  const index = openIndexDatabase(dir, { onRebuilt: (reason) => reasons.push(reason) })
  open.push(index)
  return index
}

/** A database full of sessions and texts, closed, as a previous run leaves it. */
function populate(count = 300): void {
  const index = openIndexDatabase(dir)
  const sessions = Array.from({ length: count }, (_, i) => summaryOf(store, `s${i}`))
  writeChanges(index, store, { sessions })
  for (const s of sessions)
    replaceTexts(index, s.path, [{ turn: 0, step: null, field: 'prompt', text: `${s.title} ${'words '.repeat(40)}` }])
  index.close()
}

function setUserVersion(version: number): void {
  const sql = betterSqlite3Driver.open(indexPath, { busyTimeoutMs: 1000 })
  sql.pragma(`user_version = ${version}`)
  sql.close()
}

/** Files of the data folder that are not the database's, with their bytes and times. */
function bystanders(): Map<string, string> {
  writeFileSync(join(dir, 'journal.jsonl'), '{"op":"move"}\n')
  mkdirSync(join(dir, 'index-cache'))
  writeFileSync(join(dir, 'index-cache', 'claude-0123.json'), '{"version":6}')
  writeFileSync(join(dir, 'index.sqlite.backup'), 'not ours to delete')
  writeFileSync(join(dir, 'other.sqlite'), 'another database')
  writeFileSync(join(dir, 'other.sqlite-wal'), 'its log')
  return snapshot()
}

function snapshot(): Map<string, string> {
  const files = new Map<string, string>()
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name)
    // The database's own files, and the marker of each process that has it open.
    if (/^index\.sqlite(-wal|-shm|-journal|\.\d+\.open)?$/.test(name) || statSync(path).isDirectory()) continue
    const stat = statSync(path)
    files.set(name, `${readFileSync(path, 'utf8')} ${stat.mtimeMs} ${stat.ino}`)
  }
  return files
}

function expectWorkingAndEmpty(index: IndexDatabase): void {
  expect(index.sql.pragma('quick_check')).toEqual([{ quick_check: 'ok' }])
  expect(index.sql.pragma('user_version')).toEqual([{ user_version: INDEX_SCHEMA_VERSION }])
  expect(readSummaries(index, [store])).toEqual([])
  const session = summaryOf(store, 'fresh')
  writeChanges(index, store, { sessions: [session] })
  replaceTexts(index, session.path, [{ turn: 0, step: null, field: 'prompt', text: 'a fresh start' }])
  expect(readSummaries(index, [store])).toEqual([session])
  expect(searchTexts(index, 'fresh')).toMatchObject({ ok: true, hits: [{ path: session.path }] })
}

describe('openIndexDatabase', () => {
  it('creates the database where there is none, saying so, in WAL mode with its settings', () => {
    const index = openIndex()
    expect(reasons).toEqual([{ kind: 'missing', message: expect.stringContaining(indexPath) }])
    expect(index.path).toBe(indexPath)
    expect(index.sql.pragma('journal_mode')).toEqual([{ journal_mode: 'wal' }])
    expect(index.sql.pragma('synchronous')).toEqual([{ synchronous: 1 }]) // NORMAL
    expect(index.sql.pragma('foreign_keys')).toEqual([{ foreign_keys: 1 }])
    expect(index.sql.pragma('busy_timeout')).toEqual([{ timeout: 5000 }])
    expectWorkingAndEmpty(index)
    index.close()
    open.pop()

    reasons = []
    const again = openIndex()
    expect(reasons).toEqual([])
    expect(readSummaries(again, [store])).toHaveLength(1)
  })

  it('creates the database in a data folder that does not exist yet', () => {
    dir = join(dir, 'not', 'yet')
    expectWorkingAndEmpty(openIndex())
    expect(reasons.map((r) => r.kind)).toEqual(['missing'])
  })

  const damages: [string, () => void, RebuildReason['kind'], RegExp][] = [
    [
      'garbage bytes (and a garbage -wal and -shm)',
      () => {
        writeFileSync(indexPath, 'this is no database '.repeat(500))
        writeFileSync(`${indexPath}-wal`, 'garbage log '.repeat(100))
        writeFileSync(`${indexPath}-shm`, Buffer.alloc(32768, 7))
      },
      'corrupt',
      /is damaged \(file is not a database\)/,
    ],
    [
      'a truncated file',
      () => {
        populate()
        truncateSync(indexPath, Math.floor(statSync(indexPath).size / 2) + 123)
      },
      'corrupt',
      /is damaged \(it holds \d+ bytes, its header says \d+\)/,
    ],
    [
      'an older schema version',
      () => {
        populate(5)
        setUserVersion(INDEX_SCHEMA_VERSION - 1)
      },
      'older-schema',
      /was written by an older SessionScope/,
    ],
    [
      'a newer schema version',
      () => {
        populate(5)
        setUserVersion(INDEX_SCHEMA_VERSION + 1)
      },
      'newer-schema',
      new RegExp(
        `was written by a newer SessionScope \\(index schema ${INDEX_SCHEMA_VERSION + 1}, this one reads ${INDEX_SCHEMA_VERSION}\\)`,
      ),
    ],
  ]

  it.each(damages)('rebuilds a database with %s, says why, and touches no other file', (_, damage, kind, message) => {
    damage()
    const before = bystanders()
    const index = openIndex()
    expect(reasons).toHaveLength(1)
    expect(reasons[0]?.kind).toBe(kind)
    expect(reasons[0]?.message).toMatch(message)
    expect(reasons[0]?.message).toContain(indexPath)
    expect(reasons[0]?.message).toContain('rebuilding the index')
    expectWorkingAndEmpty(index)
    expect(snapshot()).toEqual(before)

    // What it rebuilt stays: the next open finds nothing wrong.
    index.close()
    open.pop()
    reasons = []
    expect(readSummaries(openIndex(), [store])).toHaveLength(1)
    expect(reasons).toEqual([])
  })

  it('takes an empty file for a missing database', () => {
    writeFileSync(indexPath, '')
    expectWorkingAndEmpty(openIndex())
    expect(reasons).toEqual([{ kind: 'missing', message: expect.stringMatching(/was empty/) }])
  })

  it('rebuilds a database of its version that lacks one of its tables', () => {
    populate(5)
    const sql = betterSqlite3Driver.open(indexPath, { busyTimeoutMs: 1000 })
    sql.exec('DROP TABLE file_state')
    sql.close()
    expectWorkingAndEmpty(openIndex())
    expect(reasons).toEqual([{ kind: 'corrupt', message: expect.stringMatching(/lacks its file_state table/) }])
  })

  it('refuses, without rebuilding or deleting anything, a path SQLite cannot open', () => {
    mkdirSync(indexPath)
    writeFileSync(join(indexPath, 'keep'), 'x')
    expect(() => openIndex()).toThrow(IndexDatabaseError)
    expect(() => openIndex()).toThrow(/Could not open the session index/)
    expect(reasons).toEqual([])
    expect(readFileSync(join(indexPath, 'keep'), 'utf8')).toBe('x')
  })
})
