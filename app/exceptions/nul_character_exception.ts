import { Exception } from '@adonisjs/core/exceptions'

/**
 * A request carried U+0000, which PostgreSQL text cannot store
 */
export default class NulCharacterException extends Exception {
  static status = 400
  static code = 'E_NUL_CHARACTER'
  static message = 'Text must not contain NUL characters (U+0000)'
}
