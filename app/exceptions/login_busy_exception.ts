import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A login arrived while the password-check queue was full: API clients get
 * a 503 E_LOGIN_BUSY with Retry-After, the login form says to try again.
 * Nothing is counted against the account or the address.
 */
export default class LoginBusyException extends Exception {
  static status = 503
  static code = 'E_LOGIN_BUSY'
  static message = 'Too many people are signing in right now. Try again in a few seconds.'

  /** Shown to API clients even in production, unlike other 5xx messages */
  readonly expose = true

  /** Sent as Retry-After: a queue of checks drains in seconds */
  readonly retryAfterSeconds = 5

  /**
   * Logged as a warning without a stack: an expected refusal under load, not a crash
   */
  report(error: this, { logger }: HttpContext) {
    logger.warn({ code: error.code }, error.message)
  }

  /**
   * Browsers only: back to the login form, the username kept, with the reason
   */
  async handle(_error: this, { session, i18n, response }: HttpContext) {
    session.flashExcept(['_csrf', '_method', 'password'])
    session.flash('error', i18n.t('errors.login_busy'))
    return response.redirect().toRoute('session.create')
  }
}
