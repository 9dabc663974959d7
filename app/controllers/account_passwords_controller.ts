import { inject } from '@adonisjs/core'
import { changePasswordValidator } from '#validators/user'
import { validateSecretForm } from '#helpers/validate_secret_form'
import { checkPassword } from '#services/account/password_check'
import PasswordChangeService from '#services/account/password_change_service'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Changing the password from the account page
 */
export default class AccountPasswordsController {
  /**
   * Checks the current password, sets the new one and ends the other sessions
   */
  @inject()
  async update(ctx: HttpContext, passwords: PasswordChangeService) {
    const { request, response, auth, session, i18n } = ctx
    const input = await validateSecretForm(
      ctx,
      () => request.validateUsing(changePasswordValidator),
      'account.show'
    )
    if (!input) return
    const user = auth.use('web').getUserOrFail()
    await checkPassword(request.ip(), user, input.currentPassword, 'currentPassword')
    await passwords.change(user, input.password, session.sessionId)
    session.flash('success', i18n.t('flash.password_changed'))
    return response.redirect().toRoute('account.show')
  }
}
