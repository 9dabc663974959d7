import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Why an account change was refused
 */
export type AccountRefusal = 'E_WRONG_PASSWORD' | 'E_OWNS_ROOMS'

const REFUSALS: Record<AccountRefusal, { status: number; message: string; translation: string }> = {
  E_WRONG_PASSWORD: {
    status: 422,
    message: 'The current password is wrong',
    translation: 'account.errors.wrong_password',
  },
  E_OWNS_ROOMS: {
    status: 409,
    message: 'You still own rooms: delete them before deleting your account',
    translation: 'account.errors.owns_rooms',
  },
}

/**
 * A wrong password on the account page, or an account deletion while the
 * account still owns rooms. Forms show it under `field`; the API answers
 * with the status and `{ errors: [{ code, message, field }] }`.
 */
export default class AccountRefusedException extends Exception {
  constructor(
    readonly refusal: AccountRefusal,
    readonly field: string
  ) {
    super(REFUSALS[refusal].message, { code: refusal, status: REFUSALS[refusal].status })
  }

  /**
   * Back to the account page with the message under the field
   */
  async handle(error: this, ctx: HttpContext) {
    ctx.session.flash('inputErrorsBag', {
      [error.field]: [ctx.i18n.t(REFUSALS[error.refusal].translation)],
    })
    return ctx.response.redirect().toRoute('account.show')
  }
}
