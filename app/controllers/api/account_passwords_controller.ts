import { inject } from '@adonisjs/core'
import { changePasswordValidator } from '#validators/user'
import { checkPassword } from '#services/account/password_check'
import PasswordChangeService from '#services/account/password_change_service'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Changing the password through the API
 */
export default class AccountPasswordsController {
  /**
   * Checks `currentPassword`, sets `password` and ends every browser session
   * (the API token used stays valid): 204
   */
  @inject()
  async update({ request, response, auth }: HttpContext, passwords: PasswordChangeService) {
    const input = await request.validateUsing(changePasswordValidator)
    const user = auth.use('api').getUserOrFail()
    await checkPassword(request.ip(), user, input.currentPassword, 'currentPassword')
    await passwords.change(user, input.password)
    return response.noContent()
  }
}
