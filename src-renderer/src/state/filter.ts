// The filter box: narrows sessions by title, project or id prefix.
import type { SessionSummary } from '../../../src-shared/model'

export function parseFilter(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean)
}

/**
 * Every word must match the title or the project (anywhere) or the start of the id. The project
 * matches by its key and by `projectLabel`, the name the tree shows for it when that differs
 * (a Claude Code project's working directory).
 */
export function matchesFilter(
  session: Pick<SessionSummary, 'title' | 'project' | 'id'>,
  words: readonly string[],
  projectLabel?: string,
): boolean {
  if (words.length === 0) return true
  const title = session.title.toLowerCase()
  const project = (session.project ?? 'unfiled').toLowerCase()
  const label = projectLabel?.toLowerCase() ?? ''
  const id = session.id.toLowerCase()
  return words.every(
    (word) => title.includes(word) || project.includes(word) || (label !== '' && label.includes(word)) || id.startsWith(word),
  )
}
