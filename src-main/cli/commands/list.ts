import { formatLocalTime } from '../../../src-shared/display'
import { withChildrenAfterParents, withoutChildren } from '../../../src-shared/session-order'
import { defaultStoreLocations, resolveStores } from '../../app/shell-api'
import { type Command, parseOptions, printJson, reportProblems, stateOf, withService } from '../cli-support'
import { renderTable } from '../text-table'

export const listCommand: Command = {
  name: 'list',
  usage: 'list [DIR ...] [--all] [--json]',
  summary: 'Sessions of the stores, newest first (--all adds archived ones)',
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { all: { type: 'boolean' }, json: { type: 'boolean' } })
    const stores = await resolveStores(positionals, io.home, io.env)
    const listing = await withService(io, stores, { archived: values.all === true }, (service) => service.getSnapshot())
    const labels = new Map(listing.stores.map((view) => [view.root, view.label]))
    // Sub-agents are listed right after the session that started them.
    const sessions = withChildrenAfterParents(listing.sessions).map(withoutChildren)
    if (values.json) {
      printJson(io, { sessions, problems: listing.problems })
      return 0
    }
    if (positionals.length === 0 && stores.length === 0) {
      const places = defaultStoreLocations(io.home, io.env).map((path) => `  ${path}\n`)
      io.stderr(`No session stores found. Looked in:\n${places.join('')}`)
      return 0
    }
    if (sessions.length === 0) io.stdout('No sessions.\n')
    else {
      const table = renderTable(sessions, [
        { header: 'ID', value: (s) => s.id.slice(0, 8) },
        { header: 'FORMAT', value: (s) => labels.get(s.store) ?? s.format },
        { header: 'PROJECT', value: (s) => s.project ?? 'Unfiled', max: 28 },
        { header: 'TITLE', value: (s) => (s.parentId !== null ? `↳ ${s.title}` : s.title), max: 48 },
        { header: 'UPDATED', value: (s) => formatLocalTime(s.updatedAt) },
        { header: 'TURNS', value: (s) => String(s.turns), align: 'right' },
        { header: 'STEPS', value: (s) => String(s.steps), align: 'right' },
        { header: 'ERRORS', value: (s) => String(s.errors), align: 'right' },
        { header: 'STATE', value: stateOf },
      ])
      const count = sessions.length
      const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
      io.stdout(`${table}\n\n${plural(count, 'session')} in ${plural(stores.length, 'store')}\n`)
    }
    reportProblems(io, listing.problems)
    return 0
  },
}
