import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Listing, SessionDetail } from '../../../src-shared/model'
import {
  aoDocument,
  astridDocument,
  makeTempDir,
  oxiosDocument,
  removeDir,
  setMtime,
  writeAo,
  writeAstrid,
  writeFileDeep,
  writeOxios,
} from '../../support/fixtures'
import { type CliRun, REPO, runCli } from '../../support/run-cli'

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runCli(args, { HOME: home, SESSIONSCOPE_DATA_DIR: join(home, 'data'), ...env })
}

type Run = CliRun

let home: string
let oxios: string
let astrid: string
let ao: string
const ASTRID_ID = '5f0c7d2e-8a1b-4c3d-9e4f-a0b1c2d3e4f5'

beforeAll(async () => {
  home = await makeTempDir('cli-home')
  oxios = join(home, '.oxios', 'workspace', 'sessions')
  astrid = join(home, '.astrid', 'sessions')
  ao = join(home, '.ao-rs', 'sessions')
  await writeOxios(
    oxios,
    oxiosDocument({
      id: 'c0ffee00-1111-4222-8333-444455556666',
      projectId: 'billing',
      createdAt: '2026-11-01T10:00:00Z',
      updatedAt: '2026-11-20T10:00:00Z',
      turns: [
        {
          user: 'Fix rounding in invoices',
          agent: 'Fixed and tested.',
          steps: [
            { tool: 'read_file', args: { path: 'src/invoice.rs' }, durationMs: 1200 },
            { tool: 'shell', args: { command: 'cargo test' }, output: 'test failed', durationMs: 8300, isError: true },
          ],
        },
      ],
    }),
  )
  await writeOxios(oxios, oxiosDocument({ id: 'c0ffee01-0000-4000-8000-000000000000', updatedAt: '2026-11-01T10:00:00Z' }))
  await writeOxios(oxios, oxiosDocument({ id: 'deadbeef-0000-4000-8000-000000000000', updatedAt: '2026-10-01T10:00:00Z' }), '.archive')
  await writeFileDeep(join(oxios, 'broken.json'), '{"id": "broken", "user_messages": [')
  await writeFileDeep(join(oxios, 'broken.json.1.2.tmp'), '{')
  await setMtime(
    await writeAstrid(astrid, astridDocument({ id: ASTRID_ID, workspacePath: '/home/dev/site', title: 'Site review' })),
    '2026-11-15T00:00:00Z',
  )
  await setMtime(
    await writeAo(ao, aoDocument({ id: 'a0a0a0a0-1111-4222-8333-444455556666', projectId: 'docs', status: 'merged' })),
    '2026-11-10T00:00:00Z',
  )
})

afterAll(() => removeDir(home))

