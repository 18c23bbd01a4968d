import { readdir, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LineReader, foldJsonl } from '../../../../../src-main/core/jsonl'
import { ENVELOPE_MIN_BYTES, readEnvelope } from '../../../../../src-main/core/formats/claude/envelope'
import { foldSummaryLine, newState } from '../../../../../src-main/core/formats/claude/fold'
import { NO_SUMMARIES } from '../../../../../src-main/core/formats/claude/summaries'
import { makeTempDir, removeDir } from '../../../../support/fixtures'
import { repoPath } from '../../../../support/repo'

// The summary fold's envelope read of long lines (envelope.ts) against the ordinary read: the
// same state and the same line counts, on every real Claude Code sample and on hostile lines.

const SAMPLE_ROOTS = ['/work/shared/samples/claude-code', repoPath('resources', 'samples', 'claude')]

let dir: string
beforeAll(async () => {
  dir = await makeTempDir('claude-envelope')
})
afterAll(() => removeDir(dir))

async function logsBelow(root: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.jsonl')) out.push(join(entry.parentPath, entry.name))
  }
  return out.sort()
}

/** Folds a file as the summary does, with the given read of its lines. */
async function fold(path: string, readLine: LineReader | undefined) {
  const agentFile = basename(path).startsWith('agent-')
  const { state, stats } = await foldJsonl(
    path,
    () => newState(NO_SUMMARIES.version),
    (s, value, line) => foldSummaryLine(s, value, line, agentFile, NO_SUMMARIES),
    {
      readLine,
    },
  )
  return { state, stats }
}

/** Every line through the envelope, however short, and how many of them it took. */
function everyLine(): { reader: LineReader; taken: () => number } {
  let taken = 0
  return {
    reader: (bytes) => {
      const result = readEnvelope(bytes, 0)
      if (result) taken++
      return result
    },
    taken: () => taken,
  }
}

async function expectSame(path: string): Promise<number> {
  const ordinary = await fold(path, undefined)
  const all = everyLine()
  expect(await fold(path, all.reader)).toEqual(ordinary)
  expect(await fold(path, (bytes) => readEnvelope(bytes))).toEqual(ordinary)
  return all.taken()
}

