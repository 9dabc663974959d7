import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A post or edit refused because its author is muted in the room. API
 * clients get 403 E_MUTED saying until when; a browser form goes back to
 * the room with the reason flashed.
 */
export default class MutedException extends Exception {
  static status = 403
  static code = 'E_MUTED'

  constructor(readonly until: Date) {
    super(`You are muted in this room until ${until.toISOString()}`)
  }

  /**
   * Browsers only: the exception handler answers /api requests itself
   */
  async handle(_error: this, { session, i18n, response }: HttpContext) {
    session.flash('error', i18n.t('moderation.muted', { until: this.until }))
    return response.redirect().back()
  }
}
