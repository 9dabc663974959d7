import { errors as authErrors } from '@adonisjs/auth'
import SessionDevicesService from '#services/account/session_devices_service'
import { assertEmailRequirementMet } from '#services/account/email_gate'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Authenticators } from '@adonisjs/auth/types'

/**
 * Auth middleware is used authenticate HTTP requests and deny
 * access to unauthenticated users (and to accounts lacking the e-mail
 * address the operator requires).
 */
export default class AuthMiddleware {
  /**
   * The URL to redirect to, when authentication fails
   */
  redirectTo = '/login'

  async handle(
    ctx: HttpContext,
    next: NextFn,
    options: {
      guards?: (keyof Authenticators)[]
    } = {}
  ) {
    await ctx.auth.authenticateUsing(options.guards, { loginRoute: this.redirectTo })
    if (ctx.auth.getUserOrFail().deactivatedAt) {
      // Deactivation ends sessions and tokens; this only closes a race with it
      throw new authErrors.E_UNAUTHORIZED_ACCESS('Account deactivated', {
        guardDriverName: ctx.auth.authenticatedViaGuard ?? 'web',
        redirectTo: this.redirectTo,
      })
    }
    if (ctx.auth.authenticatedViaGuard === 'web') {
      const devices = await ctx.containerResolver.make(SessionDevicesService)
      const mode = ctx.request.header('sec-fetch-mode')
      await devices.track(ctx.session, ctx.auth.getUserOrFail().id, {
        userAgent: ctx.request.header('user-agent') ?? '',
        ip: ctx.request.ip(),
        background: mode !== undefined && mode !== 'navigate',
      })
    }
    assertEmailRequirementMet(ctx.auth.getUserOrFail(), ctx.route?.name)
    return next()
  }
}
