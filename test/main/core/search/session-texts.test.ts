import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FORMAT_LIST } from '../../../../src-main/core/formats/registry'
import { listStores, loadSession } from '../../../../src-main/core/listing'
import { MAX_TOOL_TEXT, searchTextsOf } from '../../../../src-main/core/search/session-texts'
import type { SessionDetail } from '../../../../src-shared/model'
import { makeTempDir, removeDir } from '../../../support/fixtures'
import { copySampleStores } from '../../../support/sample-stores'
import { summary } from '../../../support/summaries'

let dir: string
beforeEach(async () => {
  dir = await makeTempDir('search-texts')
})
afterEach(() => removeDir(dir))

describe('the searchable texts of a session', () => {
  it('are every prompt, reply, tool name, argument and output of every sample session, each where it was said', async () => {
    const formats = FORMAT_LIST.map((module) => module.format)
    const roots = await copySampleStores(dir, formats)
    const listing = await listStores(
      roots.map((root, i) => ({ format: formats[i] as string, root })),
      { archived: true },
    )
    expect(listing.sessions.length).toBeGreaterThan(10)
    for (const session of listing.sessions) {
      const detail = await loadSession(session, listing.sessions)
      const texts = searchTextsOf(detail)
      const prompts = detail.turns.filter((turn) => turn.user?.text.trim()).length
      const steps = detail.turns.reduce((sum, turn) => sum + turn.steps.length, 0)
      expect(
        texts.filter((t) => t.field === 'prompt'),
        session.path,
      ).toHaveLength(prompts)
      expect(
        texts.filter((t) => t.field === 'tool'),
        session.path,
      ).toHaveLength(steps)
      for (const text of texts) {
        const turn = detail.turns[text.turn]
        expect(turn, session.path).toBeDefined()
        if (text.step === null) expect(['prompt', 'reply']).toContain(text.field)
        else expect(turn?.steps[text.step]?.tool).toBe(text.tool)
        expect(text.text.trim()).not.toBe('')
      }
      // A failed call's texts say so, for is:error.
      const failed = detail.turns.flatMap((turn) => turn.steps.filter((step) => step.isError)).length
      expect(texts.filter((t) => t.field === 'tool' && t.isError)).toHaveLength(failed)
    }
  })

  it('keeps the start and the end of a huge output, cut at character boundaries, and the prompt and the reply whole', () => {
    const emoji = '😀'
    const half = MAX_TOOL_TEXT / 2
    const huge = `${'x'.repeat(half - 1)}${emoji}${'y'.repeat(100_000)}${emoji}${'z'.repeat(half - 1)} FAILED: 1 test`
    const detail: SessionDetail = {
      session: summary('s'),
      turns: [
        {
          index: 0,
          user: { text: 'Why is the build red?', at: '2026-11-01T10:00:00.000Z' },
          agent: { text: 'The lockfile was stale.', at: '2026-11-01T10:05:00.000Z' },
          steps: [
            { id: 'a', tool: 'Bash', args: { command: 'npm test' }, output: huge, at: null, durationMs: 10, isError: true },
            { id: 'b', tool: 'Read', args: null, output: '   ', at: null, durationMs: null, isError: false },
          ],
        },
      ],
    }
    const texts = searchTextsOf(detail)
    expect(texts.map((t) => [t.field, t.step])).toEqual([
      ['prompt', null],
      ['tool', 0],
      ['args', 0],
      ['output', 0],
      ['tool', 1],
      ['reply', null],
    ])
    const output = texts.find((t) => t.field === 'output')?.text ?? ''
    const [head, tail] = output.split('\n…\n') as [string, string]
    // The emoji across each cut is left out whole, never halved.
    expect(head).toBe('x'.repeat(half - 1))
    expect(tail.endsWith('FAILED: 1 test')).toBe(true)
    expect(tail.length).toBeLessThanOrEqual(half)
    expect(tail.includes('\uFFFD') || /[\uDC00-\uDFFF]/.test(tail[0] as string)).toBe(false)
    expect(texts.find((t) => t.field === 'args')?.text).toBe('{"command":"npm test"}')
    expect(texts[0]).toMatchObject({ at: '2026-11-01T10:00:00.000Z', tool: null, isError: false })
    expect(texts[1]).toMatchObject({ tool: 'Bash', isError: true })
  })
})
