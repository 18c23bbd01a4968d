// The search box over every open store: opened with Ctrl+K or Ctrl+Shift+F, results as you type,
// grouped by session with the matched words highlighted; a malformed query's message in place;
// Enter or a click opens the session at the hit's turn (and step), highlighted.

import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '../fixtures'
import { SAMPLE } from '../support/disk'
import { REPO_ROOT } from '../support/environment'

const { proration, docsBuild } = SAMPLE.oxios

test('Ctrl+K finds a word in every store, grouped by session, the word highlighted', async ({ ui, page, shellKind }) => {
  await expect(ui.store('Oxios')).toBeVisible()
  await ui.openSearch('Control+K')
  await ui.typeSearch('webhook')

  // Three sessions say it: two Oxios ones and the Astrid one.
  await expect(ui.searchGroups()).toHaveCount(3)
  await expect(ui.searchGroup(proration.title)).toContainText('Oxios · billing-api')
  await expect(ui.searchGroup(SAMPLE.astrid.backoff.title)).toContainText('Astrid')
  const prompt = ui.searchHits(ui.searchGroup(proration.title)).filter({ hasText: 'Prompt · turn 3' })
  await expect(prompt).toHaveCount(1)
  await expect(prompt).toContainText('Does the Stripe webhook reconciliation')
  await expect(ui.highlighted(prompt)).toHaveText(['webhook'])
  await expect(ui.searchDialog()).toContainText('7 matches')
  // The first hit is active, for Enter.
  await expect(ui.searchHits().first()).toHaveAttribute('aria-selected', 'true')

  if (shellKind === 'browser') {
    await mkdir(join(REPO_ROOT, 'docs'), { recursive: true })
    await page.screenshot({ path: join(REPO_ROOT, 'docs', 'search.png'), animations: 'disabled', caret: 'hide' })
  }

  // Escape closes it, and the same shortcut brings it back with the query kept.
  await page.keyboard.press('Escape')
  await expect(ui.searchDialog()).toBeHidden()
  await ui.openSearch('Control+Shift+F')
  await expect(ui.searchBox()).toHaveValue('webhook')
  await expect(ui.searchGroups()).toHaveCount(3)
})

test('a malformed query shows the parser’s message, and the next query works', async ({ ui }) => {
  await expect(ui.store('Oxios')).toBeVisible()
  await ui.openSearch()
  await ui.typeSearch('"webhook')
  await expect(ui.searchError()).toContainText('closing quote')
  await expect(ui.searchHits()).toHaveCount(0)
  await expect(ui.searchBox()).toHaveAttribute('aria-invalid', 'true')

  await ui.typeSearch('after:yesterday-ish')
  await expect(ui.searchError()).toBeVisible()

  await ui.typeSearch('"webhook reconciliation"')
  await expect(ui.searchError()).toBeHidden()
  await expect(ui.searchGroups()).toHaveCount(1)
})

test('Enter opens the active hit’s session scrolled to its turn, highlighted', async ({ ui, page }) => {
  await expect(ui.store('Oxios')).toBeVisible()
  await ui.openSearch()
  await ui.typeSearch('reconciliation in:prompt')
  await expect(ui.searchHits()).toHaveCount(1)
  await expect(ui.searchHits().first()).toContainText('Prompt · turn 3')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')

  await expect(ui.searchDialog()).toBeHidden()
  await expect(ui.session(proration.title)).toHaveAttribute('aria-selected', 'true')
  await expect(ui.turns()).toHaveCount(3)
  // Turn 3 is scrolled to and highlighted; the first turn is scrolled away.
  await expect(ui.turn(3)).toBeInViewport()
  await expect(ui.turn(1)).not.toBeInViewport()
  expect(await ui.isRevealed(ui.turn(3))).toBe(true)
  expect(await ui.isRevealed(ui.turn(1))).toBe(false)
  // Briefly.
  await expect.poll(() => ui.isRevealed(ui.turn(3)), { timeout: 8_000 }).toBe(false)
})

test('a click opens a tool output’s hit at its step, the call’s details shown', async ({ ui }) => {
  await expect(ui.store('Oxios')).toBeVisible()
  await ui.openSearch()
  await ui.typeSearch('webhook')
  const hit = ui.searchHits(ui.searchGroup(docsBuild.title)).filter({ hasText: 'Output · turn 1, step 2' })
  await hit.click()

  await expect(ui.searchDialog()).toBeHidden()
  await expect(ui.session(docsBuild.title)).toHaveAttribute('aria-selected', 'true')
  expect(await ui.isRevealed(ui.turn(1))).toBe(true)
  const details = ui.turn(1).getByRole('region', { name: /^Tool call 2: / })
  await expect(details).toBeVisible()
  await expect(details).toContainText('Document webhook retry limits')
})

test.describe('over the agent logs', () => {
  test.use({ sampleHomes: ['claude', 'codex', 'gemini'] })

  test('a word is found in every format, and agent: keeps one', async ({ ui }) => {
    await expect(ui.store('Codex CLI')).toBeVisible()
    await ui.openSearch()
    await ui.typeSearch('test')
    await expect(ui.searchGroups()).toHaveCount(3)
    for (const label of ['Claude Code', 'Codex CLI', 'Gemini CLI']) {
      await expect(ui.searchGroups().filter({ hasText: label }), label).toHaveCount(1)
    }
    await ui.typeSearch('test agent:codex')
    await expect(ui.searchGroups()).toHaveCount(1)
    await expect(ui.searchGroups().first()).toContainText('Codex CLI')
    await expect(ui.highlighted(ui.searchHits().first())).toHaveText([/^test$/i])
  })
})
