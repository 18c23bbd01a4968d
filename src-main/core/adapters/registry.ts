import type { StoreFormat } from '../model'
import type { StoreAdapter } from './adapter'
import { aoAdapter } from './ao'
import { astridAdapter } from './astrid'
import { claudeAdapter } from './claude'
import { codexAdapter } from './codex'
import { geminiAdapter } from './gemini'
import { oxiosAdapter } from './oxios'

// While the agent-log formats are being added one by one, a format may have no adapter yet.
export const ADAPTERS: Partial<Record<StoreFormat, StoreAdapter>> = {
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
  const adapter = ADAPTERS[format]
  if (!adapter) throw new Error(`no adapter for the ${format} format`)
  return adapter
}
