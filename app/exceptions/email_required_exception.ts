import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * What the account still lacks: an address (EMAIL_REQUIRED) or its
 * verification (EMAIL_VERIFICATION=required)
 */
export type EmailLack = 'E_EMAIL_MISSING' | 'E_EMAIL_UNVERIFIED'

const LACKS: Record<EmailLack, { message: string; translation: string }> = {
  E_EMAIL_MISSING: {
    message: 'Add an e-mail address to your account first',
    translation: 'mail.gate.missing',
  },
  E_EMAIL_UNVERIFIED: {
    message: 'Verify your e-mail address first: use the link we mailed you',
    translation: 'mail.gate.unverified',
  },
}

/**
 * A signed-in account that may not use the app until its e-mail address
 * is added or verified: browsers go to the account page with the reason,
 * JSON clients get a 403 `{ errors: [{ code, message }] }` (the handler)
 */
export default class EmailRequiredException extends Exception {
  static status = 403

  constructor(readonly lack: EmailLack) {
    super(LACKS[lack].message, { code: lack, status: 403 })
  }

  /**
   * The account page with the reason, for browsers
   */
  async handle(error: this, ctx: HttpContext) {
    ctx.session.flash('error', ctx.i18n.t(LACKS[error.lack].translation))
    return ctx.response.redirect().toRoute('account.show')
  }
}
