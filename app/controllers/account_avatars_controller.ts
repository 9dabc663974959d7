import { inject } from '@adonisjs/core'
import AvatarService from '#services/people/avatar_service'
import { readAvatarUpload } from '#helpers/avatar_upload'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The signed-in user's avatar, from the account page
 */
@inject()
export default class AccountAvatarsController {
  constructor(protected avatars: AvatarService) {}

  /**
   * Uploads a new picture (multipart field `avatar`)
   */
  async update({ request, response, auth, session, i18n }: HttpContext) {
    const picture = await readAvatarUpload(request)
    await this.avatars.store(auth.getUserOrFail(), picture)
    session.flash('success', i18n.t('flash.avatar_updated'))
    return response.redirect().toRoute('account.show')
  }

  /**
   * Removes the picture (initials are shown again)
   */
  async destroy({ response, auth, session, i18n }: HttpContext) {
    await this.avatars.remove(auth.getUserOrFail())
    session.flash('success', i18n.t('flash.avatar_removed'))
    return response.redirect().toRoute('account.show')
  }
}
