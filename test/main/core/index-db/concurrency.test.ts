import { type ChildProcess, spawn } from 'node:child_process'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type IndexDatabase,
  IndexBusyError,
  type RebuildReason,
  openIndexDatabase,
} from '../../../../src-main/core/index-db/index-database'
import { readFileStates, readSummaries, writeChanges } from '../../../../src-main/core/index-db/index-store'
import { searchTexts } from '../../../../src-main/core/index-db/index-search'
import { makeTempDir, removeDir } from '../../../support/fixtures'
import { WRITER_STORE, summaryOf } from '../../../support/index-db-summaries'
import { repoPath } from '../../../support/repo'
import { waitFor } from '../../../support/wait-for'

// Two processes on one index database, as the app and a CLI are: another process writes batches
// (test/support/index-writer.ts) while this one reads, holds the write lock while this one tries
// to write, or is killed with SIGKILL at random instants. Nothing here measures time.

const WRITER = repoPath('test', 'support', 'index-writer.ts')
const BATCH = 40

interface Writer {
  child: ChildProcess
  /** The last batch the writer said it committed (0 before the first). */
  committed: () => number
  output: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

let dir: string
const children: ChildProcess[] = []
const indexes: IndexDatabase[] = []

beforeEach(async () => {
  dir = await makeTempDir('index-concurrency')
})
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  for (const index of indexes.splice(0)) index.close()
  await removeDir(dir)
})

function startWriter(mode: 'loop' | 'hold'): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, String(BATCH), mode], { stdio: ['pipe', 'pipe', 'pipe'] })
  children.push(child)
  let output = ''
  let committed = 0
  let pending = ''
  child.stdout?.setEncoding('utf8').on('data', (data: string) => {
    output += data
    const chunk = pending + data
    pending = chunk.slice(chunk.lastIndexOf('\n') + 1)
    // Whole lines only: a chunk may end in the middle of one.
    for (const match of chunk.matchAll(/^batch (\d+)\n/gm)) committed = Math.max(committed, Number(match[1]))
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    // 'close', not 'exit': by then everything it printed has been read.
    child.once('close', (code, signal) => done({ code, signal })),
  )
  return { child, committed: () => committed, output: () => output, exited }
}

function openIndex(options: { busyTimeoutMs?: number } = {}): { index: IndexDatabase; reasons: RebuildReason[] } {
  const reasons: RebuildReason[] = []
  const index = openIndexDatabase(dir, { ...options, onRebuilt: (reason) => reasons.push(reason) })
  indexes.push(index)
  return { index, reasons }
}

/**
 * What the database holds, read in one snapshot, and the one batch it is, or why it is not one
 * whole batch: every session, file state and text of batch k and nothing of any other.
 */
function wholeBatch(index: IndexDatabase): { batch: number } | { broken: string } {
  const { sessions, files, hits } = index.sql.transaction(
    () => ({
      sessions: readSummaries(index, [WRITER_STORE]),
      files: readFileStates(index, [WRITER_STORE]),
      hits: searchTexts(index, 'common', { limit: BATCH * 3 }),
    }),
    'read',
  )
  const titles = new Set(sessions.map((s) => s.title))
  const [title] = titles
  const batch = Number(title?.replace('batch ', ''))
  const paths = sessions.map((s) => s.path).sort()
  const state = `${sessions.length} sessions titled ${[...titles].join(', ')}, ${files.length} file states`
  if (sessions.length !== BATCH || titles.size !== 1) return { broken: state }
  if (JSON.stringify(files.map((f) => f.path)) !== JSON.stringify(paths) || files.some((f) => f.size !== batch)) return { broken: state }
  if (!hits.ok) return { broken: hits.error }
  if (JSON.stringify(hits.hits.map((h) => h.path).sort()) !== JSON.stringify(paths))
    return { broken: `${state}, ${hits.hits.length} texts` }
  if (hits.hits.some((h) => !h.snippet.includes(`batch${batch}`))) return { broken: `${state}, texts of another batch` }
  return { batch }
}

