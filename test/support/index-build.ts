// Builds the search index of the given stores, as the app does, for the kill -9 test: prints
// "started" once the database is open, then "done" when the update has finished.
// argv: <data dir> <JSON list of stores>
import { openIndexDatabase } from '../../src-main/core/index-db/index-database'
import { updateIndex } from '../../src-main/core/index-db/indexer'
import type { Store } from '../../src-shared/model'

async function main(): Promise<void> {
  const [dataDir, storesJson] = process.argv.slice(2) as [string, string]
  const index = openIndexDatabase(dataDir, { onRebuilt: (reason) => process.stderr.write(`rebuilt: ${reason.kind}\n`) })
  process.stdout.write('started\n')
  await updateIndex(index, JSON.parse(storesJson) as Store[])
  index.close()
  process.stdout.write('done\n')
}

void main()
