import { isMap, isScalar, parseDocument, stringify } from 'yaml'

// Edits one top-level scalar of a YAML document in place, leaving every other byte as it was
// (ao-rs files are serde_yaml output; re-serialising would reflow strings and reorder nothing
// useful). The parser only locates the value; the change is a text splice.

/** How `value` is written as a plain YAML scalar on one line (quoted where YAML requires it). */
function scalarText(value: string | null): string {
  return stringify(value, { lineWidth: 0 }).trimEnd()
}

export class YamlEditError extends Error {}

/** Sets the top-level `key` to `value`; inserts `key: value` after `afterKey` when absent. */
export function setTopLevelScalar(text: string, key: string, value: string | null, afterKey: string): string {
  const doc = parseDocument(text, { keepSourceTokens: true })
  if (doc.errors.length > 0) throw new YamlEditError(`invalid YAML: ${doc.errors[0]?.message ?? ''}`)
  const root = doc.contents
  if (!isMap(root)) throw new YamlEditError('the document is not a mapping')
  const pair = root.items.find((item) => isScalar(item.key) && item.key.value === key)
  if (pair) {
    const node = pair.value
    if (!isScalar(node) || !node.range) throw new YamlEditError(`"${key}" is not a plain value`)
    const [start, valueEnd] = node.range
    return text.slice(0, start) + scalarText(value) + text.slice(valueEnd)
  }
  const anchor = root.items.find((item) => isScalar(item.key) && item.key.value === afterKey)
  const anchorEnd = anchor && isScalar(anchor.value) && anchor.value.range ? anchor.value.range[1] : null
  const line = `${key}: ${scalarText(value)}\n`
  if (anchorEnd === null) return line + text
  const nextLine = text.indexOf('\n', anchorEnd)
  return nextLine < 0 ? `${text}\n${line}` : text.slice(0, nextLine + 1) + line + text.slice(nextLine + 1)
}
