import { Exception } from '@adonisjs/core/exceptions'

/**
 * A request carried text PostgreSQL cannot store as sent: U+0000, or a lone
 * surrogate (a JSON escape like `\ud800`, which would be stored as U+FFFD)
 */
export default class UnstorableTextException extends Exception {
  static status = 400
  static code = 'E_UNSTORABLE_TEXT'
  static message =
    'Text must be well-formed Unicode: no NUL character (U+0000) and no lone surrogate'
}
