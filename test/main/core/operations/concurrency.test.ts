import { spawn } from 'node:child_process'
import { readFile, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listStores } from '../../../../src-main/core/listing'
import type { Store } from '../../../../src-shared/model'
import { astridDocument, makeTempDir, oxiosDocument, removeDir, writeAstrid, writeOxios } from '../../../support/fixtures'
import { moveSessions, operationsContext } from '../../../../src-main/core/operations/operations'
import { repoPath } from '../../../support/repo'

// An agent process keeps rewriting a session while the app moves it back and forth between
// projects. Every one of the agent's writes must survive: the app may lose a race, never a write.

const AGENT = repoPath('test', 'support', 'agent-writer.mjs')
/** The agent's writes at least; it goes on until the app has made MOVES moves. */
const WRITES = 300
const MOVES = 10

let dir: string
beforeEach(async () => {
  dir = await makeTempDir('concurrency')
})
afterEach(() => removeDir(dir))

function runAgent(path: string, format: string): { done: Promise<number | null>; writes: () => number; stop: () => void } {
  const child = spawn(process.execPath, [AGENT, path, String(WRITES), format], { stdio: ['pipe', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  return {
    done: new Promise((r) => child.once('exit', (code) => r(code))),
    writes: () => Number(/done (\d+)/.exec(out)?.[1] ?? Number.NaN),
    stop: () => child.stdin.end(),
  }
}

async function moveWhileAgentWrites(store: Store, id: string, path: string, format: 'oxios' | 'astrid', projects: [string, string]) {
  const ctx = operationsContext(join(dir, 'data'))
  const agent = runAgent(path, format)
  let finished = false
  void agent.done.then(() => (finished = true))
  let moves = 0
  let skipped = 0
  for (let round = 0; !finished; round++) {
    const listing = await listStores([store], { archived: false })
    const session = listing.sessions.find((s) => s.id === id)
    if (!session) continue
    const target = session.project === projects[0] ? projects[1] : projects[0]
    const result = await moveSessions(ctx, [session], { kind: 'project', name: target }, { force: true, storeSessions: listing.sessions })
    moves += result.done.length
    skipped += result.skipped.length
    if (moves >= MOVES) agent.stop()
  }
  expect(await agent.done).toBe(0)
  return { moves, skipped, writes: agent.writes() }
}

describe('an agent rewriting a session while the app moves it', () => {
  it('Oxios: no agent write is lost', async () => {
    const store: Store = { format: 'oxios', root: join(dir, 'oxios', 'sessions') }
    const path = await writeOxios(store.root, oxiosDocument({ id: 'busy', projectId: 'a' }))
    const old = new Date('2026-10-01T00:00:00Z')
    await utimes(path, old, old)
    const { moves, writes } = await moveWhileAgentWrites(store, 'busy', path, 'oxios', ['a', 'b'])
    const final = JSON.parse(await readFile(path, 'utf8')) as { user_messages: { content: string }[] }
    const agentMessages = final.user_messages.map((m) => m.content).filter((c) => c.startsWith('agent '))
    expect(writes).toBeGreaterThanOrEqual(WRITES)
    expect(agentMessages).toEqual(Array.from({ length: writes }, (_, i) => `agent ${i + 1}`))
    // The test means something only if the app really moved the session while the agent wrote.
    expect(moves).toBeGreaterThanOrEqual(MOVES)
  }, 60_000)

  it('Astrid: no agent write is lost', async () => {
    const store: Store = { format: 'astrid', root: join(dir, 'astrid', 'sessions') }
    const id = 'dddddddd-0000-4000-8000-000000000001'
    const path = await writeAstrid(store.root, astridDocument({ id, workspacePath: '/w/a' }))
    // Two more sessions keep both workspaces known to the store whichever one the busy session is in.
    await writeAstrid(store.root, astridDocument({ id: 'dddddddd-0000-4000-8000-000000000002', workspacePath: '/w/a' }))
    await writeAstrid(store.root, astridDocument({ id: 'dddddddd-0000-4000-8000-000000000003', workspacePath: '/w/b' }))
    const { moves, writes } = await moveWhileAgentWrites(store, id, path, 'astrid', ['/w/a', '/w/b'])
    const final = JSON.parse(await readFile(path, 'utf8')) as { messages: { content: string }[] }
    const agentMessages = final.messages.map((m) => m.content).filter((c) => typeof c === 'string' && c.startsWith('agent '))
    expect(writes).toBeGreaterThanOrEqual(WRITES)
    expect(agentMessages).toEqual(Array.from({ length: writes }, (_, i) => `agent ${i + 1}`))
    expect(moves).toBeGreaterThanOrEqual(MOVES)
  }, 60_000)
})
