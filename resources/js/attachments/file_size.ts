/**
 * The units a file size is shown in (Intl.NumberFormat unit identifiers)
 */
type SizeUnit = 'byte' | 'kilobyte' | 'megabyte' | 'gigabyte'

const UNITS: SizeUnit[] = ['byte', 'kilobyte', 'megabyte', 'gigabyte']

/**
 * Formats by locale and unit: building one costs more than a page's other helpers together
 */
const formats = new Map<string, Intl.NumberFormat>()

/**
 * Formats a number of bytes for people in `locale`: "10 MB", "1.5 kB",
 * "16 bytes" (bytes are spelled out: the short unit is "16 byte" in English;
 * steps of 1024, as the UPLOAD_* settings count). The same code formats the
 * server's pages and the browser's live rows.
 */
export function formatFileSize(bytes: number, locale: string) {
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  const key = `${locale}\0${UNITS[unit]}`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: UNITS[unit],
      unitDisplay: unit === 0 ? 'long' : 'short',
      maximumFractionDigits: 1,
    })
    formats.set(key, format)
  }
  return format.format(value)
}
