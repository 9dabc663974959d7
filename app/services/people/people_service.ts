import { errors as lucidErrors } from '@adonisjs/lucid'
import User from '#models/user'

/**
 * A username as the URL carries it: what registration accepts
 */
const USERNAME = /^[A-Za-z0-9_-]{1,32}$/

/**
 * Finding people by username for their profile
 */
export default class PeopleService {
  /**
   * The person named `username` (ignoring case); a 404 for nobody, and for a
   * deleted account (whose name cannot be typed)
   */
  async findOrFail(username: string) {
    const person = USERNAME.test(username) ? await User.findByUsername(username) : null
    if (!person) {
      throw new lucidErrors.E_ROW_NOT_FOUND(User)
    }
    return person
  }
}

/**
 * The time of day at `timeZone` now, for `locale` (e.g. "14:05"); null
 * without a time zone
 */
export function localTime(timeZone: string | null, locale: string, now = new Date()) {
  if (!timeZone) {
    return null
  }
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(now)
}
