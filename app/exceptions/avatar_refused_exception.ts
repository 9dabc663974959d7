import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Why an avatar upload was refused
 */
type AvatarRefusal =
  'E_AVATAR_MISSING' | 'E_AVATAR_TOO_LARGE' | 'E_AVATAR_TOO_MANY_PIXELS' | 'E_AVATAR_NOT_AN_IMAGE'

const REFUSALS: Record<AvatarRefusal, { status: number; message: string; translation: string }> = {
  E_AVATAR_MISSING: {
    status: 422,
    message: 'Choose a picture to upload',
    translation: 'people.avatar.missing',
  },
  E_AVATAR_TOO_LARGE: {
    status: 413,
    message: 'The picture is larger than 5 MB',
    translation: 'people.avatar.too_large',
  },
  E_AVATAR_TOO_MANY_PIXELS: {
    status: 422,
    message: 'The picture has more than 40 million pixels',
    translation: 'people.avatar.too_many_pixels',
  },
  E_AVATAR_NOT_AN_IMAGE: {
    status: 422,
    message: 'The file is not a JPEG, PNG, WebP or GIF picture',
    translation: 'people.avatar.not_an_image',
  },
}

/**
 * An avatar upload without a file, too large (in bytes or pixels), or not a
 * picture (judged by its content, never its name). Forms show it under the file field; the API
 * answers 413 or 422 with `field: 'avatar'`.
 */
export default class AvatarRefusedException extends Exception {
  /** The request field the error belongs to */
  readonly field = 'avatar'

  constructor(readonly refusal: AvatarRefusal) {
    super(REFUSALS[refusal].message, { code: refusal, status: REFUSALS[refusal].status })
  }

  /**
   * Back to the account page with the message under the file field
   */
  async handle(error: this, ctx: HttpContext) {
    ctx.session.flash('inputErrorsBag', {
      [error.field]: [ctx.i18n.t(REFUSALS[error.refusal].translation)],
    })
    return ctx.response.redirect().toRoute('account.show')
  }
}
