import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_LINE_BYTES } from '../../../../src-main/core/jsonl'
import type { SessionSummary } from '../../../../src-shared/model'
import { ClaudeLog, writeClaudeSession } from '../../../support/claude-fixtures'
import { Rollout, writeRollout } from '../../../support/codex-fixtures'
import { makeTempDir, removeDir } from '../../../support/fixtures'
import { geminiMeta, geminiReply, geminiTokens, geminiUser, writeGeminiJsonl } from '../../../support/gemini-fixtures'
import { bundleCli, runMeasured } from '../../../support/measure-cli'

// One enormous message (a 60 MB paste) in an agent log must not take the listing down: the CLI
// lists a store holding one such log per JSONL format in a separate process, whose peak resident
// memory is measured. The files are generated here and deleted afterwards.

const MiB = 1024 * 1024
const HUGE_BYTES = 60 * MiB
const seconds = (ms: number) => (ms / 1000).toFixed(1)
const RSS_LIMIT = 300 * 1024 * 1024

let dir: string
let cli: string

beforeAll(async () => {
  dir = await makeTempDir('huge-line')
  cli = await bundleCli(dir)
})
afterAll(() => removeDir(dir))

const at = (n: number) => new Date(Date.parse('2026-11-05T09:00:00Z') + n * 1000).toISOString()

interface Stores {
  claude: string
  codex: string
  gemini: string
  /** The session holding the huge line, per store. */
  huge: { claude: string; codex: string; gemini: string }
}

async function writeStores(huge: string): Promise<Stores> {
  const claude = join(dir, 'claude', 'projects')
  const normal = new ClaudeLog({ cwd: '/home/dev/huge' }).prompt('A normal session')
  normal.response({ text: 'Fine.' })
  await writeClaudeSession(claude, '-home-dev-huge', normal)
  const big = new ClaudeLog({ cwd: '/home/dev/huge' }).prompt(`Paste of the build log\n${huge}`)
  big.response({ text: 'That is long.', usage: { input: 12, output: 3 } })
  await writeClaudeSession(claude, '-home-dev-huge', big)
  // Just under the size parsed whole, and all one line of text: the title takes only its start.
  const long = new ClaudeLog({ cwd: '/home/dev/huge' }).prompt('y'.repeat(MAX_LINE_BYTES - 1024))
  long.response({ text: 'Long.' })
  await writeClaudeSession(claude, '-home-dev-huge', long)

  const codex = join(dir, 'codex')
  const rollout = (n: string, prompt: string) => new Rollout({ id: `019a0000-0000-7000-8000-00000000000${n}` }).prompt(prompt).answer('Ok.')
  await writeRollout(codex, rollout('1', 'A normal rollout'), { stamp: '2026-11-05T09-00-00' })
  await writeRollout(codex, rollout('2', `Paste of the build log\n${huge}`), { stamp: '2026-11-05T10-00-00' })

  const gemini = join(dir, 'gemini', 'tmp')
  const reply = (id: string, n: number) => geminiReply({ id, text: 'Fine.', timestamp: at(n), tokens: geminiTokens(10, 2) })
  await writeGeminiJsonl(gemini, 'huge', 'session-2026-11-05T09-00-aaaaaaaa.jsonl', [
    geminiMeta({ sessionId: 'aaaaaaaa-1' }),
    geminiUser('u1', 'A normal chat', at(1)),
    reply('g1', 2),
  ])
  await writeGeminiJsonl(gemini, 'huge', 'session-2026-11-05T10-00-bbbbbbbb.jsonl', [
    geminiMeta({ sessionId: 'bbbbbbbb-2' }),
    geminiUser('u1', `Paste of the build log\n${huge}`, at(3)),
    reply('g2', 4),
  ])
  return { claude, codex, gemini, huge: { claude: big.sessionId, codex: '019a0000-0000-7000-8000-000000000002', gemini: 'bbbbbbbb-2' } }
}

describe('an agent log holding one huge message', () => {
  let stores: Stores
  beforeAll(async () => {
    stores = await writeStores('build output line\\n'.repeat(HUGE_BYTES / 19))
  }, 120_000)
  const env = () => ({ SESSIONSCOPE_DATA_DIR: join(dir, 'data'), HOME: dir })

  it('lists in bounded memory, with the huge sessions titled from the start of their message', async () => {
    const run = await runMeasured(cli, ['list', stores.claude, stores.codex, stores.gemini, '--json'], env())
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const { sessions, problems } = JSON.parse(run.stdout) as { sessions: SessionSummary[]; problems: unknown[] }
    expect(problems).toEqual([])
    const titles = sessions.map((s) => [s.format, s.title, s.turns]).sort()
    expect(titles).toEqual(
      [
        ['claude', 'A normal session', 1],
        ['claude', 'Paste of the build log', 1],
        ['claude', `${'y'.repeat(159)}…`, 1],
        ['codex', 'A normal rollout', 1],
        ['codex', 'Paste of the build log', 1],
        ['gemini', 'A normal chat', 1],
        ['gemini', 'Paste of the build log', 1],
      ].sort(),
    )
    expect(sessions.find((s) => s.format === 'claude' && s.title.startsWith('Paste'))?.tokens).toMatchObject({ input: 12, output: 3 })
    const peak = (run.peakRssBytes / MiB).toFixed(0)
    console.log(`3 logs with a ${HUGE_BYTES / MiB} MB line listed in ${seconds(run.ms)} s, peak RSS ${peak} MB`)
    expect(run.peakRssBytes).toBeLessThan(RSS_LIMIT)
  }, 240_000)

  it('shows each huge session in bounded memory, its long message cut and marked', async () => {
    for (const format of ['claude', 'codex', 'gemini'] as const) {
      const run = await runMeasured(cli, ['show', stores[format], stores.huge[format], '--json'], env())
      expect([format, run.code, run.stderr]).toEqual([format, 0, ''])
      const { turns } = JSON.parse(run.stdout) as { turns: Array<{ user: { text: string } | null }> }
      const asked = turns[0]?.user?.text ?? ''
      expect(asked.startsWith('Paste of the build log\nbuild output line')).toBe(true)
      expect(asked.length).toBeLessThan(25_000)
      expect(asked).toMatch(/… \(\d+ more (characters|bytes not read)\)$/)
      const peak = (run.peakRssBytes / MiB).toFixed(0)
      console.log(`${format}: the session with a ${HUGE_BYTES / MiB} MB line shown in ${seconds(run.ms)} s, peak RSS ${peak} MB`)
      expect(run.peakRssBytes).toBeLessThan(RSS_LIMIT)
    }
  }, 240_000)
})
