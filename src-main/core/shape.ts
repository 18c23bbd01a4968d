import { UnreadableSession } from './unreadable'

// Small run-time checks for untrusted JSON/YAML documents. Each failing check names the field,
// so the Problem a user sees says exactly what is wrong with the file.

export type Json = Record<string, unknown>

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function wrongShape(detail: string): UnreadableSession {
  return new UnreadableSession(`wrong shape: ${detail}`)
}

export function requireRecord(value: unknown, what: string): Json {
  if (!isRecord(value)) throw wrongShape(`${what} is not an object`)
  return value
}

export function requireString(record: Json, key: string): string {
  const value = record[key]
  if (typeof value !== 'string') throw wrongShape(`"${key}" is ${value === undefined ? 'missing' : 'not a string'}`)
  return value
}

/** An optional array field: absent or null means empty, anything else but an array is an error. */
export function optionalArray(record: Json, key: string): unknown[] {
  const value = record[key]
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw wrongShape(`"${key}" is not a list`)
  return value
}

export function optionalString(record: Json | undefined, key: string): string | null {
  const value = record?.[key]
  return typeof value === 'string' ? value : null
}

/** A non-empty string after trimming, else null. */
export function optionalText(record: Json | undefined, key: string): string | null {
  const value = optionalString(record, key)
  return value !== null && value.trim() !== '' ? value : null
}

export function optionalNumber(record: Json | undefined, key: string): number | null {
  const value = record?.[key]
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

export function optionalRecord(record: Json | undefined, key: string): Json | undefined {
  const value = record?.[key]
  return isRecord(value) ? value : undefined
}
