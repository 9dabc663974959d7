import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Why a direct conversation could not be opened
 */
type DirectMessageRefusal =
  'E_UNKNOWN_USER' | 'E_NOT_REACHABLE' | 'E_NO_OTHER_PEOPLE' | 'E_TOO_MANY_PEOPLE'

const MESSAGES: Record<DirectMessageRefusal, { message: string; translation: string }> = {
  E_UNKNOWN_USER: {
    message: 'No user has this username',
    translation: 'direct.unknown_user',
  },
  E_NOT_REACHABLE: {
    message: 'This account cannot receive direct messages (a webhook bot or a deactivated account)',
    translation: 'direct.not_reachable',
  },
  E_NO_OTHER_PEOPLE: {
    message: 'Name at least one other person',
    translation: 'direct.no_other_people',
  },
  E_TOO_MANY_PEOPLE: {
    message: 'A direct conversation has at most 9 people',
    translation: 'direct.too_many_people',
  },
}

/**
 * A direct conversation names an unknown user, a bot or deactivated
 * account, nobody but its starter, or too many people. Forms show it under the people field; the API answers
 * 422 with `field: 'usernames'`.
 */
export default class DirectMessageRefusedException extends Exception {
  static status = 422

  /** The request field the error belongs to */
  readonly field = 'usernames'

  constructor(
    readonly refusal: DirectMessageRefusal,
    readonly username?: string
  ) {
    super(MESSAGES[refusal].message, { code: refusal })
  }

  /**
   * Back to the form with the message under the people field
   */
  async handle(error: this, ctx: HttpContext) {
    ctx.session.flashExcept(['_csrf', '_method'])
    ctx.session.flash('inputErrorsBag', {
      [error.field]: [ctx.i18n.t(MESSAGES[error.refusal].translation, { name: error.username })],
    })
    return ctx.response.redirect().back()
  }
}
