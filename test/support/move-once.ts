// A real writer for the crash tests: moves one session into a project, or undoes the last
// operation, and prints the result as JSON, unless a failpoint kills it on the way.
// argv: <data dir> <JSON store> move <session id> <project> | <data dir> <JSON store> undo

import { listStores } from '../../src-main/core/listing'
import type { Store } from '../../src-shared/model'
import { moveSessions, operationsContext } from '../../src-main/core/operations/operations'
import { undoLast } from '../../src-main/core/operations/undo'

const [dataDir, storeJson, command, id, project] = process.argv.slice(2) as [string, string, string, string, string]

async function main(): Promise<void> {
  if (command === 'undo') {
    const result = await undoLast(operationsContext(dataDir))
    process.stdout.write(`${JSON.stringify({ done: result.done, skipped: result.skipped })}\n`)
    return
  }
  const store = JSON.parse(storeJson) as Store
  const { sessions } = await listStores([store], { archived: true, dataDir })
  const session = sessions.find((s) => s.id === id)
  if (!session) throw new Error(`no session ${id}`)
  const result = await moveSessions(operationsContext(dataDir), [session], { kind: 'project', name: project }, { force: true })
  process.stdout.write(`${JSON.stringify({ done: result.done, skipped: result.skipped })}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`)
  process.exit(1)
})
