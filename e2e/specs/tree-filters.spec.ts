// The tree's filters and sort: agent:, is:error and a date range narrow the tree, typed or chosen
// in the Filters popover (which writes the same text into the filter box); a malformed filter is
// a message; the sort orders the sessions within each project and is remembered.

import { join } from 'node:path'
import { expect, test } from '../fixtures'
import { SAMPLE, fingerprint } from '../support/disk'
import { REPO_ROOT } from '../support/environment'

test.use({ sampleHomes: ['claude', 'codex', 'gemini', 'oxios'] })

const CLAUDE = {
  vat: 'Some EU customers get invoices where the VAT line and the net lines',
  agent: 'Find where invoice VAT is computed',
  changelog: 'Changelog: VAT total fix',
  anchors: '`npm run build` warns about broken anchors on the webhooks page',
}
const CODEX = { bom: '`ledger import` panics on a CSV exported from my bank', payouts: 'Payouts in currencies we do not bill in' }
const GEMINI = { theme: 'The dark mode toggle forgets its setting', strict: 'What does `ledger reconcile --strict` check' }
const OXIOS = SAMPLE.oxios
const ALL = [
  ...Object.values(CLAUDE),
  ...Object.values(CODEX),
  ...Object.values(GEMINI),
  ...Object.values(OXIOS).map((sample) => sample.title),
]

