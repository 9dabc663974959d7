import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Why an invitation to a private room was refused
 */
type InviteRefusal = 'E_UNKNOWN_USER' | 'E_ALREADY_MEMBER'

const MESSAGES: Record<InviteRefusal, { message: string; translation: string }> = {
  E_UNKNOWN_USER: {
    message: 'No user has this username',
    translation: 'rooms.members.unknown_user',
  },
  E_ALREADY_MEMBER: {
    message: 'This user is already a member',
    translation: 'rooms.members.already_member',
  },
}

/**
 * An invitation names no user, or someone already in the room. Forms show it
 * under the username field; the API answers 422 with `field: 'username'`.
 */
export default class InviteRefusedException extends Exception {
  static status = 422

  /** The request field the error belongs to */
  readonly field = 'username'

  constructor(readonly refusal: InviteRefusal) {
    super(MESSAGES[refusal].message, { code: refusal })
  }

  /**
   * Back to the form with the message under the username field
   */
  async handle(error: this, ctx: HttpContext) {
    ctx.session.flashExcept(['_csrf', '_method'])
    ctx.session.flash('inputErrorsBag', {
      [error.field]: [ctx.i18n.t(MESSAGES[error.refusal].translation)],
    })
    return ctx.response.redirect().back()
  }
}
