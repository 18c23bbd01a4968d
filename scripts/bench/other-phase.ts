// The other formats beside the headline: Oxios, Astrid and ao-rs stores listed together (cold, then
// warm), the 400-turn Oxios session shown, and one long Claude Code log listed; each against the
// floors of its own files.

import { join } from 'node:path'
import { generateOthers } from './other-formats'
import { child, cli, median } from './run'
import { cliFigure, infoRow, mb, ms, times, type Row } from './table'

export async function otherFormatsPhase(root: string, scale: number, log: (text: string) => void): Promise<Row[]> {
  const started = performance.now()
  const stores = await generateOthers(join(root, 'other'), scale)
  const dirs = [stores.oxios, stores.astrid, stores.ao]
  log(
    `generated the Oxios, Astrid and ao-rs stores and a ${mb(stores.bigClaudeBytes)} Claude log in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
  const stat = await median(3, () => child('floor-child.ts', ['stat', ...dirs]))
  const parse = await median(3, () => child('floor-child.ts', ['parse', ...dirs]))
  const data = join(root, 'data-other')
  const cold = await cli(['list', ...dirs, '--json'], data)
  const warm = await median(3, () => cli(['list', ...dirs, '--json'], data))
  const show = await median(3, () => cli(['show', stores.oxios, 'big-session', '--json'], data))
  const bigParse = await child('floor-child.ts', ['parse', stores.bigClaude])
  const big = await cli(['list', stores.bigClaude, '--json'], join(root, 'data-big'))
  const files = `${String(stat.files)} files`
  log(`other formats (${files}): list cold ${cliFigure(cold)}; warm ${cliFigure(warm)}; show big ${cliFigure(show)}`)
  log(`a ${mb(stores.bigClaudeBytes)} Claude log: list ${cliFigure(big)}; parse floor ${ms(bigParse.ms)}`)
  return [
    infoRow('other: list cold', cliFigure(cold, files), `parse ${ms(parse.ms)}`, times(cold.ms / parse.ms)),
    infoRow('other: list warm', cliFigure(warm), `stat ${ms(stat.ms)}`, times(warm.ms / stat.ms)),
    infoRow('other: show 400 turns', cliFigure(show, 'Oxios, store listed')),
    infoRow(`other: list ${mb(stores.bigClaudeBytes)} log`, cliFigure(big), `parse ${ms(bigParse.ms)}`, times(big.ms / bigParse.ms)),
  ]
}
