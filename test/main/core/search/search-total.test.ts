import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type IndexDatabase, openIndexDatabase } from '../../../../src-main/core/index-db/index-database'
import { TOTAL_CAP } from '../../../../src-main/core/index-db/index-search'
import { replaceTexts, writeChanges } from '../../../../src-main/core/index-db/index-store'
import { searchIndex } from '../../../../src-main/core/search/search'
import type { Store } from '../../../../src-shared/model'
import { makeTempDir, removeDir } from '../../../support/fixtures'
import { summaryOf } from '../../../support/index-db-summaries'

// The total a search gives is counted up to TOTAL_CAP (or its limit, if larger): past it the total
// says "at least", and below it the count is exact. Filters on sessions narrow the same way
// whether or not the sessions they leave are next to each other in the index.

const store: Store = { format: 'claude', root: '/somewhere/projects' }
const other: Store = { format: 'codex', root: '/elsewhere/sessions' }

let dir: string
let index: IndexDatabase

beforeEach(async () => {
  dir = await makeTempDir('search-total')
  index = openIndexDatabase(join(dir, 'data'))
  // 60 sessions of 20 texts each say "common" (1,200 texts in all); every 7th text also says "rare".
  // The sessions alternate between two projects and two stores, so neither is one run of rowids.
  for (let i = 0; i < 60; i++) {
    const where = i % 2 === 0 ? store : other
    const session = summaryOf(where, `s${i}`, { project: i % 3 === 0 ? 'alpha' : 'beta', projectPath: null })
    writeChanges(index, where, { sessions: [session] })
    replaceTexts(
      index,
      session.path,
      Array.from({ length: 20 }, (_, turn) => ({
        turn,
        step: null,
        field: 'prompt' as const,
        text: `common word ${(i * 20 + turn) % 7 === 0 ? 'rare' : 'plain'} number ${i}-${turn}`,
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

describe('the total of a search', () => {
  it('stops counting at TOTAL_CAP and says the total is a lower bound', () => {
    expect(TOTAL_CAP).toBe(1000)
    const common = search('common')
    expect(common).toMatchObject({ total: TOTAL_CAP, totalIsLowerBound: true })
    expect(common.hits).toHaveLength(50)
  })

  it('is exact below the cap', () => {
    const rare = search('rare')
    expect(rare).toMatchObject({ total: Math.ceil(1200 / 7), totalIsLowerBound: false })
    expect(search('common', 50, [store])).toMatchObject({ total: 600, totalIsLowerBound: false })
    expect(search('nowhere')).toMatchObject({ total: 0, totalIsLowerBound: false, hits: [] })
  })

  it('counts at least as far as the limit asks', () => {
    const many = search('common', 1100)
    expect(many.hits).toHaveLength(1100)
    expect(many).toMatchObject({ total: 1100, totalIsLowerBound: true })
    expect(search('common', 1200)).toMatchObject({ total: 1200, totalIsLowerBound: false })
  })

  it('narrows to the sessions a project and an agent leave, scattered through the index', () => {
    const alpha = search('common project:alpha', 500)
    // Sessions 0, 3, ..., 57: 20 of them, 20 texts each.
    expect(alpha).toMatchObject({ total: 400, totalIsLowerBound: false })
    expect(new Set(alpha.hits.map((h) => h.project))).toEqual(new Set(['alpha']))
    const alphaClaude = search('rare project:alpha agent:claude', 500)
    expect(alphaClaude.hits.length).toBeGreaterThan(0)
    expect(alphaClaude.hits.every((h) => h.project === 'alpha' && h.format === 'claude')).toBe(true)
    const expected = Array.from({ length: 60 * 20 }, (_, n) => n).filter((n) => {
      const i = Math.floor(n / 20)
      return n % 7 === 0 && i % 3 === 0 && i % 2 === 0
    }).length
    expect(alphaClaude.total).toBe(expected)
    expect(search('common project:nobody')).toMatchObject({ total: 0, hits: [] })
  })
})
