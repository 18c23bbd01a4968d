import { execFile, spawn, spawnSync } from 'node:child_process'
import { chmod, chown, mkdir, symlink, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ClaudeLog, writeClaudeSession } from '../../support/claude-fixtures'
import { aoDocument, makeTempDir, oxiosDocument, removeDir, writeAo, writeOxios } from '../../support/fixtures'
import { waitFor } from '../../support/wait-for'
import { REPO } from '../../support/run-cli'

// Issue 8, item 9: an unreadable folder or file is a problem entry ("permission denied") and the
// rest of the store is listed. The tests run as root here, where mode 000 stops nothing, so the
// CLI runs as `nobody` (setpriv drops the privileges of the child alone).

const ENTRY = join(REPO, 'src-main', 'cli', 'main.ts')
const NOBODY = 65534
const OLD = new Date('2026-09-01T00:00:00Z')

function canDropPrivileges(): string | null {
  if (process.platform !== 'linux') return 'not Linux'
  if (process.getuid?.() !== 0) return 'not running as root (mode 000 already stops this user: nothing to drop)'
  const probe = spawnSync('setpriv', [
    '--reuid=65534',
    '--regid=65534',
    '--clear-groups',
    process.execPath,
    '-e',
    `require('fs').accessSync(${JSON.stringify(ENTRY)})`,
  ])
  if (probe.error) return 'setpriv is not installed'
  if (probe.status !== 0) return `user nobody cannot read the checkout at ${REPO}`
  return null
}

const skipReason = canDropPrivileges()
if (skipReason) console.log(`unreadable-folders tests skipped: ${skipReason}`)

function asNobody(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      'setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', ENTRY, ...args],
      { cwd: REPO, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    )
  })
}

let home: string
let env: Record<string, string>
let oxios: string
let ao: string
let claude: string

beforeAll(async () => {
  if (skipReason) return
  home = await makeTempDir('unreadable')
  await chmod(home, 0o755)
  const data = join(home, 'data')
  await mkdir(data)
  await chown(data, NOBODY, NOBODY)
  env = { HOME: home, SESSIONSCOPE_DATA_DIR: data }

  oxios = join(home, 'oxios-store')
  const paths = [
    await writeOxios(oxios, oxiosDocument({ id: 'visible-1', projectId: 'web' })),
    await writeOxios(oxios, oxiosDocument({ id: 'locked-file', projectId: 'web' })),
    await writeOxios(join(oxios, '.archive'), oxiosDocument({ id: 'archived-1' })),
  ]
  // A symbolic link that points at itself.
  await symlink(join(oxios, 'loop.json'), join(oxios, 'loop.json'))

  ao = join(home, 'ao-store')
  paths.push(await writeAo(ao, aoDocument({ id: 'ao-visible', projectId: 'api' })))
  paths.push(await writeAo(ao, aoDocument({ id: 'ao-hidden', projectId: 'secret' })))

  claude = join(home, 'claude-store')
  for (const [id, project] of [
    ['11111111-0000-4000-8000-000000000001', '-home-dev-open'],
    ['11111111-0000-4000-8000-000000000002', '-home-dev-locked'],
  ] as const) {
    const log = new ClaudeLog({ sessionId: id })
    log.prompt(`Work in ${project}`)
    log.response({ text: 'Done.' })
    paths.push(await writeClaudeSession(claude, project, log))
  }
  for (const path of paths) await utimes(path, OLD, OLD)
  await chmod(join(oxios, 'locked-file.json'), 0o000)
  await chmod(join(oxios, '.archive'), 0o000)
  await chmod(join(ao, 'secret'), 0o000)
  await chmod(join(claude, '-home-dev-locked'), 0o000)
})

afterAll(async () => {
  if (skipReason) return
  for (const dir of [join(oxios, '.archive'), join(ao, 'secret'), join(claude, '-home-dev-locked')]) await chmod(dir, 0o755)
  await removeDir(home)
})

interface Listed {
  sessions: Array<{ id: string }>
  problems: Array<{ path: string; reason: string }>
}

describe.skipIf(skipReason !== null)('unreadable folders and files, as a user who cannot read them', () => {
  it('list reports each as a problem and lists the rest, for flat, per-project and Claude stores', async () => {
    const result = await asNobody(['list', oxios, ao, claude, '--all', '--json'], env)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const listed = JSON.parse(result.stdout) as Listed
    expect(listed.sessions.map((s) => s.id).sort()).toEqual(['11111111-0000-4000-8000-000000000001', 'ao-visible', 'visible-1'])
    expect(listed.problems).toEqual([
      { path: join(ao, 'secret'), reason: expect.stringMatching(/^permission denied/) },
      { path: join(claude, '-home-dev-locked'), reason: expect.stringMatching(/^permission denied/) },
      { path: join(oxios, '.archive'), reason: expect.stringMatching(/^permission denied/) },
      { path: join(oxios, 'locked-file.json'), reason: 'permission denied' },
      { path: join(oxios, 'loop.json'), reason: expect.stringMatching(/symbolic link loop/) },
    ])
  })

  it('a store folder that cannot be read at all is a clear error, not a stack trace', async () => {
    const result = await asNobody(['list', join(ao, 'secret'), '--json'], env)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/permission denied/)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('watch starts and keeps following the readable folders', async () => {
    const child = spawn(
      'setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', ENTRY, 'watch', ao, claude, '--json'],
      {
        cwd: REPO,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    const lines: string[] = []
    let stderr = ''
    createInterface({ input: child.stdout }).on('line', (line) => lines.push(line))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    try {
      await waitFor(
        'ready',
        () => (lines.some((line) => line.includes('"ready"')) ? true : child.exitCode === null ? null : 'exited'),
        30_000,
      )
      expect(child.exitCode).toBeNull()
      // Still alive and still watching: a new session in a readable folder is reported.
      const added = await writeAo(ao, aoDocument({ id: 'ao-new', projectId: 'api' }))
      await chown(added, NOBODY, NOBODY)
      await waitFor('the new session', () => (lines.some((line) => line.includes('"ao-new"')) ? true : null), 30_000)
      expect(stderr).toBe('')
    } finally {
      child.kill('SIGKILL')
    }
  })
})
