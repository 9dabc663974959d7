import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Why a moderation request was refused (422, about its `username` field)
 */
export type ModerationRefusal =
  | 'E_UNKNOWN_USER'
  | 'E_NOT_IN_ROOM'
  | 'E_ALREADY_MODERATOR'
  | 'E_MODERATES_ROOM'
  | 'E_OWN_ACCOUNT'

const MESSAGES: Record<ModerationRefusal, string> = {
  E_UNKNOWN_USER: 'No user has this username',
  E_NOT_IN_ROOM: 'This user cannot see the room',
  E_ALREADY_MODERATOR: 'This user already moderates the room',
  E_MODERATES_ROOM: 'The owner, the moderators and the admin of a room cannot be muted in it',
  E_OWN_ACCOUNT: 'You cannot do this to your own account',
}

/**
 * A moderation request names nobody suitable. Forms show it under the
 * username field; the API answers 422 with `field: 'username'`.
 */
export default class ModerationRefusedException extends Exception {
  static status = 422

  /** The request field the error belongs to */
  readonly field = 'username'

  constructor(readonly refusal: ModerationRefusal) {
    super(MESSAGES[refusal], { code: refusal })
  }

  /**
   * Back to the form with the message under the username field
   */
  async handle(error: this, ctx: HttpContext) {
    ctx.session.flashExcept(['_csrf', '_method'])
    ctx.session.flash('inputErrorsBag', {
      [error.field]: [ctx.i18n.t(`moderation.refusals.${error.refusal}`)],
    })
    return ctx.response.redirect().back()
  }
}
