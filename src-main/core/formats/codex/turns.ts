import type { CompactionMarker, Message, Turn } from '../../../../src-shared/model'
import type { CodexDetail } from './state'
import { type CappedText, joinCapped } from './texts'

/**
 * The turns: one per prompt, a task (task_started) without a prompt of its own also opens one;
 * agent texts and steps belong to the turn they follow. A compaction marks the next turn.
 */
export function buildTurns(detail: CodexDetail, failed: ReadonlySet<string>): Turn[] {
  const turns: Turn[] = []
  const agentParts = new Map<Turn, CappedText[]>()
  let current: Turn | null = null
  let taskPending = false
  let compaction: CompactionMarker | null = null
  const open = (user: Message | null): Turn => {
    const turn: Turn = { index: turns.length, user, agent: null, steps: [] }
    if (compaction) {
      turn.compactedBefore = compaction
      compaction = null
    }
    turns.push(turn)
    taskPending = false
    return turn
  }
  for (const entry of detail.entries) {
    switch (entry.k) {
      case 'task':
        taskPending = true
        break
      case 'prompt':
        current = open(entry.message)
        break
      case 'agent': {
        if (current === null || taskPending) current = open(null)
        const parts = agentParts.get(current)
        const part = { text: entry.message.text, length: entry.length }
        if (parts) parts.push(part)
        else {
          agentParts.set(current, [part])
          current.agent = { text: '', at: entry.message.at }
        }
        break
      }
      case 'step':
        if (current === null || taskPending) current = open(null)
        current.steps.push(entry.step)
        break
      case 'compaction':
        compaction ??= entry.marker
        break
    }
  }
  for (const turn of turns) {
    const parts = agentParts.get(turn)
    if (turn.agent && parts) turn.agent.text = joinCapped(parts, '\n\n')
    for (const step of turn.steps) {
      step.durationMs = detail.execMs.get(step.id) ?? detail.metadataMs.get(step.id) ?? detail.timestampMs.get(step.id) ?? null
      step.isError = failed.has(step.id)
    }
  }
  return turns
}
