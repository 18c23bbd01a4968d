import { appendFile, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../../../../src-shared/model'
import { defaultStores } from '../../../../src-main/core/stores'
import { makeTempDir, removeDir } from '../../../support/fixtures'
import { waitFor } from '../../../support/wait-for'
import { type IndexBatch, SessionIndex } from '../../../../src-main/core/watch/session-index'

// The agents' append-only logs grow while they run: the index follows each append as a change.

let dir: string
let index: SessionIndex | null
beforeEach(async () => {
  dir = await makeTempDir('agent-watch')
  index = null
})
afterEach(async () => {
  await index?.close()
  await removeDir(dir)
})

const SESSION = '3f333df6-90a4-4fda-8dd3-9485d27cee36'
const line = (value: Record<string, unknown>) =>
  `${JSON.stringify({ sessionId: SESSION, cwd: '/home/dev/app', version: '2.1.7', userType: 'external', isSidechain: false, ...value })}\n`
const prompt = (n: number) =>
  line({
    type: 'user',
    uuid: `u${n}`,
    parentUuid: n > 1 ? `a${n - 1}` : null,
    timestamp: `2026-11-21T10:0${n}:00.000Z`,
    message: { role: 'user', content: `Prompt ${n}` },
  })
const answer = (n: number) =>
  line({
    type: 'assistant',
    uuid: `a${n}`,
    parentUuid: `u${n}`,
    timestamp: `2026-11-21T10:0${n}:05.000Z`,
    message: {
      id: `msg_${n}`,
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: `Answer ${n}` }],
      usage: { input_tokens: 1, output_tokens: 1 },
    },
  })

describe('watching agent logs', () => {
  it('reports a Claude Code session as it is created and as turns are appended', async () => {
    const root = join(dir, '.claude', 'projects')
    const project = join(root, '-home-dev-app')
    await mkdir(project, { recursive: true })
    const batches: IndexBatch[] = []
    index = new SessionIndex([{ format: 'claude', root }], { reconcileIntervalMs: 0 })
    index.subscribe((batch) => batches.push(batch))
    await index.start()
    const path = join(project, `${SESSION}.jsonl`)
    await writeFile(path, prompt(1) + answer(1))
    await waitFor('the new session', () => batches.flatMap((b) => b.events).find((e) => e.type === 'added' && e.id === SESSION))
    // Half a line, as an agent mid-write leaves it: no failure, and the whole turn once complete.
    const next = prompt(2) + answer(2)
    await appendFile(path, next.slice(0, 40))
    await appendFile(path, next.slice(40))
    await waitFor('the appended turn', () => batches.flatMap((b) => b.events).find((e) => e.type === 'changed' && e.session.turns === 2))
    expect(index.snapshot().sessions.map((s) => [s.id, s.turns])).toEqual([[SESSION, 2]])
    expect(index.snapshot().problems).toEqual([])
  })

  it("finds the agents' default stores under home and their environment variables", async () => {
    const home = join(dir, 'home')
    await mkdir(join(home, '.claude', 'projects'), { recursive: true })
    await mkdir(join(home, '.gemini', 'tmp'), { recursive: true })
    const codexHome = join(dir, 'elsewhere', 'codex')
    await mkdir(join(codexHome, 'sessions'), { recursive: true })
    const stores = await defaultStores(home, { CODEX_HOME: codexHome })
    expect(stores).toEqual<Store[]>([
      { format: 'claude', root: join(home, '.claude', 'projects') },
      { format: 'gemini', root: join(home, '.gemini', 'tmp') },
      { format: 'codex', root: codexHome },
    ])
    const custom = join(dir, 'claude-config')
    await mkdir(join(custom, 'projects'), { recursive: true })
    expect((await defaultStores(home, { CLAUDE_CONFIG_DIR: custom })).find((s) => s.format === 'claude')?.root).toBe(
      join(custom, 'projects'),
    )
  })
})
