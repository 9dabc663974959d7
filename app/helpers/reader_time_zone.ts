import type { HttpRequest } from '@adonisjs/core/http'

/**
 * The cookie in which the room page's script keeps the browser's IANA time zone
 */
export const TIME_ZONE_COOKIE = 'tz'

/**
 * The reader's time zone (from the `tz` cookie), or UTC when it is missing or not one Intl knows.
 * Server-rendered message times and day separators use it; the browser redraws them in its
 * own zone anyway, so the cookie only spares a visible change.
 */
export function readerTimeZone(request: HttpRequest) {
  const value: unknown = request.plainCookie(TIME_ZONE_COOKIE, { encoded: false })
  if (typeof value !== 'string' || value.length > 64) return 'UTC'
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone
  } catch {
    return 'UTC'
  }
}
