/**
 * A printed table: also stored as is in bench/results/latest.json
 */
export type Table = { title: string; headers: string[]; rows: string[][]; notes?: string[] }

/**
 * A number for a table cell: thousands separators, fixed decimals, "–" for NaN
 */
export function num(value: number, decimals = 0) {
  if (!Number.isFinite(value)) {
    return '–'
  }
  return value.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  })
}

/**
 * A ratio cell such as "0.83×"
 */
export function ratio(ours: number, peer: number) {
  return Number.isFinite(ours / peer) ? `${(ours / peer).toFixed(2)}×` : '–'
}

/**
 * Prints a table with a title, columns padded, numbers right-aligned, line
 * by line through `print`
 */
export function printTable(table: Table, print: (line: string) => void = console.log) {
  const widths = table.headers.map((header, column) =>
    Math.max(header.length, ...table.rows.map((row) => (row[column] ?? '').length))
  )
  const numeric = (cell: string) => /^[-–\d.,×%<>≥ ]+$/.test(cell)
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column > 0 && numeric(cell) ? cell.padStart(widths[column]) : cell.padEnd(widths[column])
      )
      .join('  ')
      .trimEnd()
  const rule = widths.map((width) => '-'.repeat(width)).join('  ')
  print(`\n${table.title}`)
  print(line(table.headers))
  print(rule)
  table.rows.forEach((row) => print(line(row)))
  table.notes?.forEach((note) => print(`  ${note}`))
}
