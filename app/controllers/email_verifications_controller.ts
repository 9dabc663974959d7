import { inject } from '@adonisjs/core'
import { throttleLinkUse } from '#services/auth/mail_link_throttle'
import MailLinkTokens from '#services/account/mail_link_tokens'
import EmailVerificationService from '#services/account/email_verification_service'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Confirming an e-mail address with a mailed link (`/verify-email/TOKEN`):
 * the link opens a page with a button, so mail scanners that follow links
 * do not use it up
 */
export default class EmailVerificationsController {
  /**
   * The confirmation page, or a page saying the link is used or expired
   */
  @inject()
  async show({ params, view, response }: HttpContext, tokens: MailLinkTokens) {
    response.header('referrer-policy', 'no-referrer')
    const { email } = await tokens.inspect(params.token, 'email_verification')
    return view.render('pages/mail/verify_email', { token: params.token, email })
  }

  /**
   * Marks the address verified (the link is used up)
   */
  @inject()
  async store(
    { params, request, response, session, i18n, auth }: HttpContext,
    verification: EmailVerificationService
  ) {
    response.header('referrer-policy', 'no-referrer')
    await throttleLinkUse(request.ip())
    await verification.verify(params.token)
    session.flash('success', i18n.t('mail.verify.done'))
    return response.redirect().toRoute(auth.isAuthenticated ? 'account.show' : 'session.create')
  }
}
