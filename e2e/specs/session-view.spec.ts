// Opening a session shows its turns and a timeline of its tool calls, with durations, the failed
// call marked; opening it changes nothing on disk.

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '../fixtures'
import { SAMPLE } from '../support/disk'

// The proration session: 3 turns, 16 tool calls; the 6th call (shell, 8420 ms) failed.
const TOOL_CALLS: Array<[tool: string, duration: string]> = [
  ['grep', '48 ms'],
  ['read_file', '41 ms'],
  ['read_file', '44 ms'],
  ['read_file', '52 ms'],
  ['write_file', '63 ms'],
  ['read_file', '43 ms'],
  ['write_file', '71 ms'],
  ['shell', '57 ms'],
  ['write_file', '66 ms'],
  ['shell', '8.9 s'],
  ['shell', '7.4 s'],
  ['grep', '46 ms'],
  ['read_file', '42 ms'],
  ['web_fetch', '1.2 s'],
  ['shell', '4.0 s'],
]

test('opening a session shows its turns and a timeline with durations and the failed call marked', async ({ ui, stores }) => {
  const path = join(stores.oxiosSessions, `${SAMPLE.oxios.proration.id}.json`)
  const bytes = await readFile(path)

  await ui.openSession(SAMPLE.oxios.proration.title)
  await expect(ui.session(SAMPLE.oxios.proration.title)).toHaveAttribute('aria-selected', 'true')

  // Three turns, each with its user message.
  await expect(ui.turns()).toHaveCount(3)
  await expect(ui.turn(1)).toContainText('Customers who upgrade mid-cycle are being invoiced')
  await expect(ui.turn(2)).toContainText('Keep separate credit and charge lines')
  await expect(ui.turn(3)).toContainText('Does the Stripe webhook reconciliation')

  // The failed call: shell, 8.4 s, marked as an error, and it is the only one marked.
  const failed = ui.toolCall('shell', { duration: '8.4 s', error: true })
  await expect(failed.first()).toBeVisible()
  const failedCount = await failed.count()
  await expect(ui.failedToolCalls(), 'only the failed call is marked "error"').toHaveCount(failedCount)

  // Every other call shows its tool and duration, without the error mark.
  for (const [tool, duration] of TOOL_CALLS) {
    await expect(ui.toolCall(tool, { duration, error: false }).first(), `${tool} ${duration}`).toBeAttached()
  }

  // Timelines are per turn: the failed call is in the first turn's, the web fetch in the third's.
  await expect(ui.toolCall('shell', { duration: '8.4 s', error: true }, ui.turn(1)).first()).toBeAttached()
  await expect(ui.toolCall('web_fetch', { duration: '1.2 s', error: false }, ui.turn(3)).first()).toBeAttached()
  await expect(ui.failedToolCalls(ui.turn(2))).toHaveCount(0)

  // Reading a session writes nothing.
  expect(await readFile(path)).toEqual(bytes)
})
