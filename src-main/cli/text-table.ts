export interface Column<T> {
  header: string
  value: (row: T) => string
  align?: 'left' | 'right'
  /** Longer cells are cut with an ellipsis. */
  max?: number
}

function fit(text: string, max: number | undefined): string {
  const flat = text.replace(/\s+/g, ' ')
  if (max === undefined) return flat
  const chars = [...flat]
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat
}

/** Renders rows as a plain-text table with a header line; widths fit the content. */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map((column) => fit(column.value(row), column.max)))
  const widths = columns.map((column, i) => Math.max([...column.header].length, ...cells.map((line) => [...(line[i] ?? '')].length)))
  const pad = (text: string, i: number) => {
    const gap = ' '.repeat((widths[i] ?? 0) - [...text].length)
    return columns[i]?.align === 'right' ? gap + text : text + gap
  }
  const lines = [columns.map((column, i) => pad(column.header, i)), ...cells.map((line) => line.map(pad))]
  return lines.map((line) => line.join('  ').trimEnd()).join('\n')
}
