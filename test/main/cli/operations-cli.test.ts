import { readFile, readdir, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  aoDocument,
  astridDocument,
  makeTempDir,
  oxiosDocument,
  readTree,
  removeDir,
  writeAo,
  writeAstrid,
  writeOxios,
} from '../../support/fixtures'
import { runCli } from '../../support/run-cli'

let home: string
let oxios: string
let ao: string
let astrid: string
const OLD = new Date('2026-09-01T00:00:00Z')
const ASTRID_ID = 'eeeeeeee-0000-4000-8000-000000000001'

function cli(...args: string[]) {
  return runCli(args, { HOME: home, SESSIONSCOPE_DATA_DIR: join(home, 'data') })
}

beforeEach(async () => {
  home = await makeTempDir('ops-cli')
  oxios = join(home, '.oxios', 'workspace', 'sessions')
  ao = join(home, '.ao-rs', 'sessions')
  astrid = join(home, '.astrid', 'sessions')
  const paths = [
    await writeOxios(oxios, oxiosDocument({ id: 'aaaa1111', projectId: 'web', updatedAt: '2026-08-01T00:00:00Z' })),
    await writeOxios(oxios, oxiosDocument({ id: 'aaaa2222', projectId: 'web', updatedAt: '2026-08-02T00:00:00Z' })),
    await writeOxios(oxios, oxiosDocument({ id: 'bbbb3333', updatedAt: '2026-11-20T00:00:00Z' })),
    await writeAo(ao, aoDocument({ id: 'cccc4444', projectId: 'api' })),
    await writeAstrid(astrid, astridDocument({ id: ASTRID_ID, workspacePath: '/src/site' })),
  ]
  for (const path of paths) await utimes(path, OLD, OLD)
})
afterEach(() => removeDir(home))

describe('move', () => {
  it('reparents by id prefix and reports done and skipped in one JSON document', async () => {
    const result = await cli('move', oxios, 'aaaa1', 'bbbb', 'nope', 'aaaa', '--to', 'mobile', '--json')
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout) as { done: unknown[]; skipped: unknown[] }
    expect(report.done).toEqual([
      { id: 'aaaa1111', from: 'web', to: 'mobile', path: join(oxios, 'aaaa1111.json') },
      { id: 'bbbb3333', from: null, to: 'mobile', path: join(oxios, 'bbbb3333.json') },
    ])
    expect(report.skipped).toEqual([
      { id: 'nope', reason: 'not found' },
      { id: 'aaaa', reason: 'ambiguous: matches 2 sessions' },
    ])
    const listed = JSON.parse((await cli('list', oxios, '--json')).stdout) as { sessions: { id: string; project: string | null }[] }
    expect(Object.fromEntries(listed.sessions.map((s) => [s.id, s.project]))).toEqual({
      aaaa1111: 'mobile',
      aaaa2222: 'web',
      bbbb3333: 'mobile',
    })
  })

  it('moves an ao-rs session between project folders and back out with --unfiled refused', async () => {
    const moved = await cli('move', join(home, '.ao-rs'), 'cccc', '--to', 'billing')
    expect(moved.code).toBe(0)
    expect(moved.stdout).toContain('(api → billing)')
    expect((await stat(join(ao, 'billing', 'cccc4444.yaml'))).isFile()).toBe(true)
    await expect(stat(join(ao, 'api', 'cccc4444.yaml'))).rejects.toThrow()
    const refused = await cli('move', join(home, '.ao-rs'), 'cccc', '--unfiled', '--force')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('always belongs to a project')
  })

  it('refuses path-escaping project names before touching the disk', async () => {
    const before = await readTree(home)
    for (const name of ['..', '../outside', 'a/b', '/tmp/abs', 'a\\b', '']) {
      const result = await cli('move', join(home, '.ao-rs'), 'cccc', '--to', name, '--json')
      expect(result.code).not.toBe(0)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(/project name|single folder name|empty/)
    }
    expect(await readTree(home)).toEqual(before)
  })

  it('skips a live session with a clear reason and acts with --force', async () => {
    await utimes(join(oxios, 'aaaa2222.json'), new Date(), new Date())
    const refused = await cli('move', oxios, 'aaaa2', '--to', 'x')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('live (changed in the last minute')
    const forced = await cli('move', oxios, 'aaaa2', '--to', 'x', '--force', '--json')
    expect(JSON.parse(forced.stdout).done).toHaveLength(1)
  })

  it('resolves an Astrid project by its workspace folder name', async () => {
    await writeAstrid(astrid, astridDocument({ id: 'eeeeeeee-0000-4000-8000-000000000002', workspacePath: '/src/api' }))
    await utimes(join(astrid, 'eeeeeeee-0000-4000-8000-000000000002.json'), OLD, OLD)
    const moved = await cli('move', join(home, '.astrid'), 'eeeeeeee-0000-4000-8000-000000000001', '--to', 'api', '--json')
    expect(JSON.parse(moved.stdout).done[0]).toMatchObject({ from: '/src/site', to: '/src/api' })
  })
})