test('agent:, is:error and a date range narrow the tree, typed or chosen in the Filters popover', async ({
  ui,
  page,
  stores,
  shellKind,
}) => {
  const before = await fingerprint(stores.root)
  await expect(ui.store('Codex CLI')).toBeVisible()
  await ui.expandAll()
  const shown = () => ui.sessionTitlesShown(ALL)
  await expect.poll(shown).toHaveLength(ALL.length)

  // By agent, from the popover: the box shows the syntax the choice wrote.
  const popover = await ui.openFilters()
  await popover.getByRole('checkbox', { name: 'Codex CLI' }).check()
  await expect(ui.filterBox()).toHaveValue('agent:codex')
  await expect.poll(shown).toEqual([CODEX.payouts, CODEX.bom])
  await expect(ui.filtersButton()).toHaveAccessibleName('Filters, 1 active')
  await popover.getByRole('checkbox', { name: 'Gemini CLI' }).check()
  await expect(ui.filterBox()).toHaveValue('agent:codex|gemini')
  await expect.poll(shown).toEqual(expect.arrayContaining([GEMINI.strict, GEMINI.theme, CODEX.payouts, CODEX.bom]))
  expect(await shown()).toHaveLength(4)
  // Escape closes the popover and gives the focus back to its button.
  await page.keyboard.press('Escape')
  await expect(ui.filtersPopover()).toBeHidden()
  await expect(ui.filtersButton()).toBeFocused()
  // The keyboard alone: Enter opens it on its first choice, Space checks it.
  await page.keyboard.press('Enter')
  await expect(ui.filtersPopover().getByRole('checkbox', { name: 'Claude Code' })).toBeFocused()
  await page.keyboard.press('Space')
  await expect(ui.filterBox()).toHaveValue('agent:codex|gemini|claude')
  await expect(ui.filtersButton()).toHaveAccessibleName('Filters, 1 active')
  await page.keyboard.press('Escape')
  await expect(ui.filtersPopover()).toBeHidden()

  // is:error, typed: only sessions with a failed tool call (the Claude Code sub-agent has none).
  await ui.filterBox().fill('is:error')
  await expect
    .poll(shown)
    .toEqual(
      expect.arrayContaining([
        CLAUDE.vat,
        CLAUDE.anchors,
        CODEX.bom,
        GEMINI.theme,
        OXIOS.csvExport.title,
        OXIOS.proration.title,
        OXIOS.docsBuild.title,
        OXIOS.diskSpace.title,
      ]),
    )
  expect(await shown()).toHaveLength(8)
  // Words still narrow as before, with the filter.
  await ui.filterBox().fill('is:error ledger')
  await expect.poll(shown).toEqual(expect.arrayContaining([CODEX.bom, OXIOS.csvExport.title]))
  expect(await shown()).toHaveLength(2)

  // A date range from the popover: From and To are whole days, To included (before: the next day).
  await ui.filterBox().fill('')
  const dates = await ui.openFilters()
  await dates.getByLabel('From').fill('2026-11-12')
  await dates.getByLabel('To').fill('2026-11-19')
  await expect(ui.filterBox()).toHaveValue('after:2026-11-12 before:2026-11-20')
  await expect
    .poll(shown)
    .toEqual(expect.arrayContaining([CLAUDE.anchors, CODEX.payouts, GEMINI.strict, OXIOS.csvExport.title, OXIOS.proration.title]))
  expect(await shown()).toHaveLength(5)
  if (shellKind === 'browser') {
    await dates.getByRole('checkbox', { name: 'Only sessions with errors' }).check()
    await expect(ui.filterBox()).toHaveValue('after:2026-11-12 before:2026-11-20 is:error')
    // The pane's head with the popover open, and the top of the tree below it.
    const pane = await page.getByRole('complementary', { name: 'Session stores' }).boundingBox()
    const box = await dates.boundingBox()
    if (pane && box) {
      const clip = { x: pane.x, y: pane.y, width: pane.width, height: box.y + box.height + 120 - pane.y }
      await page.screenshot({ path: join(REPO_ROOT, 'docs', 'tree-filters.png'), clip, animations: 'disabled', caret: 'hide' })
    }
    await dates.getByRole('checkbox', { name: 'Only sessions with errors' }).uncheck()
  }
  await dates.getByRole('button', { name: 'Clear filters' }).click()
  await expect(ui.filterBox()).toHaveValue('')
  await expect.poll(shown).toHaveLength(ALL.length)

  // A malformed filter is a message beside the box, never an error; the rest of the text applies.
  await ui.filterBox().fill('agent:cursor payouts')
  await expect(ui.filterMessage()).toHaveText(/^agent:cursor is not an agent of the open stores \(/)
  await expect(ui.filterBox()).toHaveAttribute('aria-invalid', 'true')
  await expect.poll(shown).toEqual([CODEX.payouts])
  await ui.filterBox().fill('')
  await expect(ui.filterMessage()).toHaveText('')

  expect(await fingerprint(stores.root)).toEqual(before)
})

test('the sort orders the sessions within each project, and is remembered', async ({ ui, page }) => {
  await expect(ui.store('Claude Code')).toBeVisible()
  const titles = Object.values(CLAUDE)
  const billing = async () =>
    (await ui.sessionNames('Claude Code', '/home/dana/src/billing-api')).map((name) => titles.find((title) => name.startsWith(title)))
  // Newest update first by default.
  await expect(ui.sortSelect()).toHaveValue('updated')
  await expect.poll(billing).toEqual([CLAUDE.changelog, CLAUDE.vat])
  const projectsBefore = await ui.projectNames('Claude Code')

  await ui.sortSelect().selectOption({ label: 'Size' })
  await expect.poll(billing).toEqual([CLAUDE.vat, CLAUDE.changelog])
  // The projects keep their places.
  expect(await ui.projectNames('Claude Code')).toEqual(projectsBefore)
  await ui.sortSelect().selectOption({ label: 'Created' })
  await expect.poll(billing).toEqual([CLAUDE.changelog, CLAUDE.vat])
  await ui.sortSelect().selectOption({ label: 'Errors' })
  await expect.poll(billing).toEqual([CLAUDE.vat, CLAUDE.changelog])

  // The choice outlives a reload.
  await page.reload()
  await expect(page.locator('html[data-app-ready="true"]')).toBeAttached({ timeout: 45_000 })
  await expect(ui.sortSelect()).toHaveValue('errors')
  await expect.poll(billing).toEqual([CLAUDE.vat, CLAUDE.changelog])
})
