// The browser shell as its own process, for tests that must see whether it survives: the same
// server as `npm run serve`, over a store and a renderer folder the test made, on a free port.
// Usage: shell-child.ts STORE_DIR RENDERER_DIR DATA_DIR HOME_DIR

import { AppService } from '../../src-main/app/app-service'
import { startBrowserShell } from '../../src-main/browser-shell/server'

async function main(): Promise<void> {
  const [storeDir, rendererDir, dataDir, home] = process.argv.slice(2) as [string, string, string, string]
  const samplesDir = `${dataDir}/no-samples`
  const service = await AppService.start({ dataDir, home, env: {}, dirs: [storeDir], samplesDir, shell: 'browser' })
  const shell = await startBrowserShell({ service, rendererDir, port: 0 })
  process.stdout.write(`${shell.url}\n`)
  process.once('SIGTERM', () => {
    void shell
      .close()
      .then(() => service.close())
      .finally(() => process.exit(0))
  })
}

main().catch((error: unknown) => {
  process.stderr.write(`shell-child: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
