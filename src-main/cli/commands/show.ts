import { formatBytes, formatCost, formatDuration, formatLocalTime, formatTokens } from '../../../src-shared/display'
import type { SessionDetail } from '../../../src-shared/model'
import { withoutChildren } from '../../../src-shared/session-order'
import { CliError, type Command, parseOptions, printJson, stateOf, usageError, withService } from '../cli-support'
import { foundOrThrow, onlyStoreId, singleStore } from '../session-arg'

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n')
}

function preview(value: unknown, max = 160): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '')
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

function projectLine(detail: SessionDetail): string {
  const { project, projectPath } = detail.session
  if (project === null) return 'Unfiled'
  return projectPath && projectPath !== project ? `${project} (${projectPath})` : project
}

function renderDetail(detail: SessionDetail, label: string): string {
  const s = detail.session
  const fields: [string, string | null][] = [
    ['Title', s.title],
    ['ID', s.id],
    ['Format', label],
    ['Project', projectLine(detail)],
    ['Status', stateOf(s) || null],
    ['Agent', s.agent],
    ['Model', detail.models && detail.models.length > 1 ? detail.models.join(', ') : s.model],
    ['Branch', s.branch],
    ['Parent', s.parentId],
    ['Created', formatLocalTime(s.createdAt)],
    ['Updated', formatLocalTime(s.updatedAt)],
    ['Tokens', formatTokens(s.tokens) || null],
    ['Cost', formatCost(s.costUsd) || null],
    ['Activity', `${s.turns} turns, ${s.steps} tool calls, ${s.errors} failed`],
    ['File', `${s.path} (${formatBytes(s.bytes)})`],
    ['Skipped', detail.skippedLines ? `${detail.skippedLines} unreadable line${detail.skippedLines === 1 ? '' : 's'}` : null],
  ]
  const lines = fields.filter(([, value]) => value !== null && value !== '').map(([key, value]) => `${`${key}:`.padEnd(10)}${value}`)
  for (const turn of detail.turns) {
    const compaction = turn.compactedBefore
    if (compaction) {
      const facts = [
        compaction.trigger,
        compaction.preTokens === null ? null : `${compaction.preTokens.toLocaleString('en-US')} tokens before`,
      ]
      lines.push('', `   ⋯ conversation compacted${facts.some(Boolean) ? ` (${facts.filter(Boolean).join(', ')})` : ''} ⋯`)
    }
    const when = turn.user?.at ? `· ${formatLocalTime(turn.user.at)} ` : ''
    lines.push('', `── Turn ${turn.index + 1} ${when}`.padEnd(60, '─'))
    if (turn.user) lines.push('User:', indent(turn.user.text, '  '))
    for (const step of turn.steps) {
      const meta = [formatDuration(step.durationMs), step.isError ? 'ERROR' : ''].filter(Boolean).join('  ')
      lines.push(`  ▸ ${step.tool}${meta ? `  ${meta}` : ''}${step.childSessionId ? `  → sub-agent ${step.childSessionId}` : ''}`)
      if (step.args !== null && step.args !== undefined) lines.push(`      args:   ${preview(step.args)}`)
      lines.push(`      output: ${step.output === null ? '(no result)' : preview(step.output)}`)
    }
    if (turn.agent) lines.push('Agent:', indent(turn.agent.text, '  '))
  }
  return `${lines.join('\n')}\n`
}

export const showCommand: Command = {
  name: 'show',
  usage: 'show DIR ID [--json]',
  summary: 'One session with its turns and tool calls (ID may be a prefix)',
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { json: { type: 'boolean' } })
    if (positionals.length !== 2) throw usageError('show takes a store DIR and a session ID')
    const [dir, id] = positionals as [string, string]
    if (id.trim() === '') throw usageError('show: the session ID is empty')
    const store = await singleStore(dir, io)
    // A look only: leftovers of killed operations are reported, not put right.
    return withService(io, [store], { readOnly: true }, async (service) => {
      // Through the index straight to the session's file when it knows it (the store is not listed).
      const { lookup, detail: loaded } = await service.readTyped(onlyStoreId(service), id)
      await foundOrThrow(service, lookup, id, dir, 'show')
      if (!loaded?.ok) throw new CliError(`show: ${loaded?.reason ?? 'not found'}`)
      const detail = loaded.value
      if (values.json) printJson(io, { ...detail, session: withoutChildren(detail.session) })
      else io.stdout(renderDetail(detail, (service.storeViews()[0] as { label: string }).label))
      return 0
    })
  },
}
