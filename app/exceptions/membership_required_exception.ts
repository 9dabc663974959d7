import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A membership setting (favourite, notifications) changed on a room the
 * user has not joined. The API answers 409 `E_NOT_MEMBER`; a browser form
 * goes back with the reason flashed.
 */
export default class MembershipRequiredException extends Exception {
  static status = 409
  static code = 'E_NOT_MEMBER'

  constructor() {
    super('Join the room first')
  }

  /**
   * Browsers only: the exception handler answers /api requests itself
   */
  async handle(_error: this, { session, i18n, response }: HttpContext) {
    session.flash('error', i18n.t('errors.membership_required'))
    return response.redirect().back()
  }
}
