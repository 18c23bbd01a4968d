// The sample stores of the agents that write append-only logs (Claude Code, Codex CLI, Gemini
// CLI): each session opens with its turns and a timeline of its tool calls, the failed call marked;
// Claude Code's sub-agent sits under the session that started it. Opening them writes nothing.

import { expect, test } from '../fixtures'
import type { AppPage } from '../pages/app-page'
import { fingerprint } from '../support/disk'

test.use({ sampleHomes: ['claude', 'codex', 'gemini'] })

const CLAUDE = {
  vat: 'Some EU customers get invoices where the VAT line and the net lines',
  agent: 'Find where invoice VAT is computed',
  changelog: 'Changelog: VAT total fix',
  anchors: '`npm run build` warns about broken anchors on the webhooks page',
}
const CODEX = { bom: '`ledger import` panics on a CSV exported from my bank', payouts: 'Payouts in currencies we do not bill in' }
const GEMINI = { theme: 'The dark mode toggle forgets its setting', strict: 'What does `ledger reconcile --strict` check' }

/** Opens a session and checks that it shows exactly these turns, each holding its texts. */
async function openWithTurns(ui: AppPage, title: string, turns: string[][]): Promise<void> {
  await ui.openSession(title)
  await expect(ui.turns()).toHaveCount(turns.length)
  for (const [i, texts] of turns.entries()) for (const text of texts) await expect(ui.turn(i + 1)).toContainText(text)
}

test('the tree lists the three agent-log samples by project, the Claude Code sub-agent under its parent', async ({ ui, stores }) => {
  const before = await fingerprint(stores.root)
  for (const label of ['Claude Code', 'Codex CLI', 'Gemini CLI'] as const) await expect(ui.store(label)).toBeVisible()
  await expect.poll(() => ui.projectCounts('Claude Code')).toEqual({ 'billing-api': 2, 'docs-site': 1 })
  await expect.poll(() => ui.projectCounts('Codex CLI')).toEqual({ 'billing-api': 1, 'ledger-cli': 1 })
  await expect.poll(() => ui.projectCounts('Gemini CLI')).toEqual({ 'docs-site': 1, 'ledger-cli': 1 })
  await ui.expandAll()

  // The sub-agent's row follows its parent's, one level deeper.
  const rows = (await ui.storeRows('Claude Code')).map((row) => ({ name: row.name, level: row.level }))
  const parent = rows.findIndex((row) => row.name.startsWith(CLAUDE.vat))
  expect(rows[parent]?.level).toBe(3)
  expect(rows[parent]?.name).toMatch(/2 turns, 7 steps, 1 error, 1 sub-agent$/)
  expect(rows[parent + 1]).toEqual({ name: `${CLAUDE.agent}, 1 turn, 2 steps, sub-agent`, level: 4 })
  expect(await ui.sessionNames('Claude Code', 'docs-site')).toEqual([expect.stringContaining(CLAUDE.anchors)])
  expect(await ui.sessionNames('Codex CLI', '/home/dana/src/ledger-cli')).toEqual([expect.stringContaining(CODEX.bom)])
  expect(await ui.sessionNames('Gemini CLI', '/home/dana/src/ledger-cli')).toEqual([expect.stringContaining(GEMINI.strict)])

  expect(await fingerprint(stores.root)).toEqual(before)
})

