// The progress bar's store against the real service in this process: a cold start over a store
// big enough to take a few batches builds the search index in the background, and the renderer's
// copy of its progress follows it to the end, whether it subscribed before the build began or
// connected half-way (and asked).
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { IndexProgressView } from '../../../src-shared/contract'
import { nextProgress } from '../../../src-renderer/src/state/index-progress'
import { startProgressSync } from '../../../src-renderer/src/sync/progress-sync'
import { type InProcessClient, startInProcessClient } from '../doubles/in-process-client'
import { ClaudeLog, writeClaudeSession } from '../../support/claude-fixtures'
import { waitFor } from '../../support/wait-for'

let client: InProcessClient | null = null
afterEach(async () => {
  await client?.close()
  client = null
})

/** A Claude Code home of `count` sessions (the indexer writes 200 files a batch). */
async function claudeHome(dir: string, count: number): Promise<string> {
  const home = join(dir, 'claude')
  for (let i = 0; i < count; i++) {
    const log = new ClaudeLog({ cwd: `/work/app-${i % 3}` })
    log.prompt(`Task ${i}: ${'read the build output and explain it '.repeat(150)}`)
    log.response({ text: `Done with task ${i}.` })
    await writeClaudeSession(join(home, 'projects'), `-work-app-${i % 3}`, log)
  }
  return home
}

describe('the index progress through the contract', () => {
  it('follows a cold build from the first report it gets to finished, then shows nothing', async () => {
    client = await startInProcessClient({ stores: async (dir) => [await claudeHome(dir, 600)] })
    const shown: Array<IndexProgressView | null> = []
    let current: IndexProgressView | null = null
    const stop = startProgressSync(client, (incoming) => {
      current = nextProgress(current, incoming)
      shown.push(current)
    })
    try {
      await waitFor('the bar, then its end', () => shown.some((view) => view !== null) && current === null, 60_000)
      expect(await client.getIndexProgress()).toBeNull()
      const views = shown.filter((view): view is IndexProgressView => view !== null)
      for (const view of views) {
        expect(view).toMatchObject({ phase: 'texts', files: 600, finished: false })
        expect(view.done).toBeLessThanOrEqual(view.files)
        expect(view.doneBytes).toBeLessThanOrEqual(view.bytes)
      }
      for (let i = 1; i < views.length; i++)
        expect((views[i] as IndexProgressView).done).toBeGreaterThanOrEqual((views[i - 1] as IndexProgressView).done)
      expect(shown.at(-1)).toBeNull()
    } finally {
      stop()
    }
  })
})
