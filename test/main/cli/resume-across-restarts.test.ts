import { appendFile, copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openIndexDatabase } from '../../../src-main/core/index-db/index-database'
import { readFileState } from '../../../src-main/core/index-db/index-store'
import { RESUME_MIN_BYTES } from '../../../src-main/core/fold-resume'
import { formatModule } from '../../../src-main/core/formats/registry'
import type { SessionSummary } from '../../../src-shared/model'
import { ClaudeLog, writeClaudeSession } from '../../support/claude-fixtures'
import { makeTempDir, removeDir } from '../../support/fixtures'
import { runCli } from '../../support/run-cli'
import { withLiveIndex } from '../../support/live-index'

// A grown log is read on from where the last read stopped, across restarts: each `list` here is a
// new process, whose only memory of the last one is the index database.

let home: string
let root: string
let path: string
let log: ClaudeLog
const ID = '44444444-0000-4000-8000-000000000001'
const TURNS = 400

beforeAll(async () => {
  home = await makeTempDir('resume')
  root = join(home, 'projects')
  log = new ClaudeLog({ sessionId: ID, cwd: '/home/dev/shop' })
  for (let i = 0; i < TURNS; i++) {
    log.prompt(`task ${i}: ${'details '.repeat(400)}`)
    log.response({ text: `done ${i}`, usage: { input: 10, output: 5 } })
  }
  path = await writeClaudeSession(root, '-home-dev-shop', log)
})
afterAll(() => removeDir(home))

const env = () => ({ HOME: home, SESSIONSCOPE_DATA_DIR: join(home, 'data') })

async function listed(): Promise<SessionSummary> {
  const run = await runCli(['list', root, '--json'], env())
  expect([run.code, run.stderr]).toEqual([0, ''])
  const { sessions } = JSON.parse(run.stdout) as { sessions: SessionSummary[] }
  return sessions.find((s) => s.id === ID) as SessionSummary
}

/** The summary a read from the start gives (this process never read the file, so nothing resumes). */
async function readAfresh(): Promise<SessionSummary> {
  const info = await stat(path)
  const file = { path, archived: false, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino }
  return formatModule('claude').summarize({ format: 'claude', root }, file)
}

/** Overwrites the line holding `marker` with as many bytes of garbage, leaving every other byte where it was. */
async function damageLine(marker: string, at = path): Promise<void> {
  const lines = (await readFile(at, 'utf8')).split('\n')
  const line = lines.findIndex((text) => text.includes(marker))
  expect(line).toBeGreaterThan(0)
  lines[line] = 'x'.repeat(Buffer.byteLength(lines[line] as string))
  await writeFile(at, lines.join('\n'))
}

describe('a grown log across restarts', () => {
  it('goes on from the fold the index saved; a file rewritten at its start is read again from the start', async () => {
    expect((await readFile(path)).length).toBeGreaterThan(RESUME_MIN_BYTES)
    expect((await listed()).turns).toBe(TURNS)
    const db = openIndexDatabase(join(home, 'data'))
    const state = readFileState(db, path)
    db.close()
    expect(state?.resumeOffset).toBe((await readFile(path)).length)
    expect(state?.headHash).toMatch(/^[0-9a-f]{40}$/)

    // Far from both ends of what was read: a resumed read never looks there again, a fresh one
    // would find a damaged prompt and count one turn fewer.
    await damageLine(`task ${TURNS / 2}:`)
    const grown = new ClaudeLog({ sessionId: ID, cwd: '/home/dev/shop', start: '2026-03-02T10:00:00.000Z' })
    grown.prompt('one more thing').response({ text: 'sure' })
    grown.prompt('and another').response({ text: 'ok' })
    await appendFile(path, grown.toString())
    const resumed = await listed()
    expect(resumed.turns).toBe(TURNS + 2)
    expect(resumed.updatedAt.startsWith('2026-03-02')).toBe(true)
    expect((await readAfresh()).turns).not.toBe(TURNS + 2)

    // The first bytes changed: the saved fold does not match, and the whole file is read.
    const bytes = await readFile(path)
    await writeFile(path, Buffer.concat([Buffer.from(' '), bytes.subarray(1)]))
    const again = await listed()
    expect(again.turns).not.toBe(TURNS + 2)
    expect(again).toEqual({ ...(await readAfresh()), modifiedAt: again.modifiedAt })
  }, 120_000)

  it('the live index goes on from the fold saved by another process, too', async () => {
    const id = '44444444-0000-4000-8000-000000000002'
    const other = new ClaudeLog({ sessionId: id, cwd: '/home/dev/shop' })
    for (let i = 0; i < TURNS; i++) other.prompt(`chore ${i}: ${'details '.repeat(400)}`).response({ text: `done ${i}` })
    const otherPath = await writeClaudeSession(root, '-home-dev-shop', other)
    const run = await runCli(['list', root, '--json'], env())
    expect(run.code).toBe(0)

    // This process has never read the file: only the index can tell it where the last read stopped.
    await withLiveIndex(join(home, 'data'), { format: 'claude', root }, async (live) => {
      await damageLine(`chore ${TURNS / 2}:`, otherPath)
      const grown = new ClaudeLog({ sessionId: id, cwd: '/home/dev/shop', start: '2026-03-02T10:00:00.000Z' })
      grown.prompt('one more thing').response({ text: 'sure' })
      await appendFile(otherPath, grown.toString())
      await live.reconcile()
      // A read from the start (of a copy, which no cache knows) misses the damaged turn.
      const copy = join(home, 'elsewhere', 'projects', '-home-dev-shop', `${id}.jsonl`)
      await mkdir(dirname(copy), { recursive: true })
      await copyFile(otherPath, copy)
      const info = await stat(copy)
      const file = { path: copy, archived: false, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino }
      expect((await formatModule('claude').summarize({ format: 'claude', root: dirname(dirname(copy)) }, file)).turns).toBe(TURNS)
      expect(live.snapshot().sessions.find((s) => s.id === id)?.turns).toBe(TURNS + 1)
    })
  }, 120_000)
})
