import { parentPort } from 'node:worker_threads'
import { type ParseJob, runParseJob } from './parse-job'

// A parse pool's worker thread: reads the files it is sent, each with its buffers, fold caches and
// sibling-summary caches of its own, and answers every job (a read that fails is an answer too).

interface Request {
  id: number
  job: ParseJob
}

const port = parentPort
if (!port) throw new Error('parse-worker.ts runs only as a worker thread')
/** Files read at once: enough to overlap the disk waits, few whole files in memory. */
const READING = 4
// The pool sends more jobs than that ahead (parse-pool.ts): they wait here, so the worker goes on
// reading while the calling thread is busy (the full-text pass's write of a batch) and sends none.
const waiting: Request[] = []
let reading = 0
const next = (): void => {
  while (reading < READING && waiting.length > 0) {
    const request = waiting.shift() as Request
    reading++
    void runParseJob(request.job)
      .then(
        (answer) => port.postMessage({ id: request.id, answer }),
        (error: unknown) => port.postMessage({ id: request.id, answer: { kind: 'problem', reason: String(error) } }),
      )
      .finally(() => {
        reading--
        next()
      })
  }
}
port.on('message', (request: Request) => {
  waiting.push(request)
  next()
})
port.postMessage({ ready: true })
