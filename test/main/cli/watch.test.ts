import { type ChildProcess, spawn } from 'node:child_process'
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aoDocument, makeTempDir, oxiosDocument, removeDir, writeAo, writeFileDeep, writeOxios } from '../../support/fixtures'
import { waitFor } from '../../support/wait-for'
import { REPO } from '../../support/repo'

// `watch` as a real child process, the way a script consumes it: NDJSON on stdout, read line by
// line as it arrives, then a signal to stop.

const ENTRY = join(REPO, 'src-main', 'cli', 'main.ts')
// Starting the CLI through tsx on a slow machine takes seconds; events after that should not.
const STARTUP_TIMEOUT_MS = 30_000

interface Line {
  text: string
  at: number
}

interface Running {
  child: ChildProcess
  lines: Line[]
  stderr(): string
  exit: Promise<number | null>
  /** The first line after index `from` that passes `test`, once it has arrived. */
  line(what: string, test: (text: string) => boolean, from?: number, timeoutMs?: number): Promise<Line & { index: number }>
}

let home: string
let dataDir: string
const running: Running[] = []

beforeEach(async () => {
  home = await makeTempDir('cli-watch-home')
  dataDir = await makeTempDir('cli-watch-data')
})

afterEach(async () => {
  for (const { child, exit } of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await exit
  }
  await removeDir(home)
  await removeDir(dataDir)
})

function watch(args: string[]): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'watch', ...args], {
    cwd: REPO,
    env: { ...process.env, HOME: home, SESSIONSCOPE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: Line[] = []
  let stderr = ''
  createInterface({ input: child.stdout! }).on('line', (text) => lines.push({ text, at: Date.now() }))
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  const run: Running = {
    child,
    lines,
    stderr: () => stderr,
    exit,
    line: (what, test, from = 0, timeoutMs) =>
      waitFor(
        what,
        () => {
          for (let index = from; index < lines.length; index++) {
            const line = lines[index] as Line
            if (test(line.text)) return { ...line, index }
          }
          if (child.exitCode !== null) throw new Error(`watch exited with ${child.exitCode} waiting for ${what}; stderr: ${stderr}`)
          return null
        },
        timeoutMs,
      ),
  }
  running.push(run)
  return run
}

const json = (text: string) => JSON.parse(text) as Record<string, unknown>
const isEvent = (type: string, path: string) => (text: string) => {
  const line = json(text)
  return line.type === type && line.path === path
}

describe('watch', () => {
  it('--json prints ready, then one NDJSON line per change within a second, and exits 0 on SIGTERM', async () => {
    const sessions = join(home, '.oxios', 'workspace', 'sessions')
    await writeOxios(sessions, oxiosDocument({ id: 'c0ffee00-0000-4000-8000-000000000000' }))
    const run = watch([join(home, '.oxios', 'workspace'), '--json'])
    await run.line('ready', (text) => text === '{"type":"ready"}', 0, STARTUP_TIMEOUT_MS)

    const id = 'deadbeef-0000-4000-8000-000000000000'
    const latencies: Record<string, number> = {}

    let wrote = Date.now()
    const path = await writeOxios(sessions, oxiosDocument({ id, metadata: { title: 'First' } }))
    const added = await run.line('added', isEvent('added', path))
    latencies.added = added.at - wrote
    expect(json(added.text)).toMatchObject({ type: 'added', id, path, session: { id, title: 'First', format: 'oxios' } })

    wrote = Date.now()
    await writeOxios(sessions, oxiosDocument({ id, metadata: { title: 'Second' } }))
    const changed = await run.line('changed', (text) => isEvent('changed', path)(text) && text.includes('"Second"'), added.index + 1)
    latencies.changed = changed.at - wrote

    wrote = Date.now()
    await rm(path)
    const removed = await run.line('removed', isEvent('removed', path), changed.index + 1)
    latencies.removed = removed.at - wrote
    expect(json(removed.text)).toEqual({ type: 'removed', id, path, session: null })

    wrote = Date.now()
    const broken = join(sessions, 'broken.json')
    await writeFile(broken, '{"id": ')
    const problem = await run.line('problem', isEvent('problem', broken), removed.index + 1)
    latencies.problem = problem.at - wrote
    expect(json(problem.text)).toEqual({
      type: 'problem',
      path: broken,
      reason: 'truncated JSON: the file ends in the middle of the document',
    })

    console.log(`watch --json latency, write to stdout line (ms): ${JSON.stringify(latencies)}`)
    for (const latency of Object.values(latencies)) expect(latency).toBeLessThan(5000)

    run.child.kill('SIGTERM')
    expect(await run.exit).toBe(0)
    expect(run.lines[0]?.text).toBe('{"type":"ready"}')
    for (const line of run.lines) expect(() => JSON.parse(line.text)).not.toThrow()
    expect(run.stderr()).toBe('')
  })

  it('prints readable lines without --json, includes archived sessions with --all, and exits 0 on SIGINT', async () => {
    const store = join(home, '.ao-rs', 'sessions')
    await writeAo(store, aoDocument({ projectId: 'site' }))
    const run = watch([store, '--all'])
    await waitFor('the start message', () => run.stderr().includes('Press Ctrl-C to stop'), STARTUP_TIMEOUT_MS)
    expect(run.stderr()).toContain('Watching 1 session in:')

    const id = 'a1b2c3d4-0000-4000-8000-000000000000'
    const path = await writeAo(store, aoDocument({ id, projectId: 'docs', task: 'Write the guide' }), { archived: true })
    const added = await run.line('added', (text) => text.startsWith('+ added'))
    expect(added.text).toBe(`+ added   a1b2c3d4 Write the guide  (${path})`)
    await rm(path)
    const removed = await run.line('removed', (text) => text.startsWith('- removed'), added.index + 1)
    expect(removed.text).toBe(`- removed a1b2c3d4 Write the guide  (${path})`)

    run.child.kill('SIGINT')
    expect(await run.exit).toBe(0)
  })

  it('refuses a missing folder, and an empty one whose path names no agent, with exit status 1', async () => {
    const missing = watch([join(home, 'nowhere'), '--json'])
    expect(await missing.exit).toBe(1)
    expect(missing.stderr()).toMatch(/nowhere: no such directory/)
    expect(missing.lines).toEqual([])

    const empty = join(home, 'empty')
    await writeFileDeep(join(empty, '.keep'), '')
    const unknown = watch([empty, '--json'])
    expect(await unknown.exit).toBe(1)
    expect(unknown.stderr()).toMatch(/no telling which sessions to watch for/)
  })
})
