import { type ChildProcess, spawn } from 'node:child_process'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openIndexDatabase } from '../../../../src-main/core/index-db/index-database'
import { TEXT_ROWID_BITS } from '../../../../src-main/core/index-db/index-schema'
import { readSummaries } from '../../../../src-main/core/index-db/index-store'
import { updateIndex } from '../../../../src-main/core/index-db/indexer'
import { listStores } from '../../../../src-main/core/listing'
import { searchIndex } from '../../../../src-main/core/search/search'
import type { Store } from '../../../../src-shared/model'
import { makeTempDir, removeDir } from '../../../support/fixtures'
import { repoPath } from '../../../support/repo'

// The real indexer in a child process, killed with SIGKILL at random instants while it builds the
// index of a few hundred sessions. After each kill the database opens without a rebuild, holds no
// session without its texts, and a finishing update gives what a fresh build gives. No timing is
// asserted: the kills land wherever they land.

const BUILDER = repoPath('test', 'support', 'index-build.ts')
const SAMPLE = repoPath('resources', 'samples', 'oxios', 'workspace', 'sessions')
const COPIES = 300

let dir: string
let store: Store
const children: ChildProcess[] = []

beforeEach(async () => {
  dir = await makeTempDir('indexer-crash')
  store = { format: 'oxios', root: join(dir, 'store', 'sessions') }
  await mkdir(store.root, { recursive: true })
  const samples = await Promise.all((await readdir(SAMPLE)).map((name) => readFile(join(SAMPLE, name), 'utf8')))
  for (let i = 0; i < COPIES; i++) {
    const text = samples[i % samples.length] as string
    const id = (JSON.parse(text) as { id: string }).id
    const copy = `${id.slice(0, 24)}${String(i).padStart(12, '0')}`
    await writeFile(join(store.root, `${copy}.json`), text.replace(id, copy).replace(/"content": "/, `"content": "copy${i} `))
  }
})
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
  await removeDir(dir)
})

/** Starts the builder and kills it `afterMs` after the database is open; resolves with what it printed. */
function buildAndKill(dataDir: string, afterMs: number): Promise<{ out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', BUILDER, dataDir, JSON.stringify([store])], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(child)
    let out = ''
    let err = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      if (out.includes('started')) setTimeout(() => child.kill('SIGKILL'), afterMs)
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk))
    child.once('close', () => resolve({ out, err }))
  })
}

describe('the indexer killed with SIGKILL', () => {
  it('leaves a database that opens without a rebuild, holds whole sessions only, and finishes to what a fresh build gives', async () => {
    const dataDir = join(dir, 'data')
    let killedMidway = 0
    for (const afterMs of [0, 40, 120, 250, 500, 900]) {
      const { out, err } = await buildAndKill(dataDir, afterMs)
      // Only the first start finds no database; no kill ever leaves one that must be rebuilt.
      expect(err.replace(/rebuilt: missing\n/, '')).toBe('')
      if (!out.includes('done')) killedMidway++
      const rebuilt: string[] = []
      const index = openIndexDatabase(dataDir, { onRebuilt: (reason) => rebuilt.push(reason.kind) })
      try {
        expect(rebuilt).toEqual([])
        const orphans = index.sql
          .prepare(
            `SELECT count(*) AS n FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM turn_text t WHERE t.rowid >= (s.sid << ${TEXT_ROWID_BITS}) AND t.rowid < ((s.sid + 1) << ${TEXT_ROWID_BITS}))`,
          )
          .get() as { n: number }
        expect(orphans.n).toBe(0)
        const states = index.sql.prepare('SELECT count(*) AS n FROM file_state').get() as { n: number }
        const sessions = index.sql.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }
        expect(states.n).toBe(sessions.n)
      } finally {
        index.close()
      }
    }
    // The test means something only if some kills landed inside a build.
    expect(killedMidway).toBeGreaterThan(0)

    const index = openIndexDatabase(dataDir)
    const fresh = openIndexDatabase(join(dir, 'fresh'))
    try {
      await updateIndex(index, [store])
      await updateIndex(fresh, [store])
      const listed = (await listStores([store], { archived: true })).sessions
      expect(readSummaries(index, [store])).toEqual(listed)
      for (const query of ['webhook', 'copy17', 'is:error', 'proration']) {
        const a = searchIndex(index, query, { stores: [store], limit: 500 })
        const b = searchIndex(fresh, query, { stores: [store], limit: 500 })
        expect(a.ok && b.ok && a.value.total).toBe(b.ok ? b.value.total : -1)
        expect(a.ok && a.value.hits.map((h) => [h.path, h.turn, h.step, h.field])).toEqual(
          b.ok && b.value.hits.map((h) => [h.path, h.turn, h.step, h.field]),
        )
      }
    } finally {
      index.close()
      fresh.close()
    }
  }, 120_000)
})
