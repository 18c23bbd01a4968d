import { existsSync } from 'node:fs'
import { mkdir, readdir, symlink } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listStores, loadSession } from '../../../../../src-main/core/listing'
import type { SessionSummary, Store } from '../../../../../src-shared/model'
import { makeTempDir, removeDir } from '../../../../support/fixtures'
import { REPO } from '../../../../support/repo'

// Real Gemini CLI files from ../shared/samples (read-only, never copied into the project): each is
// linked into a temporary ~/.gemini/tmp/<projectHash>/chats/ under the name Gemini gives it and
// read through the adapter like any store.

const repoRoot = REPO
const SAMPLES = resolve(repoRoot, '..', 'shared', 'samples', 'gemini')
const present = existsSync(SAMPLES)
if (!present) console.warn(`Gemini conformance suite skipped: no real samples at ${SAMPLES}`)

interface Expected {
  /** The name Gemini CLI gave the file in its chats folder. */
  name: string
  project: string
  summary: Partial<SessionSummary>
  /** Turns (user prompts), and how many of them have a model answer. */
  turns: number
  answered: number
  models: string[]
  firstPrompt: string
  firstAnswer: string
}

const EXPECTED: Record<string, Expected> = {
  'kvsankar/session-01.json': {
    name: 'session-2026-06-05T04-59-dcbe78d3.json',
    project: 'd30f91067027d10192e4aed3e7b03fecf08089dd3370f047f14f38b1845c8042',
    summary: {
      id: 'dcbe78d3-ea75-4786-929e-d6cff0fc00ed',
      title: '[REDACTED_PROMPT]',
      project: 'd30f91067027d10192e4aed3e7b03fecf08089dd3370f047f14f38b1845c8042',
      projectPath: null,
      createdAt: '2026-06-05T04:59:39.932Z',
      updatedAt: '2026-06-05T04:59:44.839Z',
      turns: 1,
      steps: 0,
      errors: 0,
      model: 'gemini-2.5-flash',
      parentId: null,
      archived: false,
      bytes: 1060,
      tokens: { input: 4383, output: 8, cacheRead: 0, cacheWrite: 0, inputIncludesCache: true },
    },
    turns: 1,
    answered: 1,
    models: ['gemini-2.5-flash'],
    firstPrompt: '[REDACTED_PROMPT]',
    firstAnswer: '[REDACTED_ASSISTANT_TEXT]',
  },
}

async function sampleFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await sampleFiles(path)))
    else if (/\.jsonl?$/.test(entry.name)) out.push(path)
  }
  return out.sort()
}

describe.skipIf(!present)(`Gemini CLI conformance over real samples (${relative(repoRoot, SAMPLES)})`, () => {
  let dir: string
  let store: Store
  const linked = new Map<string, string>()

  beforeAll(async () => {
    dir = await makeTempDir('gemini-conformance')
    store = { format: 'gemini', root: join(dir, '.gemini', 'tmp') }
    for (const [i, sample] of (await sampleFiles(SAMPLES)).entries()) {
      const key = relative(SAMPLES, sample).split('\\').join('/')
      const expected = EXPECTED[key]
      const chats = join(store.root, expected?.project ?? `unexpected-${i}`, 'chats')
      await mkdir(chats, { recursive: true })
      const link = join(chats, expected?.name ?? `session-sample-${i}${sample.endsWith('.jsonl') ? '.jsonl' : '.json'}`)
      await symlink(sample, link)
      linked.set(key, link)
    }
  })
  afterAll(() => removeDir(dir))

  it('reads every sample without a problem, each as one session', async () => {
    const listing = await listStores([store], { archived: false })
    expect(listing.problems).toEqual([])
    expect(listing.sessions.map((s) => s.path).sort()).toEqual([...linked.values()].sort())
    // Every sample is known here, so a new one gets its expectations written down.
    expect([...linked.keys()]).toEqual(Object.keys(EXPECTED).sort())
  })

  for (const [key, expected] of Object.entries(EXPECTED)) {
    it(`${key}: id, title, counts, model and tokens`, async () => {
      const listing = await listStores([store], { archived: false })
      const session = listing.sessions.find((s) => s.path === linked.get(key))
      expect(session).toMatchObject(expected.summary)
      const detail = await loadSession(session as SessionSummary)
      expect(detail.skippedLines).toBe(0)
      expect(detail.models).toEqual(expected.models)
      expect(detail.turns).toHaveLength(expected.turns)
      expect(detail.turns.filter((turn) => turn.agent !== null)).toHaveLength(expected.answered)
      expect(detail.turns[0]?.user?.text).toBe(expected.firstPrompt)
      expect(detail.turns[0]?.agent?.text).toBe(expected.firstAnswer)
    })
  }
})
