import { formatBytes, formatLocalTime } from '../../../src-shared/display'
import { lastActivityOf } from '../../../src-shared/session-order'
import { type PruneAction, type PruneCriteria, parseAge } from '../../app/shell-api'
import { CliError, type Command, parseOptions, printJson, usageError, withService } from '../cli-support'
import { singleStore } from '../session-arg'

export const pruneCommand: Command = {
  name: 'prune',
  usage: 'prune DIR [--older-than 30d] [--keep N] [--project P] [--action archive|trash] [--dry-run] [--force] [--json]',
  summary:
    'Archive (or trash) old sessions, aged by their last activity (the time of the last message or event the agent ' +
    "recorded, not the file's modification time); both criteria given: older AND beyond the newest N",
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      'older-than': { type: 'string' },
      keep: { type: 'string' },
      project: { type: 'string' },
      action: { type: 'string' },
      'dry-run': { type: 'boolean' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
    })
    if (positionals.length !== 1) throw usageError('prune takes one store DIR')
    const criteria: PruneCriteria = { action: 'archive' }
    if (values['older-than'] !== undefined) {
      const age = parseAge(values['older-than'])
      if (age === null) throw usageError(`--older-than takes an age such as 30d, 12h or 2w, not "${values['older-than']}"`)
      criteria.olderThanMs = age
    }
    if (values.keep !== undefined) {
      if (!/^\d+$/.test(values.keep)) throw usageError(`--keep takes a whole number, not "${values.keep}"`)
      criteria.keep = Number(values.keep)
    }
    if (criteria.olderThanMs === undefined && criteria.keep === undefined) {
      throw usageError('prune needs --older-than AGE, --keep N, or both')
    }
    if (values.project !== undefined) criteria.project = values.project
    if (values.action !== undefined) {
      if (values.action !== 'archive' && values.action !== 'trash') throw usageError('--action is archive or trash; pruning never deletes')
      criteria.action = values.action as PruneAction
    }
    const store = await singleStore(positionals[0] as string, io)
    const dryRun = values['dry-run'] === true
    // A dry run only looks: leftovers of killed operations are reported, not put right.
    const result = await withService(io, [store], { archived: false, readOnly: dryRun }, async (service) => {
      const planned = await service.planPrune((service.storeViews()[0] as { id: string }).id, criteria, values.force === true)
      if (!planned.ok) throw new CliError(`prune: ${planned.reason}`)
      return { plan: planned.value, applied: dryRun ? null : await service.applyPrunePlan(planned.value) }
    })
    const { plan, applied } = result
    const rows = plan.sessions.map((s) => ({ id: s.id, path: s.path, updatedAt: s.updatedAt, bytes: s.bytes }))
    const total = plan.sessions.reduce((sum, s) => sum + s.bytes, 0)
    if (!applied) {
      if (values.json) printJson(io, { action: plan.action, dryRun: true, sessions: rows, skipped: plan.skipped })
      else {
        io.stdout(`Would ${plan.action} ${rows.length} session${rows.length === 1 ? '' : 's'} (${formatBytes(total)}):\n`)
        for (const s of plan.sessions) io.stdout(`  ${s.id.slice(0, 8)}  ${formatLocalTime(lastActivityOf(s))}  ${s.title}\n`)
        for (const s of plan.skipped) io.stderr(`  skipped ${s.id.slice(0, 8)}: ${s.reason}\n`)
      }
      return 0
    }
    if (values.json) {
      printJson(io, { action: plan.action, dryRun: false, sessions: rows, done: applied.done, skipped: applied.skipped })
    } else {
      io.stdout(
        `${plan.action === 'archive' ? 'Archived' : 'Moved to the trash'} ${applied.done.length} of ${rows.length} session${rows.length === 1 ? '' : 's'} (${formatBytes(total)}).\n`,
      )
      for (const s of applied.skipped) io.stderr(`  skipped ${s.id.slice(0, 8)}: ${s.reason}\n`)
    }
    if (rows.length > 0 && applied.done.length === 0) throw new CliError('prune: nothing could be pruned')
    return 0
  },
}
