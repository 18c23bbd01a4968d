// Find in the open session: Ctrl+F opens a bar over the session, typing counts the matches in the
// prompts, replies and tool calls, Enter and Shift+Enter walk them (scrolling to each one's turn,
// outlined, a tool call's details opened with the match marked), Escape closes the bar.

import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '../fixtures'
import { SAMPLE } from '../support/disk'
import { REPO_ROOT } from '../support/environment'

const { proration } = SAMPLE.oxios

test('Ctrl+F finds a word in the open session, Enter walks the matches, Escape closes', async ({ ui, page, shellKind }) => {
  await expect(ui.store('Oxios')).toBeVisible()
  await ui.openSession(proration.title)
  await ui.openFind()
  await ui.typeFind('ROUNDING')
  await expect(ui.findCount()).toHaveText('1 of 7')

  await page.keyboard.press('Enter')
  await page.keyboard.press('Enter')
  await expect(ui.findCount()).toHaveText('3 of 7')
  await expect(ui.findCurrentTurn()).toHaveCount(1)
  await expect(ui.findCurrentTurn()).toBeInViewport()
  // The third is in turn 1's reply (Markdown: the message is outlined, its text not marked).
  await expect(ui.findCurrentTurn()).toHaveAttribute('aria-label', 'Turn 1')
  await expect(ui.activeFindMatch()).toHaveCount(0)

  // Back to the second: in a tool call's output, whose details open with the match marked.
  await page.keyboard.press('Shift+Enter')
  await expect(ui.findCount()).toHaveText('2 of 7')
  await expect(ui.activeFindMatch()).toHaveText('Rounding')
  await expect(ui.activeFindMatch()).toBeInViewport()
  await expect(ui.turn(1).getByRole('region', { name: /^Tool call \d+: / })).toContainText('RoundingStrategy')

  // Previous from the first wraps around to the last.
  await page.keyboard.press('Shift+Enter')
  await page.keyboard.press('Shift+Enter')
  await expect(ui.findCount()).toHaveText('7 of 7')
  await page.keyboard.press('F3')
  await expect(ui.findCount()).toHaveText('1 of 7')
  await page.keyboard.press('Enter')

  if (shellKind === 'browser') {
    await mkdir(join(REPO_ROOT, 'docs'), { recursive: true })
    await page.screenshot({ path: join(REPO_ROOT, 'docs', 'find.png'), animations: 'disabled', caret: 'hide' })
  }

  await page.keyboard.press('Escape')
  await expect(ui.findBar()).toBeHidden()
  await expect(ui.findCurrentTurn()).toHaveCount(0)
  await expect(ui.findMatches()).toHaveCount(0)
})
