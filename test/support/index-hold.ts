// Opens the index database of a data folder and holds it open until killed, for the tests of what
// an unclean shutdown leaves: prints "open" once it is open (and "rebuilt: <kind>" if it was made anew).
// argv: <data dir>
import { openIndexDatabase } from '../../src-main/core/index-db/index-database'

const index = openIndexDatabase(process.argv[2] as string, {
  onRebuilt: (reason) => process.stderr.write(`rebuilt: ${reason.kind}\n`),
})
index.sql.prepare('SELECT count(*) FROM sessions').get()
// Before "open" is said: a SIGTERM the parent sends as soon as it reads it must find the handler.
process.on('SIGTERM', () => {
  index.close()
  process.exit(0)
})
setInterval(() => {}, 60_000)
process.stdout.write('open\n')
