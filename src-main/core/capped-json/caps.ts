// What a whole-file session keeps of its strings, and the marker a cut string ends with: the
// JSON.parse path and the streaming parser cut by the same limits.

export interface JsonLimits {
  /** Longest string kept whole, in UTF-16 code units (a UI shows that much of a message). */
  stringChars: number
  /** Once this many characters of strings are kept, each further string is cut to smallStringChars. */
  keptChars: number
  smallStringChars: number
  /** Most values (objects, arrays, strings, numbers, literals) a document may hold. */
  values: number
  /** Files of this size or more are parsed as a stream. */
  streamFromBytes: number
  /** Files larger than this are refused. */
  maxBytes: number
}

const MB = 1024 * 1024

// The streaming budgets sit above anything a file read by JSON.parse can reach (a 4 MB file
// holds at most 4.2M characters and about 2.1M values), so both paths cut exactly the same strings.
export const JSON_LIMITS: JsonLimits = {
  stringChars: 100_000,
  keptChars: 16_000_000,
  smallStringChars: 1_000,
  values: 3_000_000,
  streamFromBytes: 4 * MB,
  maxBytes: 1024 * MB,
}

/** For a summary, which keeps its text only for a title: less text kept once the budget is spent. */
export const SUMMARY_LIMITS: JsonLimits = { ...JSON_LIMITS, keptChars: 5_000_000, smallStringChars: 200 }

/** `kept` is the start of a string of `total` characters: ends it with a note of how much was left out. */
export function cutText(kept: string, total: number): string {
  const last = kept.charCodeAt(kept.length - 1)
  // Never end on half of a surrogate pair.
  const prefix = last >= 0xd800 && last <= 0xdbff ? kept.slice(0, -1) : kept
  return `${prefix}… (${total - prefix.length} more characters)`
}

/** Cuts every string of a parsed value longer than the cap, in place. */
export function capStrings(value: unknown, cap: number): unknown {
  const cut = (text: string) => cutText(text.slice(0, cap), text.length)
  if (typeof value === 'string') return value.length > cap ? cut(value) : value
  const pending: unknown[] = [value]
  while (pending.length > 0) {
    const node = pending.pop()
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i]
        if (typeof item === 'string') {
          if (item.length > cap) node[i] = cut(item)
        } else if (typeof item === 'object' && item !== null) pending.push(item)
      }
    } else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>
      for (const key of Object.keys(record)) {
        const item = record[key]
        if (typeof item === 'string') {
          if (item.length > cap) record[key] = cut(item)
        } else if (typeof item === 'object' && item !== null) pending.push(item)
      }
    }
  }
  return value
}
