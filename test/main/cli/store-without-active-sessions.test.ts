import { utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ClaudeLog, writeClaudeSession } from '../../support/claude-fixtures'
import { Rollout, writeRollout } from '../../support/codex-fixtures'
import {
  aoDocument,
  astridDocument,
  makeTempDir,
  oxiosDocument,
  readTree,
  removeDir,
  writeAo,
  writeAstrid,
  writeOxios,
} from '../../support/fixtures'
import { geminiMeta, geminiReply, geminiSessionName, geminiUser, writeGeminiJsonl } from '../../support/gemini-fixtures'
import { runCli } from '../../support/run-cli'

// Issue 8, item 3: a store whose last session went to the trash (or the archive) is still a store.
// Every store sits at a path that names no agent, so only its content can tell its format.

const OLD = new Date('2026-09-01T00:00:00Z')
const CLAUDE_ID = '11111111-2222-4333-8444-555555555555'
const CODEX_ID = '019a0000-1111-7222-8333-777777777777'
const GEMINI_ID = '22222222-3333-4444-8555-666666666666'
const ASTRID_ID = 'eeeeeeee-0000-4000-8000-000000000009'

const T0 = '2026-09-01T00:00:00.000Z'

const WRITERS: Record<string, { id: string; write: (root: string) => Promise<string> }> = {
  oxios: { id: 'oxios-one', write: (root) => writeOxios(root, oxiosDocument({ id: 'oxios-one', projectId: 'web' })) },
  astrid: { id: ASTRID_ID, write: (root) => writeAstrid(root, astridDocument({ id: ASTRID_ID, workspacePath: '/src/site' })) },
  ao: { id: 'ao-one', write: (root) => writeAo(root, aoDocument({ id: 'ao-one', projectId: 'api' })) },
  claude: {
    id: CLAUDE_ID,
    write: (root) => {
      const log = new ClaudeLog({ sessionId: CLAUDE_ID, cwd: '/home/dev/shop' })
      log.prompt('Fix the total')
      log.response({ text: 'Done.' })
      return writeClaudeSession(root, '-home-dev-shop', log)
    },
  },
  codex: {
    id: CODEX_ID,
    write: (root) =>
      writeRollout(root, new Rollout({ id: CODEX_ID }).turnContext('gpt-5.5').taskStarted().prompt('Hi').answer('Done.').taskComplete()),
  },
  gemini: {
    id: GEMINI_ID,
    write: (root) =>
      writeGeminiJsonl(root, 'shop', geminiSessionName(GEMINI_ID, T0), [
        geminiMeta({ sessionId: GEMINI_ID, projectPath: '/home/dev/shop', startTime: T0, lastUpdated: T0 }),
        geminiUser('u1', 'Fix the total', T0),
        geminiReply({ id: 'g1', text: 'Done.', timestamp: T0, tokens: null }),
      ]),
  },
}

let base: string
beforeAll(async () => {
  base = await makeTempDir('only-trash')
})
afterAll(() => removeDir(base))

function cli(home: string, ...args: string[]) {
  return runCli(args, { HOME: home, SESSIONSCOPE_DATA_DIR: join(home, 'data') })
}

async function storeOf(format: string, label: string): Promise<{ home: string; root: string; id: string }> {
  const home = join(base, `${format}-${label}`)
  const root = join(home, 'copied-store')
  const writer = WRITERS[format] as (typeof WRITERS)[string]
  const path = await writer.write(root)
  await utimes(path, OLD, OLD)
  return { home, root, id: writer.id }
}

describe.each(Object.keys(WRITERS))('a %s store', (format) => {
  it('whose only session is in the trash is still that store: list, restore, list, trash, empty-trash', async () => {
    const { home, root, id } = await storeOf(format, 'trash')
    const trashed = await cli(home, 'trash', root, id, '--json')
    expect(trashed.stderr).toBe('')
    expect(JSON.parse(trashed.stdout).done).toHaveLength(1)

    const listed = await cli(home, 'list', root, '--json')
    expect(listed.stderr).toBe('')
    expect(listed.code).toBe(0)
    expect(JSON.parse(listed.stdout)).toEqual({ sessions: [], problems: [] })

    const restored = await cli(home, 'restore', root, id, '--json')
    expect(restored.stderr).toBe('')
    expect(JSON.parse(restored.stdout).done).toHaveLength(1)
    expect(JSON.parse((await cli(home, 'list', root, '--json')).stdout).sessions.map((s: { id: string }) => s.id)).toEqual([id])

    expect(JSON.parse((await cli(home, 'trash', root, id, '--json')).stdout).done).toHaveLength(1)
    const emptied = await cli(home, 'empty-trash', root, '--yes')
    expect(emptied.stderr).toBe('')
    expect(emptied.code).toBe(0)
    expect(Object.keys(await readTree(root)).filter((path) => path.includes(id))).toEqual([])
  })

  it('whose only session is archived is still that store, for list --all and unarchive', async () => {
    const { home, root, id } = await storeOf(format, 'archive')
    expect(JSON.parse((await cli(home, 'archive', root, id, '--json')).stdout).done).toHaveLength(1)
    const listed = await cli(home, 'list', root, '--all', '--json')
    expect(listed.stderr).toBe('')
    const sessions = JSON.parse(listed.stdout).sessions as Array<{ id: string; archived: boolean }>
    expect(sessions.map((s) => [s.id, s.archived])).toEqual([[id, true]])
    const unarchived = await cli(home, 'unarchive', root, id, '--json')
    expect(unarchived.stderr).toBe('')
    expect(JSON.parse(unarchived.stdout).done).toHaveLength(1)
  })
})
