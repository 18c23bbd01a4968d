import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listStores } from '../../../src-main/core/listing'
import type { Store, StoreFormat } from '../../../src-shared/model'
import { ClaudeLog, writeClaudeSession } from '../../support/claude-fixtures'
import { Rollout, rolloutName, writeRollout } from '../../support/codex-fixtures'
import {
  aoDocument,
  astridDocument,
  makeTempDir,
  oxiosDocument,
  removeDir,
  writeAo,
  writeAstrid,
  writeFileDeep,
  writeOxios,
} from '../../support/fixtures'
import { geminiMeta, geminiReply, geminiUser, writeGeminiJsonl } from '../../support/gemini-fixtures'

// Issue 8: generated malformed files in every format (truncation, byte flips, wrong types,
// invalid UTF-8, BOM, NUL, huge lines). The listing must not crash nor hang, must list or report
// every file that holds bytes, and must keep listing the good session of each store intact.

const T0 = '2026-09-01T00:00:00.000Z'
const VARIANTS_PER_FORMAT = 90

/** A deterministic generator, so a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

function uuid(n: number): string {
  const hex = n.toString(16).padStart(12, '0')
  return `aaaaaaaa-0000-4000-8000-${hex}`
}

interface FormatCase {
  format: StoreFormat
  /** Writes the good session; returns its id and bytes. */
  good(root: string): Promise<{ id: string; path: string }>
  /** Where the n-th malformed file goes. */
  place(root: string, n: number): string
  /** Whether the format is a JSON document per file (wrong-type mutations apply to it). */
  document: boolean
}

const CASES: FormatCase[] = [
  {
    format: 'oxios',
    good: async (root) => ({ id: 'good', path: await writeOxios(root, oxiosDocument({ id: 'good', projectId: 'web' })) }),
    place: (root, n) => join(root, `fuzz-${n}.json`),
    document: true,
  },
  {
    format: 'astrid',
    good: async (root) => ({ id: uuid(1), path: await writeAstrid(root, astridDocument({ id: uuid(1), workspacePath: '/src/site' })) }),
    place: (root, n) => join(root, `${uuid(1000 + n)}.json`),
    document: true,
  },
  {
    format: 'ao',
    good: async (root) => ({ id: 'good', path: await writeAo(root, aoDocument({ id: 'good', projectId: 'api' })) }),
    place: (root, n) => join(root, 'fuzz', `fuzz-${n}.yaml`),
    document: false,
  },
  {
    format: 'claude',
    good: async (root) => {
      const log = new ClaudeLog({ sessionId: uuid(2), cwd: '/home/dev/shop' })
      log.prompt('Fix the total')
      log.response({ text: 'Looking.', tools: [{ name: 'Read', input: { file_path: 'a.ts' } }] })
      log.response({ text: 'Done.' })
      return { id: uuid(2), path: await writeClaudeSession(root, '-home-dev-shop', log) }
    },
    place: (root, n) => join(root, '-home-dev-fuzz', `${uuid(2000 + n)}.jsonl`),
    document: false,
  },
  {
    format: 'codex',
    good: async (root) => {
      const rollout = new Rollout({ id: '019a0000-1111-7222-8333-000000000001' })
        .turnContext('gpt-5.5')
        .taskStarted()
        .prompt('Hi')
        .answer('Done.')
        .taskComplete()
      return { id: rollout.id, path: await writeRollout(root, rollout) }
    },
    place: (root, n) =>
      join(
        root,
        'sessions',
        '2026',
        '11',
        '06',
        rolloutName(`019a0000-1111-7222-8333-${(3000 + n).toString(16).padStart(12, '0')}`, '2026-11-06T10-00-00'),
      ),
    document: false,
  },
  {
    format: 'gemini',
    good: async (root) => {
      const id = uuid(3)
      const path = await writeGeminiJsonl(root, 'shop', `session-2026-09-01T00-00-${id.slice(0, 8)}.jsonl`, [
        geminiMeta({ sessionId: id, projectPath: '/home/dev/shop', startTime: T0, lastUpdated: T0 }),
        geminiUser('u1', 'Fix the total', T0),
        geminiReply({ id: 'g1', text: 'Done.', timestamp: T0, tokens: null }),
      ])
      return { id, path }
    },
    place: (root, n) => join(root, 'fuzz', 'chats', `session-2026-09-01T00-00-f${n.toString(16).padStart(7, '0')}.jsonl`),
    document: false,
  },
]

type Mutation = (bytes: Buffer, rnd: () => number) => Buffer

const at = (bytes: Buffer, rnd: () => number) => Math.floor(rnd() * bytes.length)

