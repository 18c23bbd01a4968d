import type { StoreFormat } from '../model'
import type { StoreAdapter } from './format'
import { aoAdapter } from './ao/index'
import { astridAdapter } from './astrid/index'
import { claudeAdapter } from './claude/index'
import { codexAdapter } from './codex/index'
import { geminiAdapter } from './gemini/index'
import { oxiosAdapter } from './oxios/index'

export const ADAPTERS: Record<StoreFormat, StoreAdapter> = {
  oxios: oxiosAdapter,
  astrid: astridAdapter,
  ao: aoAdapter,
  claude: claudeAdapter,
  codex: codexAdapter,
  gemini: geminiAdapter,
}

/** In the order discovery tries them. */
export const ADAPTER_LIST: readonly StoreAdapter[] = [oxiosAdapter, astridAdapter, aoAdapter, claudeAdapter, geminiAdapter, codexAdapter]

export function adapterFor(format: StoreFormat): StoreAdapter {
  return ADAPTERS[format]
}
