// The Electron fuses of a packaged SessionScope, flipped in the Electron binary itself after
// packing (electron-builder's afterPack: scripts/after-pack.mjs). Packaging only: the app never imports this.
import { join } from 'node:path'
import { type FuseConfig, FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses'

export const FUSES = {
  version: FuseVersion.V1,
  // A fuse a newer Electron adds stops the packaging until someone decides it, rather than inheriting a default.
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node for whoever sets it.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect would let another process inject code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app's code is only what was packed, and unchanged since.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served from app://, so file:// needs none of its historical extra powers.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.WasmTrapHandlers]: true,
} satisfies FuseConfig

/** What electron-builder passes to afterPack, as far as the fuses need it. */
export interface PackContext {
  appOutDir: string
  electronPlatformName: string
  /** electron-builder's Arch: 1 x64, 3 arm64, 4 universal. */
  arch: number
  packager: { appInfo: { productFilename: string }; executableName?: string }
}

const ARCH_ARM64 = 3
const ARCH_UNIVERSAL = 4

/** The file holding the fuse wire in a packed app (for macOS, the .app; @electron/fuses finds the framework in it). */
export function electronBinaryOf(context: PackContext): string {
  const { appOutDir, electronPlatformName, packager } = context
  const name = packager.appInfo.productFilename
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${name}.app`)
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`)
  return join(appOutDir, packager.executableName ?? name.toLowerCase())
}

export async function flipAppFuses(context: PackContext): Promise<void> {
  const darwin = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas'
  // Changing the binary breaks the ad-hoc signature Apple silicon requires; @electron/fuses signs it again.
  const resetAdHocDarwinSignature = darwin && (context.arch === ARCH_ARM64 || context.arch === ARCH_UNIVERSAL)
  await flipFuses(electronBinaryOf(context), { ...FUSES, resetAdHocDarwinSignature })
}
