import { readFile, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openIndexDatabase } from '../../../src-main/core/index-db/index-database'
import { readFileState } from '../../../src-main/core/index-db/index-store'
import type { SessionSummary } from '../../../src-shared/model'
import { ClaudeLog, writeClaudeSession } from '../../support/claude-fixtures'
import { makeTempDir, removeDir } from '../../support/fixtures'
import { runCli } from '../../support/run-cli'
import { withLiveIndex } from '../../support/live-index'
import { waitFor } from '../../support/wait-for'

// A Claude Code session is titled by a `summary` line in a sibling log's head. What each log's
// head holds is kept in the index with the log's stamp, so after a restart a changed session is
// titled from the index, without reading its unchanged siblings again (issue 10: the watcher's
// first event in a folder waited for every sibling's head). Each `list` is a new process.

let home: string
let root: string
let titled: string
let titling: string
let first: ClaudeLog
const TITLED = '66666666-0000-4000-8000-000000000001'
const TITLING = '66666666-0000-4000-8000-000000000002'
const STAMP = new Date('2026-03-02T12:00:00.000Z')

beforeAll(async () => {
  home = await makeTempDir('sibling-notes')
  root = join(home, 'projects')
  first = new ClaudeLog({ sessionId: TITLED, cwd: '/home/dev/shop' })
  first.prompt('fix the login form').response({ text: 'fixed' })
  const leaf = first.uuids().at(-1) as string
  titled = await writeClaudeSession(root, '-home-dev-shop', first)
  const second = new ClaudeLog({ sessionId: TITLING, cwd: '/home/dev/shop', start: '2026-03-02T10:00:00.000Z' })
  second.summary('Login form repaired', leaf).prompt('and now the signup form').response({ text: 'done' })
  titling = await writeClaudeSession(root, '-home-dev-shop', second)
  // Whole seconds, which utimes puts back exactly.
  await utimes(titling, STAMP, STAMP)
})
afterAll(() => removeDir(home))

const env = () => ({ HOME: home, SESSIONSCOPE_DATA_DIR: join(home, 'data') })

async function listed(): Promise<SessionSummary[]> {
  const run = await runCli(['list', root, '--json'], env())
  expect([run.code, run.stderr]).toEqual([0, ''])
  return (JSON.parse(run.stdout) as { sessions: SessionSummary[] }).sessions
}

/** Appends a turn to the titled session (the log's lines so far are written again, unchanged). */
async function grow(prompt: string): Promise<void> {
  first.prompt(prompt).response({ text: 'ok' })
  await writeFile(titled, first.toString())
}

const titleOf = (sessions: SessionSummary[], id: string) => sessions.find((s) => s.id === id)?.title

describe("sibling logs' summary lines across restarts", () => {
  it('keeps each head’s summary lines in the index and titles a changed session from them', async () => {
    expect(titleOf(await listed(), TITLED)).toBe('Login form repaired')
    const db = openIndexDatabase(join(home, 'data'))
    const notes = [readFileState(db, titled)?.note, readFileState(db, titling)?.note]
    db.close()
    const leaf = JSON.parse((await readFile(titled, 'utf8')).trim().split('\n').at(-1) as string) as { uuid: string }
    expect(notes).toEqual(['[]', JSON.stringify([[leaf.uuid, 'Login form repaired']])])

    // The sibling's summary is rewritten to as many bytes at the same mtime: a stamp the index
    // trusts. A read of the sibling would find the new text; the index still holds the old one.
    const text = await readFile(titling, 'utf8')
    await writeFile(titling, text.replace('Login form repaired', 'Login form REPAIRED'))
    await utimes(titling, STAMP, STAMP)
    expect((await stat(titling)).mtimeMs).toBe(STAMP.getTime())
    // The titled session changes, so it is read again, and its folder's map is built.
    await grow('one more thing')
    const after = await listed()
    expect(after.find((s) => s.id === TITLED)?.turns).toBe(2)
    expect(titleOf(after, TITLED)).toBe('Login form repaired')

    // Once the sibling's stamp changes, its head is read again.
    await utimes(titling, STAMP, new Date(STAMP.getTime() + 5_000))
    await grow('and the last one')
    expect(titleOf(await listed(), TITLED)).toBe('Login form REPAIRED')
  })
  it('reads an unchanged session again when a new sibling brings a summary line for it, in a listing and in the live index', async () => {
    const leafNow = () => first.uuids().at(-1) as string
    const writeTitling = async (id: string, title: string) => {
      const log = new ClaudeLog({ sessionId: id, cwd: '/home/dev/shop', start: '2026-03-03T10:00:00.000Z' })
      log.summary(title, leafNow()).prompt('carry on').response({ text: 'ok' })
      await writeClaudeSession(root, '-home-dev-shop', log)
    }
    await listed()
    await writeTitling('66666666-0000-4000-8000-000000000003', 'Forms all fixed')
    const warm = await listed()
    expect(titleOf(warm, TITLED)).toBe('Forms all fixed')
    // What a listing from nothing says.
    const cold = await runCli(['list', root, '--json'], { HOME: home, SESSIONSCOPE_DATA_DIR: join(home, 'cold-data') })
    expect(titleOf((JSON.parse(cold.stdout) as { sessions: SessionSummary[] }).sessions, TITLED)).toBe('Forms all fixed')

    await withLiveIndex(join(home, 'data'), { format: 'claude', root }, async (live) => {
      await writeTitling('66666666-0000-4000-8000-000000000004', 'Every form works')
      await live.reconcile()
      await waitFor('the titled session read again', () => titleOf(live.snapshot().sessions, TITLED) === 'Every form works')
    })
  })
})
