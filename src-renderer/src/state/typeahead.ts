// Type-ahead in the tree: typing letters jumps to the next row whose text starts with them.

/**
 * The index of the row to focus for the typed `buffer`, or -1. A single character searches from
 * the row after `from` (so repeating a letter cycles through matches); longer buffers search from
 * `from` itself, so typing on refines the current match. Wraps around.
 */
export function typeAhead(texts: readonly string[], from: number, buffer: string): number {
  const query = buffer.toLowerCase()
  if (!query || texts.length === 0) return -1
  const n = texts.length
  const allSame = [...query].every((ch) => ch === query[0])
  // "aaa" cycles through rows starting with "a", like most file managers.
  const needle = allSame && query.length > 1 ? (query[0] as string) : query
  const start = query.length === 1 || (allSame && query.length > 1) ? from + 1 : from
  for (let k = 0; k < n; k++) {
    const i = (((start + k) % n) + n) % n
    if ((texts[i] as string).toLowerCase().trimStart().startsWith(needle)) return i
  }
  return -1
}
