import type { StoreFormat } from '../model'
import type { StoreAdapter } from './adapter'
import { aoAdapter } from './ao'
import { astridAdapter } from './astrid'
import { claudeAdapter } from './claude'
import { codexAdapter } from './codex'
import { geminiAdapter } from './gemini'
import { oxiosAdapter } from './oxios'

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
