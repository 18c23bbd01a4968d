import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { repoPath } from '../../support/repo'

const SCRIPT = repoPath('scripts', 'audit-electron.mjs')
const RISKY_MAIN = `const { BrowserWindow } = require('electron')
const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } })
win.loadURL('https://example.com')
`

let dir: string | null = null
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = null
})

async function audit(findings: unknown[]): Promise<{ code: number; output: string }> {
  dir = await mkdtemp(join(tmpdir(), 'sessionscope-audit-'))
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'x', devDependencies: { electron: '45.4.1' } }))
  await writeFile(join(dir, 'main.js'), RISKY_MAIN)
  const allowlist = join(dir, 'allowlist.json')
  await writeFile(
    allowlist,
    JSON.stringify({ excludedChecks: [{ check: 'AvailableSecurityFixesGlobalCheck', reason: 'network' }], findings }),
  )
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [SCRIPT, '--input', dir, '--allowlist', allowlist])
    return { code: 0, output: stdout + stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, output: failed.stdout + failed.stderr }
  }
}

describe('npm run audit:electron', () => {
  it('fails on a finding the allowlist does not explain, naming it', async () => {
    const { code, output } = await audit([])
    expect(code).toBe(1)
    expect(output).toMatch(/unexplained: NODE_INTEGRATION_JS_CHECK .*main\.js/)
    expect(output).toMatch(/unexplained: CONTEXT_ISOLATION_JS_CHECK/)
  })

  it('passes once every finding has an entry with a reason, offline', async () => {
    // Global checks report their findings against no file (N/A).
    const everything = ['*', 'N/A']
    const reason = 'explained for this test, at length enough'
    const checks = [
      'NODE_INTEGRATION_JS_CHECK',
      'CONTEXT_ISOLATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
      'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
      'AUXCLICK_JS_CHECK',
      'CSP_GLOBAL_CHECK',
      'ELECTRON_VERSION_JSON_CHECK',
      'PRELOAD_JS_CHECK',
      'HTTP_RESOURCES_JS_CHECK',
    ]
    const { code, output } = await audit(checks.map((check) => ({ check, files: everything, reason })))
    expect(output).not.toMatch(/unexplained/)
    expect(code).toBe(0)
  })

  it('refuses an entry without a reason', async () => {
    const { code, output } = await audit([{ check: 'NODE_INTEGRATION_JS_CHECK', files: ['main.js'] }])
    expect(code).toBe(1)
    expect(output).toMatch(/needs a check, its files and a reason/)
  })
})
