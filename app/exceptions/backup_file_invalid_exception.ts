import { Exception } from '@adonisjs/core/exceptions'

/**
 * The file is not a db:backup file, or it is corrupt or truncated
 */
export default class BackupFileInvalidException extends Exception {
  static status = 422
  static code = 'E_BACKUP_FILE_INVALID'
}
