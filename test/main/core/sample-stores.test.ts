import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listStores, loadSession } from '../../../src-main/core/listing'
import { resolveStores } from '../../../src-main/core/stores'
import { repoPath } from '../../support/repo'

// The hand-written stores in resources/samples/ are what a first-time user sees; they must read cleanly.
const SAMPLES = repoPath('resources', 'samples')

describe('shipped sample stores', () => {
  it('read without problems, in every format, with projects, Unfiled and archived sessions', async () => {
    const stores = await resolveStores(
      [join(SAMPLES, 'oxios', 'workspace'), join(SAMPLES, 'astrid'), join(SAMPLES, 'ao-rs')],
      '/nonexistent-home',
      {},
    )
    expect(stores.map((store) => store.format)).toEqual(['oxios', 'astrid', 'ao'])
    const listing = await listStores(stores, { archived: true })
    expect(listing.problems).toEqual([])
    expect(listing.sessions.length).toBeGreaterThanOrEqual(9)
    expect(listing.sessions.some((s) => s.project === null)).toBe(true)
    expect(listing.sessions.some((s) => s.archived)).toBe(true)
    expect(listing.sessions.some((s) => s.errors > 0)).toBe(true)
    for (const session of listing.sessions) {
      const detail = await loadSession(session)
      expect(detail.turns.reduce((n, turn) => n + turn.steps.length, 0)).toBe(session.steps)
    }
  })
})

/**
 * The sessions of one sample home, each with its detail: what the listing and the session view show.
 * The home must resolve to one store of the format at `root` (below the home), and list without problems.
 */
async function readSample(home: string, format: string, root: string[], count: number) {
  const stores = await resolveStores([join(SAMPLES, home)], '/nonexistent-home', {})
  expect(stores.map((store) => [store.format, store.root])).toEqual([[format, join(SAMPLES, home, ...root)]])
  const listing = await listStores(stores, { archived: true })
  expect(listing.problems).toEqual([])
  expect(listing.sessions).toHaveLength(count)
  const sessions = await Promise.all(
    listing.sessions.map(async (session) => {
      const detail = await loadSession(session)
      return { session, detail, tools: detail.turns.map((turn) => turn.steps.map((step) => (step.isError ? `${step.tool}!` : step.tool))) }
    }),
  )
  return { byId: (id: string) => sessions.find((s) => s.session.id === id)!, sessions }
}

