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
port.on('message', (request: Request) => {
  void runParseJob(request.job).then(
    (answer) => port.postMessage({ id: request.id, answer }),
    (error: unknown) => port.postMessage({ id: request.id, answer: { kind: 'problem', reason: String(error) } }),
  )
})
port.postMessage({ ready: true })
