import { inject } from '@adonisjs/core'
import { errors as vineErrors } from '@vinejs/vine'
import { emailRequired } from '#config/mail'
import { changeEmailValidator } from '#validators/email'
import { validateSecretForm } from '#helpers/validate_secret_form'
import { checkPassword } from '#services/account/password_check'
import { throttleVerificationResend } from '#services/auth/mail_link_throttle'
import EmailVerificationService from '#services/account/email_verification_service'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The e-mail address on the account page: change it, or get a new
 * verification link
 */
export default class AccountEmailsController {
  /**
   * Sets a new address (asks the current password); it is unverified until
   * its link is used
   */
  @inject()
  async update(ctx: HttpContext, verification: EmailVerificationService) {
    const { request, response, auth, session, i18n } = ctx
    const user = auth.use('web').getUserOrFail()
    const input = await validateSecretForm(
      ctx,
      async () => {
        const valid = await request.validateUsing(changeEmailValidator, {
          meta: { userId: user.id },
        })
        if (!valid.email && emailRequired()) {
          throw new vineErrors.E_VALIDATION_ERROR([
            { field: 'email', rule: 'required', message: i18n.t('mail.account.email_needed') },
          ])
        }
        return valid
      },
      'account.show'
    )
    if (!input) return
    await checkPassword(request.ip(), user, input.emailPassword, 'emailPassword')
    await verification.change(user, input.email ?? null, i18n)
    session.flash('success', i18n.t(input.email ? 'mail.account.changed' : 'mail.account.removed'))
    return response.redirect().toRoute('account.show')
  }

  /**
   * Mails a new verification link to the unverified address
   */
  @inject()
  async resend(
    { response, auth, session, i18n }: HttpContext,
    verification: EmailVerificationService
  ) {
    const user = auth.use('web').getUserOrFail()
    await throttleVerificationResend(user.id)
    verification.send(user, i18n)
    session.flash('success', i18n.t('mail.account.link_sent'))
    return response.redirect().toRoute('account.show')
  }
}
