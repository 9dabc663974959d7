const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte']

/**
 * "1.5 MB" or "16 bytes" for `bytes` in `locale`, as the server writes it (app/helpers/file_size.ts)
 */
export function formatFileSize(bytes: number, locale: string) {
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: 1,
  }).format(value)
}
