// One watcher backend on one tree, alone in its process so its RSS is its own: prints
// {"type":"ready",ms,rss} once changes are reported, then {"type":"event",path} per file event.
// Backends: "store" (the product's StoreWatcher, BENCH_WATCHER_BACKEND picks its engine),
// "none" (the floor), "fs-watch" (Node's recursive fs.watch, the whole tree), "parcel" (@parcel/watcher, the whole tree).

import { watch } from 'node:fs'
import { join } from 'node:path'
import { StoreWatcher } from '../../src-main/core/watch/store-watcher'

const [backend, root] = process.argv.slice(2) as [string, string]
const started = performance.now()
const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`)
const event = (path: string) => say({ type: 'event', path })

if (backend === 'none') {
  // The floor: this process with nothing watched.
} else if (backend === 'fs-watch') {
  watch(root, { recursive: true }, (_kind, name) => {
    if (name) event(join(root, name.toString()))
  })
} else if (backend === 'parcel') {
  const parcel = await import('@parcel/watcher')
  await parcel.subscribe(root, (error, events) => {
    if (error) console.error(error)
    for (const { path } of events) event(path)
  })
} else {
  const engine = process.env.BENCH_WATCHER_ENGINE
  const watcher = new StoreWatcher(
    { format: 'claude', root },
    {
      archived: false,
      onEvent: ({ path }) => event(path),
      onFolder: () => {},
      onError: (error) => console.error(error),
      ...(engine ? { engine: engine as never } : {}),
    },
  )
  await watcher.start()
}
// Garbage left by the start is not what the watcher holds.
globalThis.gc?.()
say({ type: 'ready', ms: performance.now() - started, rss: process.memoryUsage().rss })
setInterval(() => {}, 1 << 30)
