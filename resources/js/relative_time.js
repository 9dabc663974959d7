/**
 * Units from the largest down, with their length in seconds; the server
 * (app/helpers/relative_time.ts) picks units the same way.
 */
const UNITS = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
]

/**
 * "5 minutes ago", "5 phút trước", "now": the largest whole unit between
 * `date` and now, in `locale`
 */
export function timeAgo(date, locale, now = Date.now()) {
  const seconds = (date.getTime() - now) / 1000
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  for (const [unit, length] of UNITS) {
    if (Math.abs(seconds) >= length) return format.format(Math.trunc(seconds / length), unit)
  }
  return format.format(0, 'second')
}
