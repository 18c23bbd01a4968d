// A real writer for the crash tests: performs operations on the given stores, one after another,
// until it is killed (by the test, or by a failpoint). Each finished operation prints "tick".
// argv: <data dir> <JSON list of stores>

import type { SessionSummary, Store } from '../../src-shared/model'
import { listStores } from '../../src-main/core/listing'
import {
  archiveSessions,
  moveSessions,
  operationsContext,
  restoreSessions,
  trashSessions,
  unarchiveSessions,
} from '../../src-main/core/operations/operations'
import { listTrash } from '../../src-main/core/operations/trash'

const [dataDir, storesJson] = process.argv.slice(2)
const stores = JSON.parse(storesJson as string) as Store[]
const ctx = operationsContext(dataDir as string)

function pick<T>(items: readonly T[]): T | undefined {
  return items[Math.floor(Math.random() * items.length)]
}

async function step(store: Store, round: number): Promise<void> {
  const { sessions } = await listStores([store], { archived: true, dataDir })
  // Sub-agents travel with their parents; picking only parents keeps every round doing something.
  const session = pick(sessions.filter((s) => s.format !== 'claude' || s.parentId === null)) as SessionSummary | undefined
  if (!session) {
    const trashed = await listTrash(store)
    if (trashed.sessions.length > 0) await restoreSessions(ctx, trashed.sessions)
    return
  }
  const projects = store.format === 'astrid' ? ['/work/alpha', '/work/beta'] : ['alpha', 'beta']
  switch (round % 3) {
    case 0: {
      const name = session.project === projects[0] ? projects[1] : projects[0]
      await moveSessions(ctx, [session], { kind: 'project', name: name as string }, { force: true, storeSessions: sessions })
      break
    }
    case 1:
      if (session.archived) await unarchiveSessions(ctx, [session])
      else await archiveSessions(ctx, [session], { force: true })
      break
    case 2: {
      await trashSessions(ctx, [session], { force: true })
      const trashed = await listTrash(store)
      await restoreSessions(ctx, trashed.sessions)
      break
    }
  }
}

async function main(): Promise<void> {
  for (let round = 0; ; round++) {
    for (const store of stores) await step(store, round)
    process.stdout.write('tick\n')
  }
}

void main()
