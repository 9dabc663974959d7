import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Why an upload was refused: its HTTP status, code and English message
 * (browsers see attachments.errors.<reason> in their language)
 */
export const UPLOAD_REFUSALS = {
  too_large: {
    status: 413,
    code: 'E_UPLOAD_TOO_LARGE',
    message: 'The file is larger than the size limit',
  },
  quota_exceeded: {
    status: 422,
    code: 'E_UPLOAD_QUOTA_EXCEEDED',
    message: 'The file does not fit in your storage quota',
  },
  empty_file: { status: 422, code: 'E_UPLOAD_EMPTY', message: 'The file is empty' },
  invalid_multipart: {
    status: 400,
    code: 'E_INVALID_MULTIPART',
    message: 'The multipart body is malformed or holds more than one file or too many fields',
  },
} as const

/**
 * A reason an upload is refused
 */
export type UploadRefusal = keyof typeof UPLOAD_REFUSALS

/**
 * An upload was refused. Scripts and API clients get the JSON error
 * (`{ errors: [{ code, message, field: 'file' }] }`); the no-JavaScript form
 * goes back to the room with the reason under its file input.
 */
export default class UploadRefusedException extends Exception {
  readonly field = 'file'

  constructor(
    readonly refusal: UploadRefusal,
    readonly limits: { maxFileSize: number; quotaPerUser: number }
  ) {
    const { status, code, message } = UPLOAD_REFUSALS[refusal]
    super(message, { status, code })
  }

  /**
   * Browsers only: the exception handler answers JSON requests itself
   */
  async handle(_error: this, { session, i18n, response }: HttpContext) {
    session.flashErrors({
      file: i18n.t(`attachments.errors.${this.refusal}`, {
        maxFileSize: formatBytes(this.limits.maxFileSize),
        quota: formatBytes(this.limits.quotaPerUser),
      }),
    })
    return response.redirect().back()
  }
}

/**
 * 10485760 → "10 MB"
 */
function formatBytes(bytes: number) {
  const units = ['bytes', 'KB', 'MB', 'GB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`
}
