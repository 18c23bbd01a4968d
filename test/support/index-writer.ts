// A second process writing the index database, for the concurrency and kill -9 tests.
// argv: <data dir> <batch size> loop | hold
//  loop: writes batches until its standard input closes. Batch k, in one transaction, replaces the
//        sessions of batch k-1 with <batch size> sessions titled "batch k" (their file states, and
//        one text each holding the word "common" and "batchk"), then prints "batch k". Started on an
//        existing database, it goes on from the batch found there.
//  hold: writes one batch inside a write transaction, prints "holding", and keeps the transaction
//        (and the write lock) open until its standard input closes; then rolls it back.
import { readSync } from 'node:fs'
import { openIndexDatabase } from '../../src-main/core/index-db/index-database'
import { readSummaries, replaceTexts, writeChanges } from '../../src-main/core/index-db/index-store'
import { WRITER_STORE, fileStateOf, summaryOf } from './index-db-summaries'

const [dataDir, sizeText, mode] = process.argv.slice(2) as [string, string, string]
const size = Number(sizeText)
const index = openIndexDatabase(dataDir, { onRebuilt: (reason) => process.stderr.write(`rebuilt: ${reason.message}\n`) })

const namesOf = (k: number) => Array.from({ length: size }, (_, i) => `batch${k}-${i}`)

function writeBatch(k: number): void {
  const sessions = namesOf(k).map((name) => summaryOf(WRITER_STORE, name, { title: `batch ${k}` }))
  index.sql.transaction(() => {
    writeChanges(index, WRITER_STORE, {
      removed: k > 1 ? namesOf(k - 1).map((name) => summaryOf(WRITER_STORE, name).path) : [],
      sessions,
      fileStates: sessions.map((s) => fileStateOf(s.path, { size: k })),
    })
    for (const s of sessions) replaceTexts(index, s.path, [{ turn: 0, step: null, field: 'prompt', text: `common batch${k} words` }])
  })
}

function waitForStdinEnd(): void {
  const buffer = Buffer.alloc(64)
  for (;;) {
    try {
      if (readSync(0, buffer) === 0) return
    } catch (error) {
      // A non-blocking pipe with nothing to read yet: wait a little, synchronously, and read again.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10)
    }
  }
}

const found = readSummaries(index, [WRITER_STORE])[0]
let k = found ? Number(found.title.replace('batch ', '')) : 0

if (mode === 'hold') {
  try {
    index.sql.transaction(() => {
      writeBatch(k + 1)
      process.stdout.write('holding\n')
      waitForStdinEnd()
      throw new Error('rolled back')
    })
  } catch {
    // The rollback asked for.
  }
  index.close()
} else {
  let told = false
  process.stdin.on('end', () => (told = true))
  process.stdin.on('error', () => (told = true))
  process.stdin.resume()
  const loop = () => {
    if (told) {
      index.close()
      return
    }
    writeBatch(++k)
    process.stdout.write(`batch ${k}\n`)
    setImmediate(loop)
  }
  loop()
}
