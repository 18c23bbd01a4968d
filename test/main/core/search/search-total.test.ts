import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type IndexDatabase, openIndexDatabase } from '../../../../src-main/core/index-db/index-database'
import { SEARCH_CAP } from '../../../../src-main/core/index-db/index-search'
import { replaceTexts, writeChanges } from '../../../../src-main/core/index-db/index-store'
import { searchIndex } from '../../../../src-main/core/search/search'
import type { Store } from '../../../../src-shared/model'
import { makeTempDir, removeDir } from '../../../support/fixtures'
import { summaryOf } from '../../../support/index-db-summaries'

// A search counts and orders at most SEARCH_CAP matches (or its limit, if larger): past it the
// total says "at least", and the hits are the best of the matches of the sessions indexed last;
// below it the count is exact and every match is ranked. Filters on sessions narrow the same way
// whether or not the sessions they leave are next to each other in the index.

const store: Store = { format: 'claude', root: '/somewhere/projects' }
const other: Store = { format: 'codex', root: '/elsewhere/sessions' }

const SESSIONS = 60
const TEXTS = 100

let dir: string
let index: IndexDatabase

beforeEach(async () => {
  dir = await makeTempDir('search-total')
  index = openIndexDatabase(join(dir, 'data'))
  // 60 sessions of 100 texts each say "common" (6,000 texts in all); every 7th text also says "rare".
  // The sessions alternate between two projects and two stores, so neither is one run of rowids.
  for (let i = 0; i < SESSIONS; i++) {
    const where = i % 2 === 0 ? store : other
    const session = summaryOf(where, `s${i}`, { project: i % 3 === 0 ? 'alpha' : 'beta', projectPath: null })
    writeChanges(index, where, { sessions: [session] })
    replaceTexts(
      index,
      session.path,
      Array.from({ length: TEXTS }, (_, turn) => ({
        turn,
        step: null,
        field: 'prompt' as const,
        text: `common word ${(i * TEXTS + turn) % 7 === 0 ? 'rare' : 'plain'} number ${i}-${turn}`,
      })),
    )
  }
})
afterEach(async () => {
  index.close()
  await removeDir(dir)
})

const search = (query: string, limit = 50, stores = [store, other]) => {
  const outcome = searchIndex(index, query, { stores, limit })
  if (!outcome.ok) throw new Error(outcome.error)
  return outcome.value
}

const sessionOf = (path: string) => Number(/\/s(\d+)\.jsonl$/.exec(path)?.[1])
/** How many of the texts written above `keep` holds. */
const textsWhere = (keep: (session: number, text: number) => boolean) =>
  Array.from({ length: SESSIONS * TEXTS }, (_, n) => n).filter((n) => keep(Math.floor(n / TEXTS), n)).length

describe('the total and the order of a search', () => {
  it('stops counting at SEARCH_CAP, says the total is a lower bound, and ranks the matches of the sessions indexed last', () => {
    expect(SEARCH_CAP).toBe(5000)
    const common = search('common', 200)
    expect(common).toMatchObject({ total: SEARCH_CAP, totalIsLowerBound: true })
    expect(common.hits).toHaveLength(200)
    // The last 5,000 texts indexed: those of the last 50 sessions.
    expect(Math.min(...common.hits.map((h) => sessionOf(h.path)))).toBeGreaterThanOrEqual(SESSIONS - SEARCH_CAP / TEXTS)
    expect(common.hits.map((h) => h.score)).toEqual(common.hits.map((h) => h.score).sort((a, b) => b - a))
    // Without words (newest first) the same holds.
    expect(search('project:alpha|beta', 10)).toMatchObject({ total: SEARCH_CAP, totalIsLowerBound: true })
  })

  it('is exact, with every match ranked, below the cap', () => {
    const rare = search('rare', 2000)
    const expected = textsWhere((_, n) => n % 7 === 0)
    expect(rare).toMatchObject({ total: expected, totalIsLowerBound: false })
    expect(rare.hits).toHaveLength(expected)
    expect(Math.min(...rare.hits.map((h) => sessionOf(h.path)))).toBe(0)
    expect(search('common', 50, [store])).toMatchObject({ total: (SESSIONS / 2) * TEXTS, totalIsLowerBound: false })
    expect(search('nowhere')).toMatchObject({ total: 0, totalIsLowerBound: false, hits: [] })
  })

  it('counts and orders at least as many as the limit asks', () => {
    const many = search('common', 5500)
    expect(many.hits).toHaveLength(5500)
    expect(many).toMatchObject({ total: 5500, totalIsLowerBound: true })
    expect(search('common', 6000)).toMatchObject({ total: 6000, totalIsLowerBound: false })
  })

  it('narrows by dates text by text, exactly below the cap and capped above it', () => {
    // The texts carry no time of their own: each is its session's last update.
    const updated = Array.from({ length: SESSIONS }, (_, i) => summaryOf(i % 2 === 0 ? store : other, `s${i}`).updatedAt)
    const middle = [...updated].sort()[SESSIONS / 2] as string
    const rareBefore = search(`rare before:${middle.slice(0, 10)}`, 2000)
    const day = middle.slice(0, 10)
    expect(rareBefore).toMatchObject({ total: textsWhere((i, n) => n % 7 === 0 && (updated[i] as string) < day), totalIsLowerBound: false })
    expect(rareBefore.hits.every((h) => h.at < day)).toBe(true)
    const all = search('common after:2000-01-01', 100)
    expect(all).toMatchObject({ total: SEARCH_CAP, totalIsLowerBound: true })
    expect(Math.min(...all.hits.map((h) => sessionOf(h.path)))).toBeGreaterThanOrEqual(SESSIONS - SEARCH_CAP / TEXTS)
  })

  it('narrows to the sessions a project and an agent leave, scattered through the index', () => {
    const alpha = search('common project:alpha', 5000)
    // Sessions 0, 3, ..., 57: 20 of them.
    expect(alpha).toMatchObject({ total: 20 * TEXTS, totalIsLowerBound: false })
    expect(new Set(alpha.hits.map((h) => h.project))).toEqual(new Set(['alpha']))
    const alphaClaude = search('rare project:alpha agent:claude', 500)
    expect(alphaClaude.hits.length).toBeGreaterThan(0)
    expect(alphaClaude.hits.every((h) => h.project === 'alpha' && h.format === 'claude')).toBe(true)
    expect(alphaClaude.total).toBe(textsWhere((i, n) => n % 7 === 0 && i % 3 === 0 && i % 2 === 0))
    expect(search('common project:nobody')).toMatchObject({ total: 0, hits: [] })
  })
})
