import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * PostgreSQL's error code for a statement cancelled by statement_timeout
 */
const QUERY_CANCELED = '57014'

/**
 * A search ran past its statement timeout. API clients get a 503 with
 * E_SEARCH_TIMEOUT (the message is meant for them); the search page shows it.
 */
export default class SearchTimeoutException extends Exception {
  static status = 503
  static code = 'E_SEARCH_TIMEOUT'
  static message = 'The search took too long. Try more specific words or search in one room.'

  /** Shown to API clients even in production, unlike other 5xx messages */
  readonly expose = true

  /**
   * Logged as a warning without a stack: an expected refusal under load, not a crash
   */
  report(error: this, { logger }: HttpContext) {
    logger.warn({ code: error.code }, error.message)
  }

  /**
   * Turns PostgreSQL's statement-timeout error into this exception;
   * rethrows anything else
   */
  static rethrow(error: unknown): never {
    if ((error as { code?: unknown }).code === QUERY_CANCELED) {
      throw new SearchTimeoutException()
    }
    throw error
  }
}
