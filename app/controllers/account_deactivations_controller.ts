import { inject } from '@adonisjs/core'
import AccountDeactivationService from '#services/moderation/account_deactivation_service'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The admin deactivates and reactivates accounts from the admin page
 */
@inject()
export default class AccountDeactivationsController {
  constructor(protected deactivation: AccountDeactivationService) {}

  /**
   * Deactivates account `userId`: its sessions, tokens and sockets end at once
   */
  async store({ params, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.authorize('administer')
    const user = await this.deactivation.findAccountOrFail(params.userId)
    await this.deactivation.deactivate(user, auth.getUserOrFail())
    session.flash('success', i18n.t('moderation.flash.deactivated', { username: user.username }))
    return response.redirect().back()
  }

  /**
   * Lets account `userId` sign in again
   */
  async destroy({ params, response, bouncer, session, i18n }: HttpContext) {
    await bouncer.authorize('administer')
    const user = await this.deactivation.findAccountOrFail(params.userId)
    await this.deactivation.reactivate(user)
    session.flash('success', i18n.t('moderation.flash.reactivated', { username: user.username }))
    return response.redirect().back()
  }
}
