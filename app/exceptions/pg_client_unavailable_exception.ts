import { Exception } from '@adonisjs/core/exceptions'

/**
 * pg_dump or pg_restore is missing from PATH, or older than the PostgreSQL
 * server it must talk to
 */
export default class PgClientUnavailableException extends Exception {
  static status = 500
  static code = 'E_PG_CLIENT_UNAVAILABLE'
}
