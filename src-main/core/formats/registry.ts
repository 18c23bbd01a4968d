import type { FormatInfo, StoreCapabilities, StoreFormat } from '../model'
import type { FormatModule } from './format'
import { aoFormat } from './ao/index'
import { astridFormat } from './astrid/index'
import { claudeFormat } from './claude/index'
import { codexFormat } from './codex/index'
import { geminiFormat } from './gemini/index'
import { oxiosFormat } from './oxios/index'

export const FORMAT_MODULES: Record<StoreFormat, FormatModule> = {
  oxios: oxiosFormat,
  astrid: astridFormat,
  ao: aoFormat,
  claude: claudeFormat,
  codex: codexFormat,
  gemini: geminiFormat,
}

/** In the order discovery tries them. */
export const FORMAT_LIST: readonly FormatModule[] = [oxiosFormat, astridFormat, aoFormat, claudeFormat, geminiFormat, codexFormat]

export function formatModule(format: StoreFormat): FormatModule {
  return FORMAT_MODULES[format]
}

/** The formats as the UI names them, in discovery order. */
export const FORMAT_INFOS: readonly FormatInfo[] = FORMAT_LIST.map((module) => ({ label: module.label, homeExample: module.homeExample }))

export function isKnownFormat(format: unknown): format is StoreFormat {
  return typeof format === 'string' && Object.hasOwn(FORMAT_MODULES, format)
}

/** What the UI is told of a format. */
export function capabilitiesOf(format: StoreFormat): StoreCapabilities {
  const module = formatModule(format)
  return { label: module.label, canMove: module.moves !== 'unsupported', ...module.capabilities }
}
