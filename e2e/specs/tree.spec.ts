// The tree lists the sample stores, their projects with session counts, and each session under
// its project; listing writes nothing into the stores.

import { expect, test } from '../fixtures'
import { SAMPLE, fingerprint } from '../support/disk'

test('the tree lists the sample stores with their projects and session counts', async ({ ui, stores }) => {
  const before = await fingerprint(stores.root)

  for (const label of ['Oxios', 'Astrid', 'ao-rs'] as const) await expect(ui.store(label), `the ${label} store row`).toBeVisible()
  await expect(ui.store('Oxios')).toHaveAttribute('aria-expanded', 'true')

  await expect.poll(() => ui.projectCounts('Oxios')).toEqual({ 'billing-api': 1, 'docs-site': 1, 'ledger-cli': 1, Unfiled: 1 })
  await expect.poll(() => ui.projectCounts('Astrid')).toEqual({ 'billing-api': 1, 'docs-site': 1, Unfiled: 1 })
  // The archived ao-rs session is hidden until asked for.
  await expect.poll(() => ui.projectCounts('ao-rs')).toEqual({ 'billing-api': 2, 'docs-site': 1 })

  // Every session sits under its own project, with its title in its row's name.
  for (const [label, samples] of [
    ['Oxios', SAMPLE.oxios],
    ['Astrid', SAMPLE.astrid],
    ['ao-rs', SAMPLE.ao],
  ] as const) {
    for (const sample of Object.values(samples)) {
      if ('archived' in sample) continue
      await expect
        .poll(async () => (await ui.sessionNames(label, sample.project)).some((name) => name.includes(sample.title)), {
          message: `${label}: "${sample.title}" under ${sample.project ?? 'Unfiled'}`,
        })
        .toBe(true)
    }
  }
  await expect(ui.session(SAMPLE.ao.changelog.title)).toHaveCount(0)
  // Project rows carry aria-level 2 and session rows aria-level 3.
  await expect(ui.session(SAMPLE.oxios.proration.title)).toHaveAttribute('aria-level', '3')

  // Show archived brings the archived ao-rs session back, under its project.
  await ui.setShowArchived(true)
  await expect
    .poll(async () => (await ui.sessionNames('ao-rs', 'docs-site')).some((name) => name.includes(SAMPLE.ao.changelog.title)))
    .toBe(true)
  await ui.setShowArchived(false)
  await expect(ui.session(SAMPLE.ao.changelog.title)).toHaveCount(0)

  // The filter narrows the tree to matching sessions.
  await ui.filterBox().fill('proration')
  await expect(ui.session(SAMPLE.oxios.proration.title)).toBeVisible()
  await expect(ui.session(SAMPLE.oxios.csvExport.title)).toHaveCount(0)
  await ui.filterBox().fill('')
  await expect(ui.session(SAMPLE.oxios.csvExport.title)).toBeVisible()

  // Listing and browsing wrote nothing into the stores.
  expect(await fingerprint(stores.root)).toEqual(before)
})
