import { spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SessionSummary } from '../../../../src-shared/model'
import { bundleChildScript } from '../../../support/child-script'
import { makeTempDir, removeDir } from '../../../support/fixtures'

// A Claude Code session past V8's string limit (~512 MB): it must list with bounded memory. The
// file is generated here, read by a separate process whose heap is capped far below the file's
// size (so holding it whole would crash it), and deleted afterwards.

const TARGET_BYTES = 620 * 1024 * 1024
const HEAP_LIMIT_MB = 160
const SESSION = '7c9e6679-7425-40de-944b-e07fc1f90ae7'

let dir: string
let script: string

beforeAll(async () => {
  dir = await makeTempDir('large')
  script = await bundleChildScript('summarize-file', dir)
})
afterAll(() => removeDir(dir))

function line(value: unknown): string {
  return `${JSON.stringify(value)}\n`
}

/** Writes turns of a prompt, a tool call and its result until the file passes TARGET_BYTES; returns the turns. */
async function generate(path: string): Promise<number> {
  const out = createWriteStream(path)
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())))
  const output = 'x'.repeat(200 * 1024)
  let bytes = 0
  let turn = 0
  let parent: string | null = null
  const base = Date.parse('2026-11-01T00:00:00Z')
  while (bytes < TARGET_BYTES) {
    const at = (n: number) => new Date(base + turn * 10_000 + n).toISOString()
    const envelope = {
      sessionId: SESSION,
      cwd: '/home/dev/big',
      version: '2.1.7',
      gitBranch: 'main',
      isSidechain: false,
      userType: 'external',
    }
    const prompt = {
      ...envelope,
      type: 'user',
      uuid: `u-${turn}`,
      parentUuid: parent,
      timestamp: at(0),
      message: { role: 'user', content: `Prompt number ${turn}` },
    }
    const call = {
      ...envelope,
      type: 'assistant',
      uuid: `a-${turn}`,
      parentUuid: `u-${turn}`,
      timestamp: at(1000),
      message: {
        id: `msg_${turn}`,
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5-20250929',
        content: [{ type: 'tool_use', id: `toolu_${turn}`, name: 'Bash', input: { command: 'cat big.log' } }],
        stop_reason: 'tool_use',
        usage: { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
      },
    }
    const result = {
      ...envelope,
      type: 'user',
      uuid: `r-${turn}`,
      parentUuid: `a-${turn}`,
      timestamp: at(2500),
      message: {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: `toolu_${turn}`, content: output, is_error: turn % 100 === 0 }],
      },
    }
    for (const text of [line(prompt), line(call), line(result)]) {
      await write(text)
      bytes += Buffer.byteLength(text)
    }
    parent = `r-${turn}`
    turn++
  }
  // The agent was killed mid-write: the last line is cut off.
  await write('{"type":"assistant","uuid":"cut","message":{"content":[{"type":"text","text":"unfini')
  await new Promise<void>((r) => out.end(() => r()))
  return turn
}

function summarize(path: string): Promise<{ session: SessionSummary; peakRss: number }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_LIMIT_MB}`, script, 'claude', dir, path], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += String(chunk)))
    child.stderr.on('data', (chunk) => (stderr += String(chunk)))
    child.on('exit', (code) =>
      code === 0 ? resolvePromise(JSON.parse(stdout)) : reject(new Error(`summarizer exited ${code}: ${stderr}`)),
    )
  })
}

describe('a session file larger than a string can hold', () => {
  it('lists with bounded memory, counting the cut-off last line instead of failing', async () => {
    const projectDir = join(dir, '-home-dev-big')
    const { mkdir } = await import('node:fs/promises')
    await mkdir(projectDir)
    const path = join(projectDir, `${SESSION}.jsonl`)
    const turns = await generate(path)
    const { session, peakRss } = await summarize(path)
    expect(session.bytes).toBeGreaterThan(600 * 1024 * 1024)
    expect(session.turns).toBe(turns)
    expect(session.steps).toBe(turns)
    expect(session.errors).toBe(Math.ceil(turns / 100))
    expect(session.projectPath).toBe('/home/dev/big')
    // Far below the file's size: the file was never held whole.
    expect(peakRss).toBeLessThan(400 * 1024 * 1024)
    console.log(`620 MB session listed with a peak RSS of ${(peakRss / 1024 / 1024).toFixed(0)} MB (heap capped at ${HEAP_LIMIT_MB} MB)`)
  }, 240_000)
})