const later = () => new Promise((resolve) => setImmediate(resolve))

describe('the index database shared by two processes', () => {
  it('lets a reader read while another process writes: never waiting, never seeing part of a batch', async () => {
    const writer = startWriter('loop')
    await waitFor('the writer’s first batch', () => writer.committed() >= 1, 60_000)
    // A busy timeout of 0: a read that had to wait for a lock would fail at once instead.
    const { index, reasons } = openIndex({ busyTimeoutMs: 0 })
    expect(reasons).toEqual([])
    const seen = new Set<number>()
    const failures: string[] = []
    let reads = 0
    await waitFor(
      'reads of several batches while the writer writes',
      async () => {
        for (let i = 0; i < 5; i++) {
          try {
            const state = wholeBatch(index)
            if ('broken' in state) failures.push(state.broken)
            else seen.add(state.batch)
          } catch (error) {
            failures.push(String(error))
          }
          reads++
          await later()
        }
        return failures.length > 0 || (seen.size >= 5 && writer.committed() >= 30 && reads >= 50)
      },
      120_000,
    )
    expect(failures).toEqual([])
    writer.child.stdin?.end()
    expect(await writer.exited).toEqual({ code: 0, signal: null })
    expect(writer.output()).not.toMatch(/rebuilt: (?!There was no index)/)
    expect(wholeBatch(index)).toEqual({ batch: writer.committed() })
  }, 180_000)

  it('makes a second writer wait and then fail with a clear error, never rebuilding, while readers read on', async () => {
    const writer = startWriter('hold')
    await waitFor('the writer to hold its write lock', () => writer.output().includes('holding'), 60_000)
    const { index, reasons } = openIndex({ busyTimeoutMs: 200 })
    expect(reasons).toEqual([])
    // The held batch is not committed: a reader sees the database as it was, without waiting.
    expect(readSummaries(index, [WRITER_STORE])).toEqual([])
    const write = () => writeChanges(index, WRITER_STORE, { sessions: [summaryOf(WRITER_STORE, 'second-writer')] })
    expect(write).toThrow(IndexBusyError)
    expect(write).toThrow(/is being written by another process, which kept it locked for more than 200 ms/)
    // Opening it again while it is locked is no reason to rebuild it either.
    expect(openIndex({ busyTimeoutMs: 200 }).reasons).toEqual([])

    writer.child.stdin?.end()
    expect(await writer.exited).toEqual({ code: 0, signal: null })
    write()
    expect(readSummaries(index, [WRITER_STORE]).map((s) => s.title)).toEqual([summaryOf(WRITER_STORE, 'second-writer').title])
  }, 120_000)

  it('survives kill -9 at random instants: opens without a rebuild, passes quick_check, holds whole batches', async () => {
    let last = 0
    for (let round = 0; round < 6; round++) {
      const writer = startWriter('loop')
      const target = last + 1 + Math.floor(Math.random() * 4)
      await waitFor(`the writer to commit batch ${target}`, () => writer.committed() >= target, 60_000)
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 40))
      writer.child.kill('SIGKILL')
      expect(await writer.exited).toMatchObject({ signal: 'SIGKILL' })
      const printed = writer.committed()

      const { index, reasons } = openIndex()
      expect(reasons, writer.output()).toEqual([])
      expect(index.sql.pragma('quick_check')).toEqual([{ quick_check: 'ok' }])
      const state = wholeBatch(index)
      expect(state).toMatchObject({ batch: expect.any(Number) })
      const batch = (state as { batch: number }).batch
      // Every batch it said it committed survived the kill; at most the one it was writing was lost.
      expect(batch).toBeGreaterThanOrEqual(printed)
      expect(batch).toBeLessThanOrEqual(printed + 1)
      last = batch
      index.close()
      indexes.pop()
    }
  }, 300_000)
})
