// The one table the bench prints: phase | figure | floor | ratio | target | met?

export interface Row {
  phase: string
  figure: string
  floor: string
  ratio: string
  target: string
  met: boolean | null
}

export const ms = (value: number) => (Number.isFinite(value) ? `${value < 100 ? value.toFixed(1) : value.toFixed(0)} ms` : 'n/a')
export const mb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : 'n/a')
/** A file or corpus size: KB below a megabyte. */
export const size = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : mb(bytes))
export const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a')

/** A row comparing `value` with `floor`: met when the ratio is at most `most`. */
export function ratioRow(phase: string, figure: string, value: number, floorText: string, floor: number, most: number): Row {
  const ratio = value / floor
  return { phase, figure, floor: floorText, ratio: times(ratio), target: `≤ ${most}×`, met: Number.isFinite(ratio) ? ratio <= most : null }
}

/** A row with an absolute target: met when `value` is under `limit`. */
export function limitRow(phase: string, figure: string, value: number, limit: number, target: string): Row {
  return { phase, figure, floor: '', ratio: '', target, met: Number.isNaN(value) ? null : value < limit }
}

export function infoRow(phase: string, figure: string, floor = '', ratio = ''): Row {
  return { phase, figure, floor, ratio, target: '', met: null }
}

export function printTable(rows: readonly Row[]): void {
  const header = ['phase', 'figure', 'floor', 'ratio', 'target', 'met?']
  const cells = rows.map((row) => [row.phase, row.figure, row.floor, row.ratio, row.target, row.met === null ? '' : row.met ? 'yes' : 'NO'])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)))
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] as number))
      .join(' | ')
      .trimEnd()
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const c of cells) console.log(line(c))
}

/**
 * The figure text of a CLI run: the time inside the child around the command; the process wall
 * time less that process's own startup (node, tsx, the CLI's modules: until the command began);
 * peak RSS.
 */
export function cliFigure(run: { ms: number; wall: number; peak: number; startup?: unknown }, extra = ''): string {
  const startup = typeof run.startup === 'number' ? run.startup : Number.NaN
  return `${ms(run.ms)} (wall−startup ${ms(run.wall - startup)}), ${mb(run.peak)}${extra ? `, ${extra}` : ''}`
}
