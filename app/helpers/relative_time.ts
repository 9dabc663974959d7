import { DateTime } from 'luxon'
import type { I18n } from '@adonisjs/i18n'

/**
 * Units from the largest down, with their length in seconds. resources/js/relative_time.js
 * picks the unit the same way, so server- and client-rendered times agree.
 */
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
]

/**
 * "5 minutes ago", "yesterday", "now" in the request's language: the
 * largest whole unit between `date` and `now`
 */
export function formatTimeAgo(i18n: I18n, date: DateTime, now = DateTime.now()) {
  const seconds = date.diff(now, 'seconds').seconds
  for (const [unit, length] of UNITS) {
    if (Math.abs(seconds) >= length) {
      return i18n.formatRelativeTime(Math.trunc(seconds / length), unit, { numeric: 'auto' })
    }
  }
  return i18n.formatRelativeTime(0, 'second', { numeric: 'auto' })
}
