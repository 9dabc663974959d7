import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'
import { formatFileSize } from '#client/attachments/file_size'

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
    super(`${message}${limitNote(refusal, limits)}`, { status, code })
  }

  /**
   * Browsers only: the exception handler answers JSON requests itself
   */
  async handle(_error: this, { session, i18n, response }: HttpContext) {
    session.flash('inputErrorsBag', {
      file: [
        i18n.t(`attachments.errors.${this.refusal}`, {
          maxFileSize: formatFileSize(this.limits.maxFileSize, i18n.locale),
          quota: formatFileSize(this.limits.quotaPerUser, i18n.locale),
        }),
      ],
    })
    return response.redirect().back()
  }
}

/**
 * The limit a refusal is about, in English: " (10 MB)"
 */
function limitNote(refusal: UploadRefusal, limits: UploadRefusedException['limits']) {
  if (refusal === 'too_large') return ` (${formatFileSize(limits.maxFileSize, 'en')})`
  if (refusal === 'quota_exceeded') return ` (${formatFileSize(limits.quotaPerUser, 'en')})`
  return ''
}
