import { isRecord } from '../../shape'

// The texts a rollout's fold keeps, each capped: one line may be megabytes long, and the detail
// keeps every turn's texts.

/** Longest text kept for one message, output or argument string. */
export const TEXT_CAP = 20_000

/** The first `length` UTF-16 units of a text, one fewer rather than half a surrogate pair. */
function headOf(text: string, length: number): string {
  if (length <= 0) return ''
  const code = text.charCodeAt(length - 1)
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length)
}

export function capText(text: string, cap = TEXT_CAP): string {
  if (text.length <= cap) return text
  const head = headOf(text, cap)
  return `${head}… (${text.length - head.length} more characters)`
}

export const capOrNull = (text: string | null) => (text === null ? null : capText(text))

/** Context blocks Codex injects as user messages; they are not prompts. */
const INJECTED_PREFIXES = ['<environment_context>', '<user_instructions>', '# AGENTS.md instructions', '<permissions instructions>']

export function isInjectedContext(text: string): boolean {
  const trimmed = text.trimStart()
  return INJECTED_PREFIXES.some((prefix) => trimmed.startsWith(prefix))
}

/** A title needs only the start of the first prompt. */
export const TITLE_SOURCE_CAP = 4000

export function contentText(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  const parts: string[] = []
  for (const part of content) {
    if (!isRecord(part)) continue
    if (typeof part.text === 'string') parts.push(part.text)
    else if (part.type === 'input_image' || part.type === 'output_image') parts.push('[image]')
  }
  return parts.join('\n')
}

export function promptText(content: unknown): string | null {
  if (!Array.isArray(content)) return typeof content === 'string' && !isInjectedContext(content) ? content : null
  const parts: string[] = []
  for (const part of content) {
    if (!isRecord(part)) continue
    if (typeof part.text === 'string') {
      if (!isInjectedContext(part.text)) parts.push(part.text)
    } else if (part.type === 'input_image') parts.push('[image]')
  }
  const text = parts.join('\n')
  return text.trim() === '' ? null : text
}

/** A text as kept (perhaps capped by capText) with the length it had. */
export interface CappedText {
  text: string
  length: number
}

/** Joins texts, stopping at TEXT_CAP characters in all with the same marker as capText. */
export function joinCapped(parts: readonly CappedText[], separator: string): string {
  let text = ''
  let more = 0
  for (const [i, part] of parts.entries()) {
    const sep = i === 0 ? '' : separator
    if (more === 0 && text.length + sep.length + part.length <= TEXT_CAP) {
      text += sep + part.text
      continue
    }
    // A capped part starts with its first TEXT_CAP characters, more than the room left.
    const kept = more === 0 ? headOf(sep + part.text, TEXT_CAP - text.length) : ''
    text += kept
    more += sep.length + part.length - kept.length
  }
  return more > 0 ? `${text}… (${more} more characters)` : text
}