const MUTATIONS: Array<[string, Mutation]> = [
  ['truncate', (b, rnd) => b.subarray(0, Math.max(1, at(b, rnd)))],
  [
    'flip',
    (b, rnd) => {
      const out = Buffer.from(b)
      for (let i = 0; i < 1 + Math.floor(rnd() * 4); i++) {
        const where = at(out, rnd)
        out[where] = (out[where] as number) ^ (1 << Math.floor(rnd() * 8))
      }
      return out
    },
  ],
  [
    'invalid-utf8',
    (b, rnd) => {
      const i = at(b, rnd)
      return Buffer.concat([b.subarray(0, i), Buffer.from([0xc3, 0x28, 0xff]), b.subarray(i)])
    },
  ],
  ['bom', (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b])],
  [
    'nul',
    (b, rnd) => {
      const i = at(b, rnd)
      return Buffer.concat([b.subarray(0, i), Buffer.alloc(1 + Math.floor(rnd() * 64)), b.subarray(i)])
    },
  ],
  ['all-nul', (b) => Buffer.alloc(b.length)],
  [
    'huge-string',
    (b) => {
      // A 3 MB string where the first string value starts.
      const text = b.toString('utf8')
      const i = text.indexOf('"', text.indexOf(':') + 1)
      return Buffer.from(i < 0 ? text : `${text.slice(0, i + 1)}${'x'.repeat(3_000_000)}${text.slice(i + 1)}`)
    },
  ],
  [
    'wrong-types',
    (b, rnd) => {
      // Replaces values with values of other types, line by line (JSONL) or in the document.
      const swap = (value: unknown): unknown => {
        if (value === null || typeof value !== 'object') return rnd() < 0.3 ? [[{}], 7, 'x', null, true][Math.floor(rnd() * 5)] : value
        if (Array.isArray(value)) return rnd() < 0.2 ? { length: value.length } : value.map(swap)
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v)]))
      }
      const text = b.toString('utf8')
      try {
        return Buffer.from(JSON.stringify(swap(JSON.parse(text)), null, 2))
      } catch {
        return Buffer.from(
          text
            .split('\n')
            .map((line) => {
              try {
                return JSON.stringify(swap(JSON.parse(line)))
              } catch {
                return line
              }
            })
            .join('\n'),
        )
      }
    },
  ],
  ['whitespace', (b) => Buffer.from(' \r\n\t'.repeat(Math.max(1, Math.floor(b.length / 4))))],
]

let base: string
beforeAll(async () => {
  base = await makeTempDir('fuzz')
})
afterAll(() => removeDir(base))

describe('generated malformed files', () => {
  let total = 0
  afterAll(() => {
    expect(total).toBeGreaterThanOrEqual(500)
  })

  it.each(CASES.map((c) => [c.format, c] as const))(
    '%s: no crash, no hang, every file listed or reported, the good session intact',
    async (_name, testCase) => {
      const root = join(base, testCase.format)
      const good = await testCase.good(root)
      const seed = await readFile(good.path)
      const rnd = random(0x5e55 + testCase.format.length * 7919)
      const written: string[] = []
      for (let n = 0; n < VARIANTS_PER_FORMAT; n++) {
        const [, mutate] = MUTATIONS[n % MUTATIONS.length] as [string, Mutation]
        const bytes = mutate(seed, rnd)
        if (bytes.length === 0) continue
        const path = testCase.place(root, n)
        await writeFileDeep(path, bytes)
        written.push(path)
      }
      total += written.length
      const store: Store = { format: testCase.format, root }
      // A hang fails here rather than at the test timeout, with what was being listed.
      const listing = await Promise.race([
        listStores([store], { archived: true }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${testCase.format}: the listing did not finish`)), 60_000)),
      ])
      const goodSession = listing.sessions.find((s) => s.path === good.path)
      expect(goodSession?.id).toBe(good.id)
      // Mutated copies keep the good session's id: ao-rs reports that clash on every file with the id.
      expect(listing.problems.find((p) => p.path === good.path)?.reason ?? 'none').toMatch(/^none$|same id/)
      const seen = new Set([...listing.sessions.map((s) => s.path), ...listing.problems.map((p) => p.path)])
      const unaccounted = written.filter((path) => !seen.has(path))
      // What stays out of both lists is what the formats name as not sessions (an agent log with no
      // conversation in it); a whole-file format has no such case.
      if (testCase.document || testCase.format === 'ao') expect(unaccounted).toEqual([])
      else expect(unaccounted.length).toBeLessThan(written.length / 3)
      for (const problem of listing.problems) expect(problem.reason).not.toMatch(/\n/)
    },
  )
})
