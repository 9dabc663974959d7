import { inject } from '@adonisjs/core'
import { resetPasswordValidator } from '#validators/user'
import { throttleLinkUse } from '#services/auth/mail_link_throttle'
import MailLinkTokens from '#services/account/mail_link_tokens'
import PasswordResetService from '#services/account/password_reset_service'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Setting a new password with a mailed reset link (`/reset-password/TOKEN`)
 */
export default class PasswordResetsController {
  /**
   * The new-password form, or a page saying the link is used or expired.
   * No Referer leaves this page: its URL holds the token.
   */
  @inject()
  async show({ params, view, response }: HttpContext, tokens: MailLinkTokens) {
    response.header('referrer-policy', 'no-referrer')
    await tokens.inspect(params.token, 'password_reset')
    return view.render('pages/mail/reset_password', { token: params.token })
  }

  /**
   * Sets the new password (the link is used up), ends every session of
   * the account and sends the person to the login form
   */
  @inject()
  async store(
    { params, request, response, session, i18n }: HttpContext,
    resets: PasswordResetService
  ) {
    response.header('referrer-policy', 'no-referrer')
    await throttleLinkUse(request.ip())
    const { password } = await request.validateUsing(resetPasswordValidator)
    await resets.reset(params.token, password)
    session.flash('success', i18n.t('mail.reset.done'))
    return response.redirect().toRoute('session.create')
  }
}
