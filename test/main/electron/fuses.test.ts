import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { parse as parseYaml } from 'yaml'
import { afterEach, describe, expect, it } from 'vitest'
import { FUSES, type PackContext, electronBinaryOf } from '../../../src-main/electron/fuses'
import { REPO } from '../../support/repo'

const ROOT = REPO

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const FUSE_COUNT = 9

/** Bytes shaped like an Electron binary's fuse wire (sentinel, version 1, length, one byte per fuse), all fuses on. */
function fakeElectronBinary(): Buffer {
  const wire = Buffer.alloc(FUSE_COUNT, FuseState.ENABLE)
  return Buffer.concat([
    Buffer.from('\x7fELF...padding...'),
    Buffer.from(SENTINEL),
    Buffer.from([1, FUSE_COUNT]),
    wire,
    Buffer.from('...rest'),
  ])
}

let dir: string | null = null
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = null
})

describe('the packaging fuses', () => {
  it('are the required ones, every fuse decided', () => {
    expect(FUSES.strictlyRequireAllFuses).toBe(true)
    expect(FUSES[FuseV1Options.RunAsNode]).toBe(false)
    expect(FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false)
    expect(FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false)
    expect(FUSES[FuseV1Options.EnableCookieEncryption]).toBe(true)
    expect(FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true)
    expect(FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true)
    expect(FUSES[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false)
    const decided = Object.keys(FUSES).filter((key) => /^\d+$/.test(key)).length
    expect(decided).toBe(Object.keys(FuseV1Options).filter((key) => /^\d+$/.test(key)).length)
  })

  it('are flipped in the packed binary by the afterPack hook electron-builder runs', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sessionscope-fuses-'))
    const context: PackContext = {
      appOutDir: dir,
      electronPlatformName: 'linux',
      arch: 1,
      packager: { appInfo: { productFilename: 'SessionScope' }, executableName: 'sessionscope' },
    }
    const binary = join(dir, 'sessionscope')
    const before = fakeElectronBinary()
    await writeFile(binary, before)

    // The hook as electron-builder loads it: an ES module's default export, in a Node process of its own.
    const hook = pathToFileURL(join(ROOT, 'scripts', 'after-pack.mjs')).href
    const code = `const { default: afterPack } = await import(${JSON.stringify(hook)}); await afterPack(${JSON.stringify(context)})`
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', code], { cwd: tmpdir() })

    const wire = await getCurrentFuseWire(binary)
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE)
    // Only the wire changed: same size, same bytes around it.
    const after = await readFile(binary)
    expect(after.length).toBe(before.length)
    const wireStart = before.indexOf(SENTINEL) + SENTINEL.length + 2
    expect(after.subarray(0, wireStart)).toEqual(before.subarray(0, wireStart))
    expect(after.subarray(wireStart + FUSE_COUNT)).toEqual(before.subarray(wireStart + FUSE_COUNT))
  })

  it('find the binary of each platform', () => {
    const packager = { appInfo: { productFilename: 'SessionScope' }, executableName: 'sessionscope' }
    expect(electronBinaryOf({ appOutDir: '/o', electronPlatformName: 'darwin', arch: 3, packager })).toBe(join('/o', 'SessionScope.app'))
    expect(electronBinaryOf({ appOutDir: '/o', electronPlatformName: 'win32', arch: 1, packager })).toBe(join('/o', 'SessionScope.exe'))
    expect(electronBinaryOf({ appOutDir: '/o', electronPlatformName: 'linux', arch: 1, packager })).toBe(join('/o', 'sessionscope'))
  })

  it('are wired into the packaging config', async () => {
    const config = parseYaml(await readFile(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>
    expect(config.afterPack).toBe('scripts/after-pack.mjs')
    expect(config.asar).toBe(true)
  })
})
