import { Exception } from '@adonisjs/core/exceptions'

/**
 * A backup or restore that would not be safe or cannot work: a non-empty
 * target without --replace, a backup of a newer schema, a connection that is
 * not PostgreSQL
 */
export default class BackupRefusedException extends Exception {
  static status = 422
  static code = 'E_BACKUP_REFUSED'
}
