import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { betterSqlite3Driver } from '../../../../src-main/core/index-db/better-sqlite3-database'
import { INDEX_FILE, type RebuildReason, openIndexDatabase } from '../../../../src-main/core/index-db/index-database'
import { readSummaries, replaceTexts, writeChanges } from '../../../../src-main/core/index-db/index-store'
import { searchTexts } from '../../../../src-main/core/index-db/index-search'
import { nodeSqliteDriver } from '../../../../src-main/core/index-db/node-sqlite-database'
import { type SqlDatabase, type SqlDriver, SqlError, isBusy } from '../../../../src-main/core/index-db/sql-database'
import { defaultSqlDriver } from '../../../../src-main/core/index-db/sql-driver'
import type { Store } from '../../../../src-shared/model'
import { makeTempDir, removeDir } from '../../../support/fixtures'
import { summaryOf } from '../../../support/index-db-summaries'

// Both drivers behind the one interface. better-sqlite3 runs everywhere the suite runs; node:sqlite
// (the Electron app's) only where this Node has it (22.13 and later), and is skipped on Node 20.

const hasNodeSqlite = process.getBuiltinModule('node:sqlite') !== undefined
const store: Store = { format: 'claude', root: '/drivers/projects' }

let dir: string
const opened: SqlDatabase[] = []
beforeEach(async () => {
  dir = await makeTempDir('sql-driver')
})
afterEach(async () => {
  for (const sql of opened.splice(0)) sql.close()
  await removeDir(dir)
})

it('chooses node:sqlite inside Electron and better-sqlite3 in plain Node', () => {
  expect(defaultSqlDriver({ ...process.versions, electron: '45.4.1' })).toBe(nodeSqliteDriver)
  expect(defaultSqlDriver({ ...process.versions })).toBe(betterSqlite3Driver)
  expect(defaultSqlDriver()).toBe(betterSqlite3Driver)
})

it.skipIf(hasNodeSqlite)('says plainly that node:sqlite is missing where this Node has none', () => {
  expect(() => nodeSqliteDriver.open(join(dir, 'x.sqlite'), { busyTimeoutMs: 0 })).toThrow(/node:sqlite is not built into this Node\.js/)
})

describe.each([
  ['better-sqlite3', betterSqlite3Driver, true],
  ['node:sqlite', nodeSqliteDriver, hasNodeSqlite],
] as [string, SqlDriver, boolean][])('the %s driver', (_, driver, available) => {
  const open = (busyTimeoutMs = 0) => {
    const sql = driver.open(join(dir, 'plain.sqlite'), { busyTimeoutMs })
    opened.push(sql)
    return sql
  }

  it.runIf(available)('runs the index: schema, batches, texts, search, a malformed query', () => {
    const index = openIndexDatabase(dir, { driver })
    try {
      const sessions = [summaryOf(store, 'a'), summaryOf(store, 'b')]
      writeChanges(index, store, { sessions })
      replaceTexts(index, sessions[0]!.path, [{ turn: 0, step: null, field: 'prompt', text: 'the café parser' }])
      expect(readSummaries(index, [store])).toHaveLength(2)
      expect(searchTexts(index, 'cafe pars*', { marks: ['[', ']'] })).toEqual({
        ok: true,
        hits: [
          { path: sessions[0]!.path, turn: 0, step: null, field: 'prompt', snippet: 'the [café] [parser]', score: expect.any(Number) },
        ],
      })
      expect(searchTexts(index, 'parser AND')).toMatchObject({ ok: false })
    } finally {
      index.close()
    }
  })

  it.runIf(available)('commits, rolls back on a throw, and nests transactions as savepoints', () => {
    const sql = open()
    sql.exec('CREATE TABLE t (x INTEGER NOT NULL)')
    const insert = sql.prepare('INSERT INTO t VALUES (?)')
    sql.transaction(() => {
      insert.run(1)
      expect(() =>
        sql.transaction(() => {
          insert.run(2)
          throw new Error('inner')
        }),
      ).toThrow('inner')
      insert.run(3)
    })
    expect(() =>
      sql.transaction(() => {
        insert.run(4)
        throw new Error('outer')
      }),
    ).toThrow('outer')
    expect(sql.prepare<{ x: number }>('SELECT x FROM t ORDER BY x').all()).toEqual([{ x: 1 }, { x: 3 }])
    expect([...sql.prepare<{ x: number }>('SELECT x FROM t ORDER BY x').iterate()].map((row) => row.x)).toEqual([1, 3])
    expect(sql.prepare('SELECT x FROM t WHERE x = ?').get(9)).toBeUndefined()
    expect(insert.run(5)).toMatchObject({ changes: 1 })
  })

  it.runIf(available)('reports SQLite errors as SqlError with the result code, busy apart', () => {
    const sql = open()
    sql.pragma('journal_mode = WAL')
    sql.exec('CREATE TABLE t (x INTEGER NOT NULL)')
    expect(() => sql.prepare('INSERT INTO t VALUES (NULL)').run()).toThrow(
      expect.objectContaining({ name: 'SqlError', code: 'SQLITE_CONSTRAINT' }),
    )
    expect(() => sql.prepare('SELEKT 1')).toThrow(SqlError)

    const other = open()
    other.exec('BEGIN IMMEDIATE')
    let busy: unknown
    try {
      sql.transaction(() => sql.prepare('INSERT INTO t VALUES (1)').run())
    } catch (error) {
      busy = error
    }
    expect(isBusy(busy)).toBe(true)
    // In WAL mode a reader is not kept waiting by the writer.
    expect(sql.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 })
    other.exec('ROLLBACK')
  })

  it.runIf(available)('tells a file that is not a database apart, and the index rebuilds it', () => {
    writeFileSync(join(dir, INDEX_FILE), 'not a database '.repeat(300))
    const reasons: RebuildReason[] = []
    const index = openIndexDatabase(dir, { driver, onRebuilt: (reason) => reasons.push(reason) })
    index.close()
    expect(reasons.map((r) => r.kind)).toEqual(['corrupt'])
  })
})
