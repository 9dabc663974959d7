import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The right credentials of an account the admin deactivated: API clients
 * get 403 E_ACCOUNT_DEACTIVATED, the login form says so
 */
export default class AccountDeactivatedException extends Exception {
  static status = 403
  static code = 'E_ACCOUNT_DEACTIVATED'
  static message = 'This account has been deactivated by an administrator'

  /**
   * Browsers only: back to the login form with the reason
   */
  async handle(_error: this, { session, i18n, response }: HttpContext) {
    session.flashExcept(['_csrf', '_method', 'password'])
    session.flash('error', i18n.t('moderation.deactivated_login'))
    return response.redirect().toRoute('session.create')
  }
}
