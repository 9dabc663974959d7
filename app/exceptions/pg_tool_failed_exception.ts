import { Exception } from '@adonisjs/core/exceptions'

/**
 * pg_dump or pg_restore ran and exited with an error
 */
export default class PgToolFailedException extends Exception {
  static status = 500
  static code = 'E_PG_TOOL_FAILED'
}
