// electron-builder's afterPack hook (electron-builder.yml): flips the packed Electron binary's
// fuses to src-main/electron/fuses.ts's settings, so no build ships with Electron's defaults.
import { tsImport } from 'tsx/esm/api'

export default async function afterPack(context) {
  const { flipAppFuses } = await tsImport('../src-main/electron/fuses.ts', import.meta.url)
  await flipAppFuses(context)
}
