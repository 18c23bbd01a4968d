import { type ChildProcess, spawn } from 'node:child_process'
import { readFile, stat, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ClaudeLog, writeClaudeSession } from '../../support/claude-fixtures'
import { aoDocument, astridDocument, makeTempDir, oxiosDocument, removeDir, writeAo, writeAstrid, writeOxios } from '../../support/fixtures'
import { waitFor } from '../../support/wait-for'
import { runCli } from '../../support/run-cli'

// Issue 8, items 4 and 5: the app's own writes do not make a session live nor reset its age, and
// a forced operation never moves the file of a session an agent is writing at that moment.

const OLD = new Date('2026-06-01T00:00:00Z')
const ASTRID_ID = 'eeeeeeee-0000-4000-8000-00000000000a'

let home: string
const children: ChildProcess[] = []
beforeEach(async () => {
  home = await makeTempDir('own-writes')
})
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
  await removeDir(home)
})

function cli(...args: string[]) {
  return runCli(args, { HOME: home, SESSIONSCOPE_DATA_DIR: join(home, 'data') })
}

async function json<T>(...args: string[]): Promise<T> {
  const result = await cli(...args, '--json')
  expect(result.stderr).toBe('')
  return JSON.parse(result.stdout) as T
}

interface Report {
  done: Array<{ id: string; path: string }>
  skipped: Array<{ id: string; reason: string }>
}

interface Listed {
  sessions: Array<{ id: string; path: string; modifiedAt: string; updatedAt: string; lastActivityAt?: string; project: string | null }>
}

describe('the app’s own writes', () => {
  it.each([
    ['Oxios', 'oxios'],
    ['ao-rs', 'ao'],
    ['Astrid', 'astrid'],
  ])('%s: a moved session is not live, keeps its age, archives at once and is pruned by its last activity', async (_label, format) => {
    const root = join(home, `${format}-store`)
    let id: string
    let path: string
    let target: string
    if (format === 'oxios') {
      id = 'ox-1'
      const doc = oxiosDocument({ id, projectId: 'web', updatedAt: '2026-06-01T00:00:00Z' })
      path = await writeOxios(root, doc)
      target = 'mobile'
    } else if (format === 'ao') {
      id = 'ao-1'
      path = await writeAo(root, aoDocument({ id, projectId: 'api' }))
      await writeAo(root, aoDocument({ id: 'ao-other', projectId: 'infra' }))
      target = 'infra'
    } else {
      id = ASTRID_ID
      path = await writeAstrid(root, astridDocument({ id, workspacePath: '/src/site' }))
      await writeAstrid(root, astridDocument({ id: 'eeeeeeee-0000-4000-8000-00000000000b', workspacePath: '/src/shop' }))
      // Astrid moves only into workspaces the store has: keep one session in the first.
      await writeAstrid(root, astridDocument({ id: 'eeeeeeee-0000-4000-8000-00000000000c', workspacePath: '/src/site' }))
      target = '/src/shop'
    }
    for (const file of [path]) await utimes(file, OLD, OLD)

    const moved = await json<Report>('move', root, id, '--to', target)
    expect(moved.skipped).toEqual([])
    expect(moved.done).toHaveLength(1)
    const newPath = (moved.done[0] as { path: string }).path
    // The file's mtime still says when the agent last wrote it.
    expect((await stat(newPath)).mtimeMs).toBe(OLD.getTime())

    const listed = (await json<Listed>('list', root)).sessions.find((s) => s.id === id)
    expect(listed?.modifiedAt).toBe(OLD.toISOString())
    expect(Date.parse(listed?.lastActivityAt ?? listed?.updatedAt ?? '')).toBeLessThan(Date.parse('2026-07-01T00:00:00Z'))

    // A second move right after the first, and an archive, need no --force.
    const back = await json<Report>('move', root, id, '--to', format === 'astrid' ? '/src/site' : format === 'ao' ? 'api' : 'web')
    expect(back.skipped).toEqual([])
    const again = await json<Report>('move', root, id, '--to', target)
    expect(again.skipped).toEqual([])
    const dryRun = await cli('prune', root, '--older-than', '30d', '--dry-run', '--json')
    expect(dryRun.stdout).toContain(id)
    const archived = await json<Report>('archive', root, id)
    expect(archived.skipped).toEqual([])
    expect(archived.done).toHaveLength(1)
  })
})

/** A real agent: appends a line to the session log by its path every 50 ms, as Claude Code does. */
function startAppender(path: string): ChildProcess {
  const script = `
    const { appendFileSync } = require('node:fs')
    const path = process.argv[1]
    let n = 0
    setInterval(() => {
      appendFileSync(path, JSON.stringify({ type: 'system', subtype: 'tick', n: n++, sessionId: 'x', uuid: 'u' + n, parentUuid: null, timestamp: new Date().toISOString() }) + '\\n')
    }, 50)
  `
  const child = spawn(process.execPath, ['-e', script, path], { stdio: 'ignore' })
  children.push(child)
  return child
}

describe('a forced operation on a session being written', () => {
  it('Claude Code: move, archive, trash and prune --force are refused while the agent appends, and the log stays whole', async () => {
    const root = join(home, 'claude-store')
    const log = new ClaudeLog({ sessionId: '33333333-0000-4000-8000-000000000001', cwd: '/home/dev/shop' })
    log.prompt('Keep going')
    log.response({ text: 'Working.' })
    const path = await writeClaudeSession(root, '-home-dev-shop', log)
    const agent = startAppender(path)
    const initialSize = (await stat(path)).size
    await waitFor('the agent to append', async () => ((await stat(path)).size > initialSize ? true : null))

    const id = log.sessionId
    for (const args of [
      ['move', root, id, '--to', 'elsewhere', '--force'],
      ['archive', root, id, '--force'],
      ['trash', root, id, '--force'],
    ]) {
      const report = await json<Report>(...args)
      expect(report.done).toEqual([])
      expect(report.skipped).toEqual([{ id, reason: expect.stringMatching(/^being written: .*split the session in two/) }])
    }
    const pruned = await cli('prune', root, '--keep', '0', '--force', '--json')
    expect(JSON.parse(pruned.stdout).skipped).toEqual([{ id, reason: expect.stringMatching(/^being written: /) }])

    agent.kill('SIGKILL')
    await new Promise((done) => agent.once('exit', done))
    // Nothing moved: one log, at its place, every line the agent wrote there.
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n')
    expect(lines.length).toBeGreaterThan(log.lines.length)
    for (const line of lines) JSON.parse(line)

    // Once the agent has been quiet for a while, --force acts (the agent is gone: nothing can split).
    const quiet = new Date(Date.now() - 30_000)
    await utimes(path, quiet, quiet)
    expect(await json<Report>('archive', root, id)).toMatchObject({ done: [], skipped: [{ id, reason: 'live' }] })
    expect((await json<Report>('archive', root, id, '--force')).done).toHaveLength(1)
  })

  it('Oxios: a forced move rewrites the file in place while the agent rewrites it too, so it still goes ahead', async () => {
    const root = join(home, 'oxios-store')
    const path = await writeOxios(root, oxiosDocument({ id: 'ox-live', projectId: 'web' }))
    const report = await json<Report>('move', root, 'ox-live', '--to', 'mobile', '--force')
    expect(report.done).toHaveLength(1)
    expect(JSON.parse(await readFile(path, 'utf8')).project_id).toBe('mobile')
    const archived = await json<Report>('archive', root, 'ox-live', '--force')
    expect(archived.skipped).toEqual([{ id: 'ox-live', reason: expect.stringMatching(/^being written: /) }])
  })
})
