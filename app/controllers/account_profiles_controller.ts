import { inject } from '@adonisjs/core'
import ProfileService from '#services/people/profile_service'
import { updateProfileValidator, updateTimeZoneValidator } from '#validators/profile'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The signed-in user's profile: the display name from the account page, the
 * time zone reported by their browser
 */
@inject()
export default class AccountProfilesController {
  constructor(protected profiles: ProfileService) {}

  /**
   * Sets or clears the display name
   */
  async update({ request, response, auth, session, i18n }: HttpContext) {
    const { displayName } = await request.validateUsing(updateProfileValidator)
    await this.profiles.update(auth.getUserOrFail(), { displayName: displayName ?? null })
    session.flash('success', i18n.t('flash.profile_updated'))
    return response.redirect().toRoute('account.show')
  }

  /**
   * Records the browser's time zone (sent by the page script when it differs)
   */
  async timeZone({ request, response, auth }: HttpContext) {
    const { timeZone } = await request.validateUsing(updateTimeZoneValidator)
    await this.profiles.update(auth.getUserOrFail(), { timeZone })
    return response.noContent()
  }
}
