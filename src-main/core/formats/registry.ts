import type { FormatInfo, StoreCapabilities, StoreFormat } from '../../../src-shared/model'
import type { FormatModule } from './format'
import { aoFormat } from './ao/index'
import { astridFormat } from './astrid/index'
import { claudeFormat } from './claude/index'
import { codexFormat } from './codex/index'
import { geminiFormat } from './gemini/index'
import { oxiosFormat } from './oxios/index'

// The one list of the formats SessionScope reads. Adding a format is its folder and a line here.

/** In the order discovery tries them. */
export const FORMAT_LIST: readonly FormatModule[] = [oxiosFormat, astridFormat, aoFormat, claudeFormat, geminiFormat, codexFormat]

const BY_NAME: ReadonlyMap<StoreFormat, FormatModule> = new Map(FORMAT_LIST.map((module) => [module.format, module]))

export function formatModule(format: StoreFormat): FormatModule {
  const module = BY_NAME.get(format)
  if (!module) throw new Error(`unknown session format: ${format}`)
  return module
}

/** The formats as the UI names them, in discovery order. */
export const FORMAT_INFOS: readonly FormatInfo[] = FORMAT_LIST.map((module) => ({ label: module.label, homeExample: module.homeExample }))

export function isKnownFormat(format: unknown): format is StoreFormat {
  return typeof format === 'string' && BY_NAME.has(format)
}

/** What the UI is told of a format. */
export function capabilitiesOf(format: StoreFormat): StoreCapabilities {
  const module = formatModule(format)
  return { label: module.label, canMove: module.moves !== 'unsupported', ...module.capabilities }
}
