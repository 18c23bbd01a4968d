import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { AppService } from '../app/app-service'
import { appRoot } from '../app/paths'
import { StoreError, appDataDir } from '../app/shell-api'
import { startBrowserShell } from './server'

// npm run serve -- [DIR ...] [--port N]

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { port: { type: 'string' } }, allowPositionals: true })
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new StoreError(`--port takes a port number, not "${values.port}"`)
  const root = appRoot(dirname(fileURLToPath(import.meta.url)))
  const rendererDir = join(root, 'out', 'renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) throw new StoreError('the renderer is not built yet: run "npm run build" first')
  const service = await AppService.start({
    dataDir: appDataDir(process.env, homedir()),
    home: homedir(),
    env: process.env,
    dirs: positionals,
    samplesDir: join(root, 'resources', 'samples'),
    shell: 'browser',
  })
  const shell = await startBrowserShell({ service, rendererDir, port })
  process.stdout.write(`SessionScope is running at ${shell.url}\n`)
  const stop = () => {
    void shell
      .close()
      .then(() => service.close())
      .finally(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(
    `sessionscope: ${error instanceof StoreError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exit(1)
})