test('a Claude Code session shows its turns, its timeline with the failed test run, and opens its sub-agent', async ({
  ui,
  page,
  stores,
}) => {
  const before = await fingerprint(stores.root)
  await openWithTurns(ui, CLAUDE.vat, [
    ["it's off by a cent now and then", 'the total should be net + vat'],
    ['Does the credit-note path have the same problem?'],
  ])

  // Turn 1: Task (the sub-agent), Read, Edit, Bash (failed), Edit, Bash; turn 2: Grep.
  for (const [tool, duration] of [
    ['Task', '8.0 s'],
    ['Read', '355 ms'],
    ['Edit', '320 ms'],
    ['Edit', '434 ms'],
    ['Bash', '6.9 s'],
  ] as const) {
    await expect(ui.toolCall(tool, { duration, error: false }, ui.turn(1)).first(), `${tool} ${duration}`).toBeAttached()
  }
  await expect(ui.toolCall('Bash', { duration: '7.4 s', error: true }, ui.turn(1)).first()).toBeVisible()
  await expect(ui.toolCall('Grep', { duration: '637 ms', error: false }, ui.turn(2)).first()).toBeAttached()
  const failed = await ui.toolCall('Bash', { duration: '7.4 s', error: true }).count()
  await expect(ui.failedToolCalls(), 'only the failed npm test is marked "error"').toHaveCount(failed)
  await expect(ui.turn(1).getByText('sub-agent', { exact: true })).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('claude-session.png'), fullPage: true })

  // The sub-agent opens on its own, its prompt the Task's, and names the session that started it.
  // Its row, a level below the session rows that ui.openSession looks for, shows once the parent's is expanded.
  await expect(ui.session(CLAUDE.vat)).toHaveAttribute('aria-expanded', 'false')
  await ui.session(CLAUDE.vat).press('ArrowRight')
  await expect(ui.session(CLAUDE.vat)).toHaveAttribute('aria-expanded', 'true')
  const agentRow = ui.tree.getByRole('treeitem', { level: 4, name: new RegExp(`^${CLAUDE.agent}`) })
  await agentRow.click()
  await agentRow.press('Enter')
  await expect(agentRow).toHaveAttribute('aria-selected', 'true')
  await expect(ui.turns()).toHaveCount(1)
  await expect(ui.turn(1)).toContainText('Find every place in this repository where VAT')
  await expect(ui.toolCall('Grep', { error: false }, ui.turn(1)).first()).toBeAttached()
  await expect(ui.toolCall('Read', { error: false }, ui.turn(1)).first()).toBeAttached()
  await expect(page.getByText('Sub-agent of')).toBeVisible()
  await expect(page.getByText('claude-haiku-4-5-20251001')).toBeVisible()

  expect(await fingerprint(stores.root)).toEqual(before)
})

test('a Codex CLI rollout shows its two prompts, its calls and the reproduction that exited with 101', async ({ ui, page, stores }) => {
  const before = await fingerprint(stores.root)
  await openWithTurns(ui, CODEX.bom, [
    ['I think the file starts with a BOM', 'cargo test import passes (7 tests)'],
    ['Add a line to CHANGELOG.md too.'],
  ])
  await expect(ui.toolCall('shell_command', { duration: '3.4 s', error: true }, ui.turn(1)).first()).toBeVisible()
  await expect(ui.toolCall('shell_command', { duration: '12 s', error: false }, ui.turn(1)).first()).toBeAttached()
  await expect(ui.toolCall('apply_patch', { error: false }, ui.turn(1)).first()).toBeAttached()
  await expect(ui.toolCall('apply_patch', { error: false }, ui.turn(2)).first()).toBeAttached()
  await expect(ui.failedToolCalls(ui.turn(2))).toHaveCount(0)
  await expect(page.getByText('gpt-5.1-codex')).toBeVisible()
  await expect(page.getByText('input 76,787 (includes 64,384 cached) · output 946')).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('codex-session.png'), fullPage: true })

  // The other rollout is titled by its thread name from session_index.jsonl.
  await ui.openSession(CODEX.payouts)
  await expect(ui.turn(1)).toContainText("when Stripe sends a payout in a currency we don't bill in")
  await expect(ui.failedToolCalls()).toHaveCount(0)

  expect(await fingerprint(stores.root)).toEqual(before)
})

test('a Gemini CLI session shows its turns, the failed replace and the durations taken from the call ids', async ({ ui, page, stores }) => {
  const before = await fingerprint(stores.root)
  await openWithTurns(ui, GEMINI.theme, [
    ['Can you make it remember?', "I'll keep it in localStorage"],
    ['Does that flash the light theme before React loads?'],
  ])
  await expect(ui.toolCall('read_file', { duration: '38 ms', error: false }, ui.turn(1)).first()).toBeAttached()
  await expect(ui.toolCall('replace', { duration: '61 ms', error: true }, ui.turn(1)).first()).toBeVisible()
  await expect(ui.toolCall('replace', { duration: '2.1 s', error: false }, ui.turn(1)).first()).toBeAttached()
  await expect(ui.toolCall('run_shell_command', { duration: '4.9 s', error: false }, ui.turn(1)).first()).toBeAttached()
  await expect(ui.failedToolCalls(ui.turn(2))).toHaveCount(0)
  await expect(page.getByText('gemini-2.5-pro')).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('gemini-session.png'), fullPage: true })

  expect(await fingerprint(stores.root)).toEqual(before)
})
