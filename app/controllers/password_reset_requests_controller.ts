import { inject } from '@adonisjs/core'
import { forgotPasswordValidator } from '#validators/email'
import { throttleResetRequest } from '#services/auth/mail_link_throttle'
import PasswordResetService from '#services/account/password_reset_service'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Asking for a password reset link by e-mail
 */
export default class PasswordResetRequestsController {
  /**
   * The "forgot your password?" form
   */
  async create({ view }: HttpContext) {
    return view.render('pages/mail/forgot_password')
  }

  /**
   * Mails a link if an account uses the address; the answer is the same
   * either way (rate-limited per IP and per address)
   */
  @inject()
  async store({ request, response, session, i18n }: HttpContext, resets: PasswordResetService) {
    const { email } = await request.validateUsing(forgotPasswordValidator)
    await throttleResetRequest(request.ip(), email)
    resets.request(email, i18n)
    session.flash('success', i18n.t('mail.forgot.sent'))
    return response.redirect().toRoute('password_reset_requests.create')
  }
}
