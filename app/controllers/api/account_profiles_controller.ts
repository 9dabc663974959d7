import { inject } from '@adonisjs/core'
import ProfileService from '#services/people/profile_service'
import PersonTransformer from '#transformers/person_transformer'
import { updateProfileApiValidator } from '#validators/profile'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The token user's profile over the API
 */
@inject()
export default class AccountProfilesController {
  constructor(protected profiles: ProfileService) {}

  /**
   * Changes the display name and/or time zone given (null clears)
   */
  async update({ request, auth, serialize }: HttpContext) {
    const change = await request.validateUsing(updateProfileApiValidator)
    const user = await this.profiles.update(auth.getUserOrFail(), change)
    return serialize(PersonTransformer.transform(user))
  }
}
