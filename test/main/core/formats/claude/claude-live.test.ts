import { appendFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../../../../../src-shared/model'
import { ClaudeLog, writeClaudeSession } from '../../../../support/claude-fixtures'
import { makeTempDir, removeDir } from '../../../../support/fixtures'
import type { SessionFile } from '../../../../../src-main/core/formats/format'
import { claudeFormat } from '../../../../../src-main/core/formats/claude/index'
import { foldSummary } from '../../../../../src-main/core/formats/claude/fold'
import { summaryFromFold } from '../../../../../src-main/core/formats/claude/session-summary'

// Logs are appended while the agent runs: a read may end in the middle of a line, and the next
// read of a file that only grew starts where the last one stopped.

let dir: string
let store: Store

beforeEach(async () => {
  dir = await makeTempDir('claude-live')
  store = { format: 'claude', root: join(dir, 'projects') }
})
afterEach(() => removeDir(dir))

async function fileOf(path: string): Promise<SessionFile> {
  const info = await stat(path)
  return { path, archived: false, size: info.size, mtimeMs: info.mtimeMs }
}

async function summarizeWithFold(path: string) {
  const file = await fileOf(path)
  const folded = await foldSummary(file)
  return { summary: await summaryFromFold(store, file, folded), resumed: folded.fold.resumed }
}

describe('Claude Code logs being written', () => {
  it('skips and counts a cut-off last line without failing, and reads it once it is complete', async () => {
    const log = new ClaudeLog()
    log.prompt('One')
    log.response({ text: 'Answer one' })
    log.prompt('Two')
    const whole = log.toString()
    const cut = whole.length - 25
    const path = await writeClaudeSession(store.root, 'p', whole.slice(0, cut), log.sessionId)
    const first = await summarizeWithFold(path)
    expect(first.summary.turns).toBe(1)
    const detail = await claudeFormat.load(store, await fileOf(path))
    expect(detail.skippedLines).toBe(1)
    expect(detail.turns).toHaveLength(1)
    await appendFile(path, whole.slice(cut))
    const second = await summarizeWithFold(path)
    expect(second.resumed).toBe(true)
    expect(second.summary.turns).toBe(2)
    expect((await claudeFormat.load(store, await fileOf(path))).skippedLines).toBe(0)
  })

  it('reads only what was appended since the last read, and the summary follows', async () => {
    const log = new ClaudeLog()
    log.prompt('Start')
    const [bash] = log.response({ tools: [{ name: 'Bash', input: { command: 'ls' } }], usage: { output: 10 } })
    const path = await writeClaudeSession(store.root, 'p', log)
    const before = await summarizeWithFold(path)
    expect([before.summary.turns, before.summary.steps, before.summary.tokens?.output, before.resumed]).toEqual([1, 1, 10, false])
    const written = log.lines.length
    log.result(bash as string, 'error!', { isError: true })
    log.response({ text: 'Failed.', usage: { output: 5 } })
    log.prompt('Again')
    await appendFile(
      path,
      log.lines
        .slice(written)
        .map((line) => `${JSON.stringify(line)}\n`)
        .join(''),
    )
    const after = await summarizeWithFold(path)
    expect(after.resumed).toBe(true)
    expect([after.summary.turns, after.summary.steps, after.summary.errors, after.summary.tokens?.output]).toEqual([2, 1, 1, 15])
    expect(after.summary.updatedAt).toBe(log.now())
    // Unchanged since: nothing new to read.
    expect((await summarizeWithFold(path)).summary).toEqual(after.summary)
  })

  it('reads a rewritten log again from the start, shorter or different', async () => {
    const log = new ClaudeLog()
    log.prompt('First version')
    log.response({ text: 'a' })
    log.prompt('More')
    const path = await writeClaudeSession(store.root, 'p', log)
    expect((await summarizeWithFold(path)).summary.turns).toBe(2)
    const shorter = new ClaudeLog({ sessionId: log.sessionId })
    shorter.prompt('Rewritten')
    await writeFile(path, shorter.toString())
    const reread = await summarizeWithFold(path)
    expect(reread.resumed).toBe(false)
    expect([reread.summary.title, reread.summary.turns]).toEqual(['Rewritten', 1])
    // Longer, but with a different start: not an append either.
    const longer = new ClaudeLog({ sessionId: log.sessionId })
    for (const text of ['Other', 'b', 'c', 'd']) longer.prompt(text)
    await writeFile(path, longer.toString())
    const other = await summarizeWithFold(path)
    expect(other.resumed).toBe(false)
    expect([other.summary.title, other.summary.turns]).toEqual(['Other', 4])
  })

  it('notices a rewrite past the first bytes: a line inserted in the middle, the file longer than before', async () => {
    const log = new ClaudeLog()
    log.prompt(`Start ${'x'.repeat(8_000)}`)
    log.response({ text: 'a' })
    log.prompt('Middle')
    log.response({ text: 'b' })
    const path = await writeClaudeSession(store.root, 'p', log)
    expect((await summarizeWithFold(path)).summary.turns).toBe(2)
    const lines = log.toString().split('\n')
    const inserted = new ClaudeLog({ sessionId: log.sessionId })
    inserted.prompt('Inserted')
    lines.splice(2, 0, inserted.toString().trimEnd())
    await writeFile(path, lines.join('\n'))
    const reread = await summarizeWithFold(path)
    expect(reread.resumed).toBe(false)
    expect(reread.summary.turns).toBe(3)
  })
})
