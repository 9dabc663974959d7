import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { registrationMode } from '#services/invites/registration_policy'

/**
 * Shares `signUpOpen` with Edge: pages link to the sign-up form only when
 * anyone may use it (REGISTRATION=open). With `invite` a sign-up needs the
 * invite link, which leads to the form itself; with `closed` nobody may.
 */
export default class ShareRegistrationModeMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    ctx.view.share({ signUpOpen: registrationMode() === 'open' })
    return next()
  }
}
