import { inject } from '@adonisjs/core'
import AdminDirectoryService from '#services/moderation/admin_directory_service'
import AccountDeactivationService from '#services/moderation/account_deactivation_service'
import { adminDirectoryValidator } from '#validators/moderation'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The instance admin's accounts as JSON: list and search, deactivate, reactivate
 */
@inject()
export default class AdminUsersController {
  constructor(
    protected directory: AdminDirectoryService,
    protected deactivation: AccountDeactivationService
  ) {}

  /**
   * Accounts matching `?q=`, newest first, 25 a page (`?page=`)
   */
  async index({ request, bouncer }: HttpContext) {
    await bouncer.authorize('administer')
    const { q, page } = await request.validateUsing(adminDirectoryValidator, {
      data: request.qs(),
    })
    const users = await this.directory.users(q, page ?? 1)
    return {
      data: users.all().map((user) => ({
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        admin: user.isAdmin,
        deactivated: user.deactivatedAt !== null,
        createdAt: user.createdAt.toISO(),
      })),
      meta: { page: users.currentPage, lastPage: users.lastPage, total: users.total },
    }
  }

  /**
   * Deactivates account `userId` at once (sessions, tokens, sockets)
   */
  async deactivate({ params, response, auth, bouncer }: HttpContext) {
    await bouncer.authorize('administer')
    const user = await this.deactivation.findAccountOrFail(params.userId)
    await this.deactivation.deactivate(user, auth.getUserOrFail())
    return response.noContent()
  }

  /**
   * Lets account `userId` sign in again
   */
  async reactivate({ params, response, bouncer }: HttpContext) {
    await bouncer.authorize('administer')
    const user = await this.deactivation.findAccountOrFail(params.userId)
    await this.deactivation.reactivate(user)
    return response.noContent()
  }
}
