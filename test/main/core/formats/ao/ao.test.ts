import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listStores, loadSession } from '../../../../../src-main/core/listing'
import type { Store } from '../../../../../src-shared/model'
import { aoDocument, makeTempDir, removeDir, setMtime, writeAo, writeFileDeep } from '../../../../support/fixtures'

let dir: string
let store: Store

beforeEach(async () => {
  dir = await makeTempDir('ao')
  store = { format: 'ao', root: join(dir, '.ao-rs', 'sessions') }
})
afterEach(() => removeDir(dir))

const STATUSES = [
  'spawning',
  'working',
  'pr_open',
  'ci_failed',
  'review_pending',
  'changes_requested',
  'approved',
  'mergeable',
  'merge_failed',
  'merged',
  'cleanup',
  'needs_input',
  'stuck',
  'errored',
  'killed',
  'idle',
  'done',
  'terminated',
]

describe('ao-rs sessions', () => {
  it('summarizes a session: task title, status, agent, branch, cost, parent; no transcript', async () => {
    const id = '9d3c1f7a-2b4e-4c8d-a1f0-5e6b7c8d9e0f'
    const path = await writeAo(
      store.root,
      aoDocument({
        id,
        projectId: 'billing-api',
        status: 'pr_open',
        task: '\nAdd VAT rounding to invoices\n\nSee issue #12 for details.',
        createdAtMs: 1794268800000,
        extra: {
          agent_config: { permissions: 'permissionless', model: 'claude-opus-4-1' },
          cost: { input_tokens: 1200, output_tokens: 340, cache_read_tokens: 9000, cache_creation_tokens: 150, cost_usd: 0.87 },
          spawned_by: 'orchestrator-1',
          issue_id: '12',
        },
      }),
    )
    await setMtime(path, '2026-11-12T08:30:00Z')
    const listing = await listStores([store], { archived: false })
    expect(listing.problems).toEqual([])
    expect(listing.sessions).toEqual([
      {
        id,
        format: 'ao',
        store: store.root,
        path,
        project: 'billing-api',
        projectPath: '/home/dev/demo',
        title: 'Add VAT rounding to invoices',
        createdAt: '2026-11-10T00:00:00.000Z',
        updatedAt: '2026-11-12T08:30:00.000Z',
        modifiedAt: '2026-11-12T08:30:00.000Z',
        turns: 0,
        steps: 0,
        errors: 0,
        archived: false,
        bytes: listing.sessions[0]?.bytes,
        model: 'claude-opus-4-1',
        status: 'pr_open',
        parentId: 'orchestrator-1',
        tokens: { input: 1200, output: 340, cacheRead: 9000, cacheWrite: 150 },
        agent: 'claude-code',
        branch: `ao-${id.slice(0, 8)}`,
        costUsd: 0.87,
      },
    ])
    expect(listing.sessions[0]?.bytes).toBeGreaterThan(100)
    const detail = await loadSession(listing.sessions[0]!)
    expect(detail.turns).toEqual([])
    // The cost is the session's total (a copy of the agent's own transcript's): no API responses.
    expect(detail.responses).toBeUndefined()
  })

  it('reads every status and defaults the agent to claude-code when missing', async () => {
    for (const [i, status] of STATUSES.entries()) {
      const doc = aoDocument({ id: `s-${String(i).padStart(2, '0')}`, status, projectId: i % 2 ? 'odd' : 'even' })
      delete doc.agent
      await writeAo(store.root, doc)
    }
    const listing = await listStores([store], { archived: false })
    expect(listing.problems).toEqual([])
    expect(listing.sessions.map((s) => s.status).sort()).toEqual([...STATUSES].sort())
    expect(new Set(listing.sessions.map((s) => s.agent))).toEqual(new Set(['claude-code']))
    expect(new Set(listing.sessions.map((s) => s.project))).toEqual(new Set(['odd', 'even']))
  })

  it('keeps archived sessions in <project>/.archive/, listed only with --all', async () => {
    await writeAo(store.root, aoDocument({ id: 'active', projectId: 'p' }))
    await writeAo(store.root, aoDocument({ id: 'shelved', projectId: 'p', status: 'merged' }), { archived: true })
    expect((await listStores([store], { archived: false })).sessions.map((s) => s.id)).toEqual(['active'])
    const all = await listStores([store], { archived: true })
    expect(all.sessions.map((s) => [s.id, s.archived, s.project]).sort()).toEqual([
      ['active', false, 'p'],
      ['shelved', true, 'p'],
    ])
  })

  it('falls back to the folder for the project, and the issue for the title', async () => {
    const doc = aoDocument({ id: 'x', task: '   ', extra: { issue_id: 'GH-7' } })
    delete doc.project_id
    await writeAo(store.root, doc, { folder: 'from-folder' })
    const listing = await listStores([store], { archived: false })
    expect(listing.sessions[0]).toMatchObject({ project: 'from-folder', title: 'GH-7', tokens: null, costUsd: null })
  })

  it('ignores temp files, stray files and files at the top of the store', async () => {
    await writeAo(store.root, aoDocument({ id: 'keep', projectId: 'p' }))
    await writeFileDeep(join(store.root, 'p', 'keep.yaml.tmp'), 'id: half')
    await writeFileDeep(join(store.root, 'p', 'notes.txt'), 'x')
    await writeFileDeep(join(store.root, 'stray.yaml'), 'id: stray')
    await writeFileDeep(join(store.root, '.hidden', 'h.yaml'), 'id: hidden')
    const listing = await listStores([store], { archived: true })
    expect(listing.sessions.map((s) => s.id)).toEqual(['keep'])
    expect(listing.problems).toEqual([])
  })

  it('reports broken YAML and missing required fields as problems', async () => {
    await writeFileDeep(join(store.root, 'p', 'bad.yaml'), 'id: "unterminated\nstatus: [\n')
    await writeFileDeep(join(store.root, 'p', 'noid.yaml'), 'status: working\ncreated_at: 1\n')
    await writeFileDeep(join(store.root, 'p', 'strtime.yaml'), 'id: a\nstatus: working\ncreated_at: yesterday\n')
    const listing = await listStores([store], { archived: false })
    expect(listing.sessions).toEqual([])
    const reasons = Object.fromEntries(listing.problems.map((p) => [p.path.split('/').pop(), p.reason]))
    expect(reasons['bad.yaml']).toMatch(/^invalid YAML: /)
    expect(reasons['noid.yaml']).toBe('wrong shape: "id" is missing')
    expect(reasons['strtime.yaml']).toBe('wrong shape: "created_at" is not a number of milliseconds')
    for (const reason of Object.values(reasons)) expect(reason).not.toContain('\n')
  })
})
