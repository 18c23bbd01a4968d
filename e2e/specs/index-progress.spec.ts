// The search index's first build, on a store big enough that it takes a visible while: a slim bar
// under the toolbar says how far it has got (files, bytes, rate, time left) and goes when it is
// done, and meanwhile the tree and the session view work as ever.

import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test as base } from '../fixtures'
import { SAMPLE, SETTLED_TIME } from '../support/disk'
import { REPO_ROOT } from '../support/environment'
import type { IndexProgressView } from '../../src-shared/contract'

const { proration, csvExport } = SAMPLE.oxios

/** Sessions added to the Oxios sample store, each about 40 KB: enough that the build takes seconds. */
const BULK = 1_500

const test = base.extend<{ progressReports: IndexProgressView[] }>({
  // What the browser shell's socket carries to the page, as the test sees it from outside (the
  // page is given nothing new): the indexProgress events, from the first socket on.
  progressReports: [
    async ({ context }, use) => {
      const reports: IndexProgressView[] = []
      context.on('page', (page) =>
        page.on('websocket', (socket) =>
          socket.on('framereceived', ({ payload }) => {
            const message = JSON.parse(String(payload)) as { type?: string; name?: string; payload?: IndexProgressView }
            if (message.type === 'event' && message.name === 'indexProgress' && message.payload) reports.push(message.payload)
          }),
        ),
      )
      await use(reports)
    },
    { auto: true },
  ],
  // The sample stores plus BULK copies of one Oxios session in a project of their own.
  stores: async ({ stores }, use) => {
    const template = JSON.parse(await readFile(join(stores.oxiosSessions, `${csvExport.id}.json`), 'utf8')) as {
      user_messages: Array<{ content: string }>
    }
    const padding = ` Context from the ledger's changelog: ${'posting, payee, amount, currency; '.repeat(1_000)}`
    for (let i = 0; i < BULK; i++) {
      const id = `bulk-${String(i).padStart(5, '0')}-0000-4000-8000-000000000000`
      const [first, ...rest] = template.user_messages
      const doc = {
        ...template,
        id,
        project_id: 'bulk-import',
        user_messages: [{ ...first, content: `Bulk import ${i}: ${first?.content ?? ''}${padding}` }, ...rest],
      }
      const path = join(stores.oxiosSessions, `${id}.json`)
      await writeFile(path, JSON.stringify(doc))
      await utimes(path, SETTLED_TIME, SETTLED_TIME)
    }
    await use(stores)
  },
})

test('a cold start shows the index build’s progress without blocking the tree, then hides it', async ({
  ui,
  page,
  shellKind,
  progressReports,
}) => {
  // Writing the big store and building its index take a while on a slow machine.
  test.slow()
  const bar = page.getByRole('progressbar', { name: 'Indexing for search' })
  await expect(bar, 'the build of a cold index is under way when the page is ready').toBeVisible()

  // Sane numbers: some of the files, a rate and a time left once anything is read.
  const label = page.locator('.index-progress-label')
  await expect(label).toHaveText(/^Indexing for search: [\d,]+ of 1,5\d\d files · /)
  const text = (await label.textContent()) ?? ''
  const [, done, files] = /: ([\d,]+) of ([\d,]+) files/.exec(text) ?? []
  expect(Number(done?.replace(/,/g, ''))).toBeLessThanOrEqual(Number(files?.replace(/,/g, '')))
  const value = Number(await bar.getAttribute('value'))
  expect(value).toBeGreaterThanOrEqual(0)
  expect(value).toBeLessThanOrEqual(100)
  expect(await bar.getAttribute('max')).toBe('100')

  // The tree and the session view work meanwhile: the bar takes no pointer and covers nothing.
  await ui.openSession(proration.title)
  await expect(ui.session(proration.title)).toHaveAttribute('aria-selected', 'true')

  if (shellKind === 'browser' && (await bar.isVisible())) {
    await expect(label).toHaveText(/MB\/s · about .+ left$/)
    await mkdir(join(REPO_ROOT, 'docs'), { recursive: true })
    await page.screenshot({ path: join(REPO_ROOT, 'docs', 'index-progress.png'), animations: 'disabled', caret: 'hide' })
  }

  // Done: the bar goes, and search answers from the whole index.
  await expect(bar).toBeHidden({ timeout: 150_000 })
  if (shellKind === 'browser') {
    // The bar went because the run's finished report crossed, everything read.
    const last = progressReports.at(-1)
    expect(last).toMatchObject({ phase: 'texts', finished: true })
    expect(last?.done).toBe(last?.files)
    expect(last?.doneBytes).toBe(last?.bytes)
    for (const report of progressReports) expect(report.startedAt).toBe(last?.startedAt)
  }
  await ui.openSearch()
  await ui.typeSearch('"Bulk import 1499"')
  await expect(ui.searchGroups()).toHaveCount(1)
})