describe('shipped sample stores of the agents that write logs', () => {
  it('Claude Code: two projects named after their folders, a sub-agent under its parent, a failed call in each fix', async () => {
    const sample = await readSample('claude', 'claude', ['projects'], 4)
    expect(sample.sessions.map((s) => s.session.id).sort()).toEqual([
      '2e9a4f07-6c35-4b1d-9e82-d71a0c5b3f96',
      '7d3f5a2c-9b14-4e6a-8c21-5f0e9a7b3d48',
      'a4c91e7',
      'c05e8b61-2f7a-4d93-a1e4-8b6d2c9f0a17',
    ])

    const vat = sample.byId('7d3f5a2c-9b14-4e6a-8c21-5f0e9a7b3d48')
    expect(vat.session).toMatchObject({
      project: '-home-dana-src-billing-api',
      projectPath: '/home/dana/src/billing-api',
      branch: 'fix/eu-vat-rounding',
      model: 'claude-sonnet-4-5-20250929',
      turns: 2,
      steps: 7,
      errors: 1,
      parentId: null,
    })
    expect(vat.session.title).toMatch(/^Some EU customers get invoices where the VAT line/)
    expect(vat.session.tokens).toMatchObject({ input: 84, output: 1359, inputIncludesCache: false })
    expect(vat.tools).toEqual([['Task', 'Read', 'Edit', 'Bash!', 'Edit', 'Bash'], ['Grep']])
    expect(vat.detail.turns[1]?.user?.text).toBe('Does the credit-note path have the same problem?')
    const task = vat.detail.turns[0]!.steps[0]!
    expect(task.childSessionId).toBe('a4c91e7')
    expect(vat.detail.turns[0]!.steps[3]!.output).toContain("AssertionError: expected '120.99' to be '121.00'")

    const agent = sample.byId('a4c91e7')
    expect(agent.session).toMatchObject({
      parentId: '7d3f5a2c-9b14-4e6a-8c21-5f0e9a7b3d48',
      title: 'Find where invoice VAT is computed',
      project: '-home-dana-src-billing-api',
      model: 'claude-haiku-4-5-20251001',
      turns: 1,
    })
    expect(agent.tools).toEqual([['Grep', 'Read']])

    expect(sample.byId('c05e8b61-2f7a-4d93-a1e4-8b6d2c9f0a17').session).toMatchObject({
      title: 'Changelog: VAT total fix',
      turns: 1,
      steps: 2,
      errors: 0,
    })
    const anchors = sample.byId('2e9a4f07-6c35-4b1d-9e82-d71a0c5b3f96')
    expect(anchors.session).toMatchObject({ project: '-home-dana-src-docs-site', branch: 'main', turns: 1, errors: 1 })
    expect(anchors.tools).toEqual([['Bash', 'Read', 'Read!', 'Glob', 'Edit', 'Bash']])
    expect(anchors.detail.turns[0]!.steps[2]!.output).toBe('<tool_use_error>File does not exist.</tool_use_error>')
  })

  it('Codex CLI: dated rollouts, a thread name from session_index.jsonl, a call that exited with 101', async () => {
    const sample = await readSample('codex', 'codex', [], 2)

    const bom = sample.byId('019a6f3e-5b21-7c48-9d0e-2a71c4e8b305')
    expect(bom.session).toMatchObject({
      project: '/home/dana/src/ledger-cli',
      branch: 'main',
      model: 'gpt-5.1-codex',
      turns: 2,
      steps: 5,
      errors: 1,
      tokens: { input: 76787, output: 946, cacheRead: 64384, inputIncludesCache: true },
    })
    expect(bom.session.title).toMatch(/^`ledger import` panics on a CSV exported from my bank/)
    expect(bom.tools).toEqual([['shell_command!', 'shell_command', 'apply_patch', 'shell_command'], ['apply_patch']])
    expect(bom.detail.turns[0]!.steps[0]!.output).toContain("thread 'main' panicked at src/import/csv.rs:41:18")
    expect(bom.detail.turns[0]!.agent?.text).toContain('`cargo test import` passes')

    const payouts = sample.byId('019a8c07-d4e9-7a13-b6f2-58e0c3a9d174')
    expect(payouts.session).toMatchObject({
      title: 'Payouts in currencies we do not bill in',
      project: '/home/dana/src/billing-api',
      turns: 1,
      errors: 0,
    })
    expect(payouts.tools).toEqual([['shell_command', 'shell_command']])
  })

  it('Gemini CLI: projects resolved through projects.json, re-appended messages counted once, a failed replace', async () => {
    const sample = await readSample('gemini', 'gemini', ['tmp'], 2)

    const theme = sample.byId('3b9e71c4-08d2-4f5a-b6e3-9c1d7a2f4e80')
    expect(theme.session).toMatchObject({
      project: '/home/dana/src/docs-site',
      projectPath: '/home/dana/src/docs-site',
      model: 'gemini-2.5-pro',
      turns: 2,
      steps: 4,
      errors: 1,
      tokens: { input: 40727, output: 453, cacheRead: 31332, inputIncludesCache: true },
    })
    expect(theme.tools).toEqual([['read_file', 'replace!', 'replace', 'run_shell_command'], []])
    expect(theme.detail.turns[0]!.steps[1]!.output).toMatch(/^Failed to edit, 0 occurrences found/)
    expect(theme.detail.turns[0]!.steps[3]!.durationMs).toBe(4870)

    const strict = sample.byId('e58a2d19-7c46-4b3e-91f0-d2b6a8c4e713')
    expect(strict.session).toMatchObject({ project: '/home/dana/src/ledger-cli', turns: 1, steps: 2, errors: 0 })
    expect(strict.tools).toEqual([['search_file_content', 'read_file']])
  })
})
