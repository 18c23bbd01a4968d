// Pure presentation helpers shared by the CLI and the renderer (no Node or DOM APIs).

import type { TokenUsage } from './model'

/** "850 ms", "1.2 s", "2 min 5 s", "1 h 3 min". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return ''
  if (ms < 1000) return `${Math.round(ms)} ms`
  const seconds = ms / 1000
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`
}

/** "512 B", "3.4 KB", "12 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`
}

export function formatTokens(tokens: TokenUsage | null): string {
  if (!tokens) return ''
  const parts = [`${tokens.input.toLocaleString('en-US')} in`, `${tokens.output.toLocaleString('en-US')} out`]
  if (tokens.cacheRead) parts.push(`${tokens.cacheRead.toLocaleString('en-US')} cache read`)
  if (tokens.cacheWrite) parts.push(`${tokens.cacheWrite.toLocaleString('en-US')} cache write`)
  return parts.join(', ')
}

export function formatCost(usd: number | null): string {
  if (usd === null) return ''
  return `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`
}

/** A short, stable, local-time stamp: "2026-11-21 14:03". */
export function formatLocalTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const two = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`
}