describe('two ao-rs files with one id', () => {
  it('list deletes neither: both are listed, each with the clash as a problem; operations and show name both', async () => {
    const original = join(ao, 'api', 'cccc4444.yaml')
    // The user's hand-made variant of the session, under another name, newer.
    const copy = join(ao, 'api', 'cccc4444-variant.yaml')
    await writeFile(copy, (await readFile(original, 'utf8')).replace('Fix the flaky test', 'Try the other approach'))
    await utimes(copy, new Date('2026-09-02T00:00:00Z'), new Date('2026-09-02T00:00:00Z'))
    const before = await readTree(ao)
    const listed = await cli('list', join(home, '.ao-rs'), '--json')
    expect(listed.code).toBe(0)
    const listing = JSON.parse(listed.stdout) as { sessions: { id: string; path: string }[]; problems: { path: string; reason: string }[] }
    expect(listing.sessions.map((s) => [s.id, s.path]).sort()).toEqual([
      ['cccc4444', copy],
      ['cccc4444', original],
    ])
    expect(listing.problems).toEqual([
      { path: copy, reason: `another session file has the same id (cccc4444): ${original}` },
      { path: original, reason: `another session file has the same id (cccc4444): ${copy}` },
    ])
    expect(await readTree(ao)).toEqual(before)

    const moved = await cli('move', join(home, '.ao-rs'), 'cccc4444', '--to', 'billing', '--json')
    expect(moved.code).toBe(1)
    const reason = (JSON.parse(moved.stdout) as { skipped: { reason: string }[] }).skipped[0]?.reason
    expect(reason).toContain(original)
    expect(reason).toContain(copy)
    const shown = await cli('show', join(home, '.ao-rs'), 'cccc')
    expect(shown.code).toBe(1)
    expect(shown.stderr).toContain(original)
    expect(shown.stderr).toContain(copy)
    expect(await readTree(ao)).toEqual(before)
  })
})

