// A separate process for the memory test: summarizes one session file with its format's adapter
// and prints the summary and the process's peak RSS, so the test measures this read alone.
// argv: <format> <store root> <file path>
import { stat } from 'node:fs/promises'
import { formatModule } from '../../src-main/core/formats/registry'
import type { StoreFormat } from '../../src-shared/model'

const [format, root, path] = process.argv.slice(2) as [StoreFormat, string, string]

async function main(): Promise<void> {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10)
  const info = await stat(path)
  const adapter = formatModule(format)
  const place = adapter.classify(root, path)
  const session = await adapter.summarize(
    { format, root },
    { path, archived: place?.archived ?? false, size: info.size, mtimeMs: info.mtimeMs },
  )
  clearInterval(timer)
  peak = Math.max(peak, process.memoryUsage().rss)
  process.stdout.write(`${JSON.stringify({ session, peakRss: peak })}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
