import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir, removeDir } from '../../support/fixtures'
import { runCli } from '../../support/run-cli'
import { copySampleStores } from '../../support/sample-stores'

// `sessionscope search` as a user or a script runs it: a real child process, the sample stores
// copied into a home folder, the index in the data folder.

let home: string
let claude: string
let codex: string

beforeAll(async () => {
  home = await makeTempDir('search-cli')
  ;[claude, codex] = (await copySampleStores(join(home, 'copies'), ['claude', 'codex'])) as [string, string]
})
afterAll(() => removeDir(home))

const cli = (...args: string[]) => runCli(args, { HOME: home, SESSIONSCOPE_DATA_DIR: join(home, 'data') })

describe('sessionscope search', () => {
  it('prints one JSON document with the total and each hit where it was said', async () => {
    const result = await cli('search', 'test is:error', claude, codex, '--json', '--limit', '3')
    expect(result.stderr).toMatch(/no index/i)
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout) as { total: number; hits: Record<string, unknown>[] }
    expect(report.total).toBeGreaterThanOrEqual(report.hits.length)
    expect(report.hits.length).toBeGreaterThan(0)
    expect(report.hits.length).toBeLessThanOrEqual(3)
    for (const hit of report.hits) {
      expect(Object.keys(hit).sort()).toEqual(
        ['at', 'field', 'format', 'path', 'project', 'score', 'sessionId', 'snippet', 'step', 'store', 'title', 'turn'].sort(),
      )
      expect(['claude', 'codex']).toContain(hit.format)
      expect(['tool', 'args', 'output']).toContain(hit.field)
      expect(typeof hit.turn).toBe('number')
      expect(String(hit.snippet)).toMatch(/«test»/i)
    }
    // A second run finds the index in place: nothing to build, the same answer.
    const again = await cli('search', 'test is:error', claude, codex, '--json', '--limit', '3')
    expect(again.stderr).toBe('')
    expect(JSON.parse(again.stdout)).toEqual(report)
  })

  it('says why a query cannot be run, with nothing on stdout', async () => {
    for (const query of ['"unclosed phrase', 'agent:nobody x', 'x after:soon', '   ']) {
      const result = await cli('search', query, claude, '--json')
      expect(result.code, query).toBe(1)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(/^sessionscope: search: /)
    }
    const usage = await cli('search')
    expect(usage.code).toBe(2)
  })

  it('prints hits for people, and exits 1 when nothing matches', async () => {
    const result = await cli('search', 'cargo', codex, claude)
    expect(result.stdout).toMatch(/^\d+ match(es)?/)
    expect(result.stdout).toMatch(/turn \d+/)
    expect(result.stdout).toMatch(/«cargo»/i)
    const none = await cli('search', 'zzyzxnothing', claude)
    expect(none.code).toBe(1)
    expect(none.stdout).toBe('No matches.\n')
  })
})