describe('archive, trash, restore, empty-trash and undo', () => {
  it('archives and unarchives; trashes and restores; undo walks back through all of it', async () => {
    const before = await readTree(home)
    expect((await cli('archive', oxios, 'aaaa1')).code).toBe(0)
    expect((await stat(join(oxios, '.archive', 'aaaa1111.json'))).isFile()).toBe(true)
    const again = await cli('archive', oxios, 'aaaa1', '--json')
    expect(again.code).toBe(1)
    expect(JSON.parse(again.stdout).skipped).toEqual([{ id: 'aaaa1111', reason: 'already archived' }])
    expect((await cli('unarchive', oxios, 'aaaa1')).code).toBe(0)
    expect((await cli('trash', join(home, '.ao-rs'), 'cccc')).code).toBe(0)
    expect((await stat(join(ao, '.trash', 'api', 'cccc4444.yaml'))).isFile()).toBe(true)
    const listed = JSON.parse((await cli('list', join(home, '.ao-rs'), '--all', '--json')).stdout)
    expect(listed.sessions).toEqual([])
    expect((await cli('restore', join(home, '.ao-rs'), 'cccc')).code).toBe(0)
    expect((await stat(join(ao, 'api', 'cccc4444.yaml'))).isFile()).toBe(true)

    for (const label of ['Restore session', 'Move session to the trash', 'Unarchive session', 'Archive session']) {
      const undo = await cli('undo')
      expect(undo.code).toBe(0)
      expect(undo.stdout).toContain(`Undoing "${label}"`)
    }
    const nothing = await cli('undo', '--json')
    expect(nothing.code).toBe(1)
    expect(JSON.parse(nothing.stdout)).toEqual({ operation: null, done: [], skipped: [] })
    // Everything is back as it was, byte for byte (the journal lives outside the stores).
    const after = await readTree(home)
    for (const key of Object.keys(after)) if (key.startsWith('data')) delete after[key]
    expect(after).toEqual(before)
  })

  it('skips the undo of an ao-rs move whose project changed since, leaving file and folder exactly as they are', async () => {
    expect((await cli('move', join(home, '.ao-rs'), 'cccc', '--to', 'billing')).code).toBe(0)
    const moved = join(ao, 'billing', 'cccc4444.yaml')
    // The agent reparents the session itself after the move.
    const edited = (await readFile(moved, 'utf8')).replace('project_id: billing', 'project_id: infra')
    await writeFile(moved, edited)
    const before = await readTree(ao)
    const undo = await cli('undo', '--json')
    expect(undo.code).toBe(1)
    const report = JSON.parse(undo.stdout) as { done: unknown[]; skipped: unknown[] }
    expect(report.done).toEqual([])
    expect(report.skipped).toEqual([{ id: 'cccc4444', reason: 'its project is now infra' }])
    expect(await readTree(ao)).toEqual(before)
    expect(await readFile(moved, 'utf8')).toBe(edited)
  })

  it('empties the trash only with --yes', async () => {
    await cli('trash', oxios, 'bbbb')
    const refused = await cli('empty-trash', oxios)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/would delete 1 file .* run it again with --yes/)
    expect((await stat(join(oxios, '.trash', 'bbbb3333.json'))).isFile()).toBe(true)
    const done = await cli('empty-trash', oxios, '--yes', '--json')
    expect(JSON.parse(done.stdout).deleted.files).toBe(1)
    await expect(stat(join(oxios, '.trash', 'bbbb3333.json'))).rejects.toThrow()
  })
})

describe('prune', () => {
  it('dry-run lists exactly what the real run touches, and changes nothing', async () => {
    const before = await readTree(home)
    const dry = await cli('prune', oxios, '--older-than', '30d', '--dry-run', '--json')
    expect(dry.code).toBe(0)
    const plan = JSON.parse(dry.stdout) as {
      action: string
      dryRun: boolean
      sessions: { id: string; path: string; updatedAt: string; bytes: number }[]
      skipped: unknown[]
    }
    expect(plan.action).toBe('archive')
    expect(plan.dryRun).toBe(true)
    expect(plan.sessions.map((s) => s.id).sort()).toEqual(['aaaa1111', 'aaaa2222'])
    expect(Object.keys(plan.sessions[0] ?? {}).sort()).toEqual(['bytes', 'id', 'path', 'updatedAt'])
    expect(await readTree(home)).toEqual(before)

    const real = await cli('prune', oxios, '--older-than', '30d', '--json')
    const done = JSON.parse(real.stdout) as { dryRun: boolean; sessions: { id: string }[]; done: { id: string }[] }
    expect(done.dryRun).toBe(false)
    expect(done.done.map((d) => d.id).sort()).toEqual(plan.sessions.map((s) => s.id).sort())
    expect((await readdir(join(oxios, '.archive'))).sort()).toEqual(['aaaa1111.json', 'aaaa2222.json'])
  })

  it('keeps the newest N per project and can trash instead of archiving', async () => {
    const dry = JSON.parse(
      (await cli('prune', oxios, '--keep', '1', '--project', 'web', '--action', 'trash', '--dry-run', '--json')).stdout,
    )
    expect(dry.sessions.map((s: { id: string }) => s.id)).toEqual(['aaaa1111'])
    const bad = await cli('prune', oxios, '--older-than', 'soon')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--older-than takes an age')
    const none = await cli('prune', oxios)
    expect(none.code).toBe(2)
    const deleting = await cli('prune', oxios, '--keep', '1', '--action', 'delete')
    expect(deleting.stderr).toContain('pruning never deletes')
  })
})
