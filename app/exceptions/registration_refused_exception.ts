import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Why sign-up is refused: REGISTRATION=closed, or REGISTRATION=invite
 * without an invite link
 */
export type RegistrationRefusal = 'closed' | 'invite_required'

const REFUSALS: Record<RegistrationRefusal, { code: string; message: string }> = {
  closed: { code: 'E_REGISTRATION_CLOSED', message: 'Registration is closed on this server' },
  invite_required: {
    code: 'E_INVITE_REQUIRED',
    message: 'Registration on this server needs an invite link',
  },
}

/**
 * Sign-up refused by the registration mode: a 403 page saying why
 */
export default class RegistrationRefusedException extends Exception {
  static status = 403

  constructor(readonly refusal: RegistrationRefusal) {
    super(REFUSALS[refusal].message, { code: REFUSALS[refusal].code, status: 403 })
  }

  /**
   * The "registration closed" page with the reason in the reader's language
   */
  async handle(error: this, ctx: HttpContext) {
    const page = await ctx.view.render('pages/auth/registration_refused', {
      refusal: error.refusal,
    })
    return ctx.response.status(403).send(page)
  }
}
