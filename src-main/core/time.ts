import { wrongShape } from './shape'

/** Normalises an RFC 3339 timestamp to ISO-8601 UTC with milliseconds, or null when it is not one. */
export function isoOrNull(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? null : new Date(ms).toISOString()
}

/** Like isoOrNull, but a required field: a bad value makes the file unreadable. */
export function requireIso(value: unknown, key: string): string {
  const iso = isoOrNull(value)
  if (iso === null) {
    throw wrongShape(`"${key}" is ${value === undefined ? 'missing' : 'not a valid timestamp'}`)
  }
  return iso
}

export function isoFromMs(ms: number): string {
  return new Date(ms).toISOString()
}
