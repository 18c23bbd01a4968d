import { spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Listing, SessionDetail } from '../../../../src-shared/model'
import { bundleChildScript } from '../../../support/child-script'
import {
  aoDocument,
  astridDocument,
  makeTempDir,
  oxiosDocument,
  removeDir,
  writeAo,
  writeAstrid,
  writeOxios,
} from '../../../support/fixtures'
import { geminiLegacyRecord, geminiReply, geminiTokens, geminiUser, writeGeminiLegacy } from '../../../support/gemini-fixtures'
import { HUGE, writeWithHugeValue } from '../../../support/huge-files'
import { repoPath } from '../../../support/repo'

// One enormous message in a whole-file format (Oxios, Astrid, Gemini CLI's legacy .json, ao-rs
// YAML) must not take the listing down: the CLI runs as a child process on a store of each
// format holding one such file beside ordinary sessions, and reports its own peak RSS.

const MB = 1024 * 1024
const HUGE_BYTES = 100 * MB
const RSS_LIMIT = 300 * MB

let dir: string
let cli: string
let preload: string

beforeAll(async () => {
  dir = await makeTempDir('whole-file-memory')
  cli = await bundleChildScript('cli', dir, repoPath('src-main', 'cli', 'main.ts'))
  preload = join(dir, 'report-rss.cjs')
  // maxRSS is the kernel's own high-water mark, so no peak between two samples is missed.
  await writeFile(preload, "process.on('exit', () => process.stderr.write(`\\nmaxrss-kb=${process.resourceUsage().maxRSS}\\n`))\n")
}, 60_000)
afterAll(() => removeDir(dir))

interface Run {
  code: number | null
  stdout: string
  stderr: string
  peakRss: number
}

