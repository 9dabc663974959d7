import { inject } from '@adonisjs/core'
import { deleteAccountValidator } from '#validators/user'
import { checkPassword } from '#services/account/password_check'
import AccountDeletionService from '#services/account/account_deletion_service'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Deleting the account through the API
 */
export default class AccountController {
  /**
   * Deletes the account after checking `password`: 204, 422
   * E_WRONG_PASSWORD or 409 E_OWNS_ROOMS
   */
  @inject()
  async destroy({ request, response, auth }: HttpContext, deletion: AccountDeletionService) {
    const { password } = await request.validateUsing(deleteAccountValidator)
    const user = auth.use('api').getUserOrFail()
    await checkPassword(request.ip(), user, password, 'password')
    await deletion.delete(user)
    return response.noContent()
  }
}
