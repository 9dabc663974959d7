/*
|--------------------------------------------------------------------------
| Bouncer abilities
|--------------------------------------------------------------------------
|
| Authorization lives in policies (app/policies). Standalone abilities that
| do not belong to a resource go here.
|
*/

import { Bouncer, AuthorizationResponse } from '@adonisjs/bouncer'
import type User from '#models/user'

/**
 * The instance admin's pages: its user list, deactivations, its room list
 */
export const administer = Bouncer.ability((user: User) => {
  if (user.isAdmin && !user.deactivatedAt) return true
  return AuthorizationResponse.deny('Only an administrator can do this.', 403).t(
    'moderation.admin_only'
  )
})
