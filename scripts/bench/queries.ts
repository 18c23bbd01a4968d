// Queries drawn from the corpus: words, phrases and prefixes taken from what the real sessions
// say, alone and with the filters (project:, tool:, model:, is:error, after:, before:, in:).

import { PROJECTS, seeded } from './corpus'

/** The prose of the sessions' prompts and replies (the strings and text blocks of their messages). */
function prose(texts: readonly string[]): string[] {
  const out: string[] = []
  for (const text of texts) {
    for (const line of text.split('\n')) {
      if (!line) continue
      let value: { message?: { content?: unknown } }
      try {
        value = JSON.parse(line) as typeof value
      } catch {
        continue
      }
      const content = value.message?.content
      if (typeof content === 'string') out.push(content)
      else if (Array.isArray(content)) {
        for (const block of content as { type?: string; text?: unknown }[])
          if (block.type === 'text' && typeof block.text === 'string') out.push(block.text)
      }
    }
  }
  return out
}

function toolNames(texts: readonly string[]): string[] {
  const names = new Set<string>()
  for (const text of texts)
    for (const match of text.matchAll(/"type":"tool_use","id":"[^"]+","name":"([A-Za-z]+)"/g)) names.add(match[1] as string)
  return [...names]
}

export function drawQueries(texts: readonly string[], count: number, seed = 7): string[] {
  const rng = seeded(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T
  const sentences = prose(texts)
    .map((s) => s.match(/[A-Za-z]{4,}/g) ?? [])
    .filter((words) => words.length >= 2)
  const words = [...new Set(sentences.flat().map((w) => w.toLowerCase()))]
  const tools = toolNames(texts)
  const projects = PROJECTS.map((p) => p.split('/').pop() as string).filter((name) => !/\s/.test(name))
  const phrase = () => {
    const sentence = pick(sentences)
    const at = Math.floor(rng() * (sentence.length - 1))
    return `"${sentence[at]} ${sentence[at + 1]}"`.toLowerCase()
  }
  const term = () => {
    const kind = rng()
    if (kind < 0.5) return pick(words)
    if (kind < 0.75) return phrase()
    return `${pick(words).slice(0, 4)}*`
  }
  const filters = [
    () => `project:${pick(projects)}`,
    () => `tool:${pick(tools)}`,
    () => 'is:error',
    () => `after:2026-0${6 + Math.floor(rng() * 4)}-01`,
    () => `before:2026-0${6 + Math.floor(rng() * 4)}-15`,
    () => `in:${pick(['prompt', 'reply', 'tool', 'output'])}`,
    () => 'model:claude-sonnet-4-5-20250929',
  ]
  return Array.from({ length: count }, (_, i) => (i % 2 === 0 ? term() : `${term()} ${pick(filters)()}`))
}
