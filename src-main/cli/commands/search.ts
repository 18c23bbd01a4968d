import { formatLocalTime } from '../../../src-shared/display'
import { resolveStores } from '../../app/shell-api'
import { CliError, type Command, indexProgressLine, parseOptions, printJson, usageError, withService } from '../cli-support'

/** How a matched term is marked in a snippet the CLI prints. */
const MARKS = ['«', '»'] as const

export const searchCommand: Command = {
  name: 'search',
  usage: 'search QUERY [DIR ...] [--limit N] [--json]',
  summary:
    'Find what was said: words (all must match), "a phrase", prefix*, -excluded, and project:, agent:, model:, tool:, ' +
    'is:error, after:, before:, in:prompt|reply|tool|output; without DIR, the well-known stores',
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { limit: { type: 'string' }, json: { type: 'boolean' } })
    const [query, ...dirs] = positionals
    if (query === undefined) throw usageError('search takes a QUERY (quote it when it has spaces)')
    let limit = 20
    if (values.limit !== undefined) {
      if (!/^\d+$/.test(values.limit) || Number(values.limit) < 1 || Number(values.limit) > 10_000) {
        throw usageError(`--limit takes a whole number from 1 to 10000, not "${values.limit}"`)
      }
      limit = Number(values.limit)
    }
    const stores = await resolveStores(dirs, io.home, io.env)
    const progress = indexProgressLine(io)
    const options = {
      onNotice: (message: string) => io.stderr(`sessionscope: ${message}\n`),
      ...(progress ? { onIndexProgress: progress } : {}),
    }
    const outcome = await withService(io, stores, options, (service) => service.searchTexts(query, { limit, marks: MARKS }))
    if (!outcome.ok) throw new CliError(`search: ${outcome.reason}`)
    const { total, totalIsLowerBound, hits } = outcome.value
    if (values.json) {
      // A hit carries exactly the fields the JSON output promises (SessionTextHit); the total is
      // counted up to a cap, as in the text output.
      printJson(io, { total, hits })
      return 0
    }
    if (total === 0) {
      io.stdout('No matches.\n')
      return 1
    }
    io.stdout(
      `${total}${totalIsLowerBound ? '+' : ''} match${total === 1 && !totalIsLowerBound ? '' : 'es'}${hits.length < total ? ` (the best ${hits.length})` : ''}:\n`,
    )
    for (const hit of hits) {
      const where = `turn ${hit.turn + 1}${hit.step === null ? '' : `, step ${hit.step + 1}`} · ${hit.field}`
      const title = hit.title.length > 80 ? `${hit.title.slice(0, 79)}…` : hit.title
      io.stdout(`\n${hit.sessionId.slice(0, 8)}  ${title}\n  ${hit.project ?? 'Unfiled'} · ${where} · ${formatLocalTime(hit.at)}\n`)
      io.stdout(`  ${hit.snippet.replace(/\s+/g, ' ').trim()}\n`)
    }
    return 0
  },
}