describe('list', () => {
  it('prints exactly one JSON document with the contract fields, newest first, and the problems', async () => {
    const result = await run(['list', oxios, join(home, '.astrid'), join(home, '.ao-rs'), '--json'])
    expect(result.code).toBe(0)
    const listing = JSON.parse(result.stdout) as Listing
    expect(Object.keys(listing).sort()).toEqual(['problems', 'sessions'])
    expect(listing.sessions.map((s) => s.id)).toEqual([
      'c0ffee00-1111-4222-8333-444455556666',
      ASTRID_ID,
      'a0a0a0a0-1111-4222-8333-444455556666',
      'c0ffee01-0000-4000-8000-000000000000',
    ])
    const contract = [
      'id',
      'format',
      'store',
      'path',
      'project',
      'projectPath',
      'title',
      'createdAt',
      'updatedAt',
      'turns',
      'steps',
      'errors',
      'archived',
      'bytes',
      'model',
      'status',
      'parentId',
      'tokens',
    ]
    for (const session of listing.sessions) {
      for (const key of contract) expect(session).toHaveProperty(key)
      expect(session.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
      expect(session.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    }
    expect(listing.sessions[0]).toMatchObject({ format: 'oxios', store: oxios, project: 'billing', turns: 1, steps: 2, errors: 1 })
    expect(listing.sessions[1]).toMatchObject({ format: 'astrid', project: '/home/dev/site', title: 'Site review' })
    expect(listing.sessions[2]).toMatchObject({ format: 'ao', status: 'merged', project: 'docs' })
    expect(listing.problems).toEqual([
      { path: join(oxios, 'broken.json'), reason: 'truncated JSON: the file ends in the middle of the document' },
    ])
  })

  it('uses the well-known stores under HOME when no DIR is given, and --all adds archived sessions', async () => {
    const active = JSON.parse((await run(['list', '--json'])).stdout) as Listing
    expect(active.sessions).toHaveLength(4)
    const all = JSON.parse((await run(['list', '--all', '--json'])).stdout) as Listing
    expect(all.sessions).toHaveLength(5)
    expect(all.sessions.find((s) => s.archived)?.id).toBe('deadbeef-0000-4000-8000-000000000000')
  })

  it('prints a readable table, with problems on stderr', async () => {
    const result = await run(['list', oxios])
    expect(result.code).toBe(0)
    const lines = result.stdout.split('\n')
    expect(lines[0]).toMatch(/^ID\s+FORMAT\s+PROJECT\s+TITLE\s+UPDATED\s+TURNS\s+STEPS\s+ERRORS\s+STATE$/)
    expect(lines[1]).toMatch(/^c0ffee00\s+Oxios\s+billing\s+Fix rounding in invoices\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+1\s+2\s+1$/)
    expect(lines[2]).toMatch(/^c0ffee01\s+Oxios\s+Unfiled\s+Hello there/)
    expect(result.stdout).toContain('2 sessions in 1 store')
    expect(result.stderr).toContain('1 file could not be read')
    expect(result.stderr).toContain(`${join(oxios, 'broken.json')}: truncated JSON`)
  })

  it('lists an empty folder as nothing, and refuses missing or foreign folders with a message', async () => {
    const empty = await makeTempDir('cli-empty')
    try {
      const ok = await run(['list', empty, '--json'])
      expect(ok.code).toBe(0)
      expect(JSON.parse(ok.stdout)).toEqual({ sessions: [], problems: [] })
    } finally {
      await removeDir(empty)
    }
    const missing = await run(['list', join(home, 'nowhere'), '--json'])
    expect(missing.code).not.toBe(0)
    expect(missing.stdout).toBe('')
    expect(missing.stderr).toMatch(/nowhere: no such directory/)
    const foreign = await run(['list', join(home, '.ao-rs', 'sessions', 'docs', 'a0a0a0a0-1111-4222-8333-444455556666.yaml')])
    expect(foreign.code).not.toBe(0)
    expect(foreign.stderr).toMatch(/not a directory/)
  })

  it('rejects unknown options and commands with usage', async () => {
    const option = await run(['list', '--bogus'])
    expect(option.code).toBe(2)
    expect(option.stderr).toMatch(/Unknown option '--bogus'/)
    const command = await run(['frobnicate'])
    expect(command.code).toBe(2)
    expect(command.stderr).toContain('Usage: sessionscope')
    expect(option.stderr).toContain('sessionscope help')
  })
})

describe('show', () => {
  it('prints the session and its turns as one JSON document, found by prefix', async () => {
    const result = await run(['show', oxios, 'c0ffee00', '--json'])
    expect(result.code).toBe(0)
    const detail = JSON.parse(result.stdout) as SessionDetail
    expect(Object.keys(detail).sort()).toEqual(['session', 'turns'])
    expect(detail.session.id).toBe('c0ffee00-1111-4222-8333-444455556666')
    expect(detail.turns).toEqual([
      {
        index: 0,
        user: { text: 'Fix rounding in invoices', at: '2026-11-01T10:00:00.000Z' },
        agent: { text: 'Fixed and tested.', at: '2026-11-01T10:00:30.000Z' },
        steps: [
          {
            id: 'call_0_0',
            tool: 'read_file',
            args: { path: 'src/invoice.rs' },
            output: 'ok',
            at: '2026-11-01T10:00:01.000Z',
            durationMs: 1200,
            isError: false,
          },
          {
            id: 'call_0_1',
            tool: 'shell',
            args: { command: 'cargo test' },
            output: 'test failed',
            at: '2026-11-01T10:00:01.500Z',
            durationMs: 8300,
            isError: true,
          },
        ],
      },
    ])
  })

  it('finds archived sessions, and Astrid and ao-rs sessions through their agent homes', async () => {
    expect(JSON.parse((await run(['show', oxios, 'deadbeef', '--json'])).stdout).session.archived).toBe(true)
    const astridShow = JSON.parse((await run(['show', join(home, '.astrid'), ASTRID_ID, '--json'])).stdout) as SessionDetail
    expect(astridShow.turns[0]?.user?.at).toBeNull()
    const aoShow = JSON.parse((await run(['show', join(home, '.ao-rs'), 'a0a0', '--json'])).stdout) as SessionDetail
    expect(aoShow).toMatchObject({ session: { status: 'merged' }, turns: [] })
  })

  it('refuses ambiguous, unknown and empty ids', async () => {
    const ambiguous = await run(['show', oxios, 'c0ffee0', '--json'])
    expect(ambiguous.code).not.toBe(0)
    expect(ambiguous.stdout).toBe('')
    expect(ambiguous.stderr).toContain('matches 2 sessions')
    expect(ambiguous.stderr).toContain('c0ffee00-1111-4222-8333-444455556666')
    expect(ambiguous.stderr).toContain('c0ffee01-0000-4000-8000-000000000000')
    const unknown = await run(['show', oxios, 'ffff'])
    expect(unknown.code).not.toBe(0)
    expect(unknown.stderr).toContain('not found')
    const empty = await run(['show', oxios, ''])
    expect(empty.code).not.toBe(0)
    expect(empty.stderr).toContain('empty')
  })

  it('prints a readable transcript with each tool call, its duration and errors', async () => {
    const result = await run(['show', oxios, 'c0ffee00'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Title: +Fix rounding in invoices$/m)
    expect(result.stdout).toMatch(/^Project: +billing$/m)
    expect(result.stdout).toMatch(/── Turn 1/)
    expect(result.stdout).toMatch(/▸ read_file {2}1\.2 s$/m)
    expect(result.stdout).toMatch(/▸ shell {2}8\.3 s {2}ERROR$/m)
    expect(result.stdout).toContain('output: test failed')
  })
})

describe('the README command', () => {
  it('runs through npm as documented', async () => {
    const result = await new Promise<Run>((done) => {
      execFile(
        'npm',
        ['run', '--silent', 'cli', '--', 'list', oxios, '--json'],
        { cwd: REPO, env: { ...process.env, HOME: home } },
        (error, stdout, stderr) => done({ code: error ? 1 : 0, stdout, stderr }),
      )
    })
    expect(result.code).toBe(0)
    expect((JSON.parse(result.stdout) as Listing).sessions).toHaveLength(2)
  })
})