function runCli(args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const env = { ...process.env, HOME: join(dir, 'home'), SESSIONSCOPE_DATA_DIR: join(dir, 'data') }
    const child = spawn(process.execPath, ['--require', preload, cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk) => (stderr += String(chunk)))
    child.on('error', fail)
    child.on('exit', (code) => {
      const rss = /maxrss-kb=(\d+)/.exec(stderr)
      done({ code, stdout: Buffer.concat(out).toString('utf8'), stderr, peakRss: rss ? Number(rss[1]) * 1024 : Number.NaN })
    })
  })
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`

describe('whole-file sessions holding one enormous value', () => {
  const stores = {
    oxios: () => join(dir, 'oxios', 'sessions'),
    astrid: () => join(dir, 'astrid', 'sessions'),
    ao: () => join(dir, 'ao-rs', 'sessions'),
    gemini: () => join(dir, 'gemini', 'tmp'),
  }
  const ids = {
    oxiosHuge: '0e4a1b7c-0000-4000-8000-000000000001',
    oxiosSmall: '0e4a1b7c-0000-4000-8000-000000000002',
    astridHuge: 'a5a1d000-0000-4000-8000-000000000001',
    astridSmall: 'a5a1d000-0000-4000-8000-000000000002',
    aoHuge: 'a0a0a0a0-0000-4000-8000-000000000001',
    aoSmall: 'a0a0a0a0-0000-4000-8000-000000000002',
    geminiHuge: 'cafe0001-0000-4000-8000-000000000001',
    geminiSmall: 'cafe0002-0000-4000-8000-000000000002',
  }
  let aoHugePath: string

  beforeAll(async () => {
    const oxios = oxiosDocument({
      id: ids.oxiosHuge,
      turns: [{ user: `Read this log:\n${HUGE}`, agent: 'Done', steps: [{ tool: 'shell' }] }],
    })
    await writeWithHugeValue(join(stores.oxios(), `${ids.oxiosHuge}.json`), JSON.stringify(oxios, null, 2), HUGE_BYTES)
    await writeOxios(stores.oxios(), oxiosDocument({ id: ids.oxiosSmall, turns: [{ user: 'A small one', agent: 'Yes' }] }))

    const astrid = astridDocument({
      id: ids.astridHuge,
      messages: [
        { role: 'user', content: 'Dump the database' },
        { role: 'assistant', content: [{ id: 'toolu_1', name: 'db:dump', arguments: { table: 'all' } }] },
        { role: 'tool', content: { call_id: 'toolu_1', content: HUGE, is_error: false } },
        { role: 'assistant', content: 'Dumped' },
      ],
    })
    await writeWithHugeValue(join(stores.astrid(), `${ids.astridHuge}.json`), JSON.stringify(astrid, null, 2), HUGE_BYTES)
    await writeAstrid(stores.astrid(), astridDocument({ id: ids.astridSmall }))

    aoHugePath = join(stores.ao(), 'demo', `${ids.aoHuge}.yaml`)
    await writeWithHugeValue(aoHugePath, stringify(aoDocument({ id: ids.aoHuge, task: HUGE })), HUGE_BYTES)
    await writeAo(stores.ao(), aoDocument({ id: ids.aoSmall, task: 'Small task' }))

    const at = (s: number) => new Date(Date.parse('2026-11-01T10:00:00Z') + s * 1000).toISOString()
    const gemini = geminiLegacyRecord({
      sessionId: ids.geminiHuge,
      messages: [
        geminiUser('u1', `Summarise ${HUGE}`, at(1)),
        geminiReply({ id: 'g1', text: 'Summary', timestamp: at(2), tokens: geminiTokens(7, 3) }),
      ],
    })
    await writeWithHugeValue(
      join(stores.gemini(), 'p', 'chats', 'session-2026-11-01T10-00-cafe0001.json'),
      JSON.stringify(gemini, null, 2),
      HUGE_BYTES,
    )
    await writeGeminiLegacy(
      stores.gemini(),
      'p',
      'session-2026-11-01T11-00-cafe0002.json',
      geminiLegacyRecord({
        sessionId: ids.geminiSmall,
        messages: [geminiUser('u1', 'Hello', at(3)), geminiReply({ id: 'g1', text: 'Hi', timestamp: at(4) })],
      }),
    )
  }, 120_000)

  it('lists every store with bounded memory, listing or reporting the huge files', async () => {
    const run = await runCli(['list', ...Object.values(stores).map((root) => root()), '--json'])
    console.log(`list of four stores, each with a 100 MB session: exit ${run.code}, peak RSS ${mb(run.peakRss)}`)
    expect(run.code, run.stderr.slice(-2000)).toBe(0)
    const listing = JSON.parse(run.stdout) as Listing
    const byId = new Map(listing.sessions.map((session) => [session.id, session]))
    for (const id of [ids.oxiosSmall, ids.astridSmall, ids.aoSmall, ids.geminiSmall]) expect(byId.has(id), id).toBe(true)
    expect(byId.get(ids.oxiosHuge)).toMatchObject({ title: 'Read this log:', turns: 1, steps: 1 })
    expect(byId.get(ids.astridHuge)).toMatchObject({ title: 'Dump the database', turns: 1, steps: 1 })
    expect(byId.get(ids.geminiHuge)).toMatchObject({ turns: 1, tokens: { input: 7, output: 3 } })
    expect(byId.get(ids.geminiHuge)?.title.startsWith('Summarise xxx')).toBe(true)
    expect(byId.get(ids.geminiHuge)?.title.length).toBeLessThanOrEqual(160)
    expect(listing.problems).toEqual([{ path: aoHugePath, reason: 'larger than the 16 MB limit for an ao-rs session file' }])
    expect(run.peakRss).toBeLessThan(RSS_LIMIT)
  }, 240_000)

  it('shows the 100 MB Oxios session with bounded memory, its huge message cut and marked', async () => {
    const run = await runCli(['show', stores.oxios(), ids.oxiosHuge, '--json'])
    console.log(`show of a 100 MB Oxios session: exit ${run.code}, peak RSS ${mb(run.peakRss)}`)
    expect(run.code, run.stderr.slice(-2000)).toBe(0)
    const detail = JSON.parse(run.stdout) as SessionDetail
    const text = detail.turns[0]?.user?.text ?? ''
    // Compared piecewise: a failure must not print a 100 MB string.
    expect(text.slice(0, 18)).toBe('Read this log:\nxxx')
    expect(text.length).toBeLessThan(1 * MB)
    expect(text.slice(-40)).toMatch(/xxx… \(\d+ more characters\)$/)
    expect(detail.turns[0]?.steps).toHaveLength(1)
    expect(run.peakRss).toBeLessThan(RSS_LIMIT)
  }, 240_000)
})
