import env from '#start/env'
import string from '@adonisjs/core/helpers/string'

/**
 * Parses a size such as "10mb" from the environment; fails the boot with
 * the variable's name when it is not one
 */
function size(key: 'UPLOAD_MAX_FILE_SIZE' | 'UPLOAD_QUOTA_PER_USER', fallback: string) {
  const value = env.get(key) ?? fallback
  const bytes = string.bytes.parse(value)
  if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new Error(`Invalid value for "${key}": expected a size such as "10mb", got "${value}"`)
  }
  return bytes
}

/**
 * Files attached to messages, kept on the drive disk (config/drive.ts).
 * Read per request from `attachments.*`, so tests can lower the limits.
 */
const attachmentsConfig = {
  /** One file may have at most this many bytes (413 beyond) */
  maxFileSize: size('UPLOAD_MAX_FILE_SIZE', '10mb'),
  /** One user's attachments may add up to this many bytes (422 beyond) */
  quotaPerUser: size('UPLOAD_QUOTA_PER_USER', '200mb'),
}

export default attachmentsConfig