describe('the envelope read of a Claude Code line', () => {
  it('folds every real sample to the state the whole lines give', async () => {
    const files = (await Promise.all(SAMPLE_ROOTS.map(logsBelow))).flat()
    expect(files.length).toBeGreaterThan(10)
    let taken = 0
    for (const path of files) taken += await expectSame(path)
    // Most lines are read by the envelope (the rest have non-ASCII text the fold reads).
    expect(taken).toBeGreaterThan(500)
  })

  it('folds truncated and damaged copies of the samples alike', async () => {
    const files = (await Promise.all(SAMPLE_ROOTS.map(logsBelow))).flat()
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    const lines = (await Promise.all(files.map((path) => import('node:fs/promises').then((fs) => fs.readFile(path)))))
      .flatMap((bytes) => bytes.toString('latin1').split('\n'))
      .filter((line) => line.length > 200)
    const damaged: string[] = []
    for (let i = 0; i < 400; i++) {
      const line = lines[Math.floor(random() * lines.length)] as string
      const at = Math.floor(random() * line.length)
      const how = i % 4
      if (how === 0) damaged.push(line.slice(0, at))
      else if (how === 1) damaged.push(line.slice(0, at) + String.fromCharCode(Math.floor(random() * 256)) + line.slice(at + 1))
      else if (how === 2) damaged.push(line.slice(0, at) + line.slice(at + 1))
      else damaged.push(line.slice(0, at) + '\\' + line.slice(at))
    }
    const path = join(dir, 'damaged.jsonl')
    await writeFile(path, Buffer.from(damaged.join('\n') + '\n', 'latin1'))
    const ordinary = await fold(path, undefined)
    expect(ordinary.stats.badLines).toBeGreaterThan(100)
    expect(ordinary.stats.lines).toBeGreaterThan(50)
    expect(await fold(path, everyLine().reader)).toEqual(ordinary)
  })

  it('folds hostile long lines to the state the whole lines give', async () => {
    const pad = 'x'.repeat(ENVELOPE_MIN_BYTES)
    const decoy = `{"type":"user","uuid":"fake","message":{"role":"user","content":"decoy {\\"type\\":\\"assistant\\"}"}} \\" \\\\" \\u0022 }]} ${pad}`
    const base = { parentUuid: null, isSidechain: false, cwd: '/w', sessionId: 's1', timestamp: '2026-01-01T00:00:00Z', gitBranch: 'main' }
    const user = (uuid: string, content: unknown, extra: object = {}) =>
      JSON.stringify({ ...base, type: 'user', uuid, message: { role: 'user', content }, ...extra })
    const assistant = (uuid: string, content: unknown, extra: object = {}) =>
      JSON.stringify({
        ...base,
        type: 'assistant',
        uuid,
        message: { id: `m-${uuid}`, model: 'claude-x', role: 'assistant', content, usage: { input_tokens: 3, output_tokens: 4 } },
        ...extra,
      })
    const result = (id: string, content: unknown, isError: boolean) => ({
      type: 'tool_result',
      tool_use_id: id,
      content,
      is_error: isError,
    })
    const lines = [
      `   ${user('u1', `first prompt ${pad}`)}`,
      assistant('a1', [
        { type: 'text', text: decoy },
        { type: 'tool_use', id: 't1', name: 'Bash', input: { command: decoy } },
      ]),
      user('u2', [result('t1', decoy, true)], {
        toolUseResult: {
          type: 'assistant',
          uuid: 'nested',
          message: { model: 'nested-model', usage: { input_tokens: 1e6 } },
          stdout: decoy,
        },
      }),
      user('u3', [result('t2', [{ type: 'text', text: `café ☕ ${decoy}` }], false)]),
      user('u4', `Prompt with an accent: café, and ${pad}`),
      user('u5', `Prompt with an escaped accent: caf\u00e9 ${pad}`).replace('caf\u00e9', 'caf\\u00e9'),
      user('u6', [
        { type: 'text', text: `typed text ${pad}` },
        { type: 'image', source: { data: pad } },
        { type: 'image', source: { data: pad } },
      ]),
      assistant('a2', [
        {
          type: 'tool_use',
          id: 't3',
          name: 'Task',
          input: { prompt: `Look into it ${pad}`, description: 'Look ☕', subagent_type: decoy },
        },
      ]),
      assistant('a3', [{ type: 'tool_use', id: 't4', name: ['Task'], input: { prompt: `array name ${pad}`, description: 'd' } }]),
      assistant('a4', [{ type: 'tool_use', id: 't5', name: 'Agent', input: { prompt: `über ${pad}`, description: 'd' } }]),
      JSON.stringify({
        ...base,
        type: 'assistant',
        uuid: 'a5',
        requestId: 'r5',
        message: { model: '<synthetic>', content: decoy, usage: { input_tokens: 'many', output_tokens: 9 } },
      }),
      // Duplicate keys: the last one counts, in both reads.
      `{"type":"assistant","uuid":"dup","type":"user","message":{"content":"dup ${pad}","content":"second ${pad}"}}`,
      // Truncated inside a long string, raw control bytes, a bad escape: bad lines.
      user('u7', [result('t6', decoy, false)]).slice(0, ENVELOPE_MIN_BYTES + 100),
      user('u8', [result('t7', `${decoy}\tTAB`, false)]).replace('\\tTAB', '\tTAB'),
      user('u9', [result('t8', `${decoy} bad escape`, false)]).replace('bad escape', '\\x bad escape'),
      `{"type":"user","uuid":"nul","message":{"content":"${pad}\u0000"}}`,
      // Not an object, or a sidechain of a sub-agent.
      JSON.stringify([base, decoy]),
      JSON.stringify({
        ...base,
        type: 'user',
        uuid: 's1',
        isSidechain: true,
        agentId: 'ag',
        message: { role: 'user', content: `Look into it ${pad}` },
      }),
      JSON.stringify({
        ...base,
        type: 'assistant',
        uuid: 's2',
        parentUuid: 's1',
        isSidechain: true,
        message: { id: 'ms2', model: 'claude-y', content: [{ type: 'tool_use', name: 'Read', input: {} }] },
      }),
      JSON.stringify({ type: 'custom-title', customTitle: `My title ${pad}` }),
      JSON.stringify({ type: 'ai-title', aiTitle: `Titre généré ${pad}` }),
      JSON.stringify({ type: 'last-prompt', lastPrompt: `last ${pad}`, timestamp: '2026-02-01T00:00:00Z' }),
      JSON.stringify({ ...base, type: 'user', uuid: 'meta', isMeta: true, message: { content: `meta ${pad}` }, slug: 'a-slug', cwd: 'ü' }),
      JSON.stringify({
        ...base,
        type: 'user',
        uuid: 'deep',
        message: { content: [{ type: 'tool_result', content: JSON.parse('['.repeat(3000) + ']'.repeat(3000)) }] },
      }),
    ]
    const path = join(dir, 'hostile.jsonl')
    // Invalid UTF-8 inside a tool output (valid JSON either way) and inside a prompt.
    const invalid = Buffer.concat([Buffer.from(user('u10', [result('t9', `${decoy} BAD`, false)]).replace(' BAD', ''), 'utf8')])
    const badUtf8 = Buffer.from(invalid.toString('latin1').replace(decoy.slice(0, 10), '\u00ff\u00fe\u0080'), 'latin1')
    const badPrompt = Buffer.from(user('u11', `bad bytes ${pad} HERE`).replace(' HERE', '\u00c3\u0028'), 'latin1')
    await writeFile(
      path,
      Buffer.concat([
        Buffer.from(lines.join('\n') + '\n', 'utf8'),
        badUtf8,
        Buffer.from('\n'),
        badPrompt,
        Buffer.from('\n'),
        Buffer.from(lines[0] as string),
      ]),
    )
    const ordinary = await fold(path, undefined)
    expect(ordinary.stats.badLines).toBe(4)
    expect(ordinary.stats.nulLines).toBe(1)
    expect(ordinary.state.main.errors).toBe(1)
    expect(ordinary.state.tasks.size).toBe(3)
    const all = everyLine()
    expect(await fold(path, all.reader)).toEqual(ordinary)
    expect(all.taken()).toBeGreaterThan(15)
    expect(await fold(path, (bytes) => readEnvelope(bytes))).toEqual(ordinary)
  })
})
