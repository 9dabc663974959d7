import type { HttpContext } from '@adonisjs/core/http'
import type { symbols } from '@adonisjs/auth'
import { SessionGuard } from '@adonisjs/auth/session'
import type { GuardConfigProvider } from '@adonisjs/auth/types'
import type { SessionGuardOptions, SessionUserProviderContract } from '@adonisjs/auth/types/session'
import type User from '#models/user'

/**
 * The user each request's session belongs to, read in the same statement as
 * the session's row (LazilyTouchedSessionStore) and dropped with the request
 */
const readAlong = new WeakMap<HttpContext, User>()

/**
 * Keeps `user`, read with the session of `ctx`, for that request's guard
 */
export function keepSessionUser(ctx: HttpContext, user: User) {
  readAlong.set(ctx, user)
}

/**
 * One request's user provider: the user read with the session when it is the
 * one asked for, else the app's provider (its own query)
 */
class SessionUserReadAlong implements SessionUserProviderContract<User> {
  declare [symbols.PROVIDER_REAL_USER]: User

  constructor(
    private readonly provider: SessionUserProviderContract<User>,
    private readonly ctx: HttpContext
  ) {}

  createUserForGuard(user: User) {
    return this.provider.createUserForGuard(user)
  }

  findById(identifier: string | number | BigInt) {
    const user = readAlong.get(this.ctx)
    if (user && String(user.id) === String(identifier)) {
      return this.createUserForGuard(user)
    }
    return this.provider.findById(identifier)
  }
}

/**
 * The session guard of @adonisjs/auth (`sessionGuard`, without remember-me
 * tokens) taking its user from the session's own statement when the
 * session store read it there: a signed-in request then costs one
 * statement less (the users ramp's most frequent statement; bench/README.md,
 * run R). The user's row is as fresh as the separate query's would be: it is
 * read at the start of the same request.
 */
export function sessionGuardReadingUserAlong(
  config: { provider: SessionUserProviderContract<User> } & SessionGuardOptions<false>
): GuardConfigProvider<(ctx: HttpContext) => SessionGuard<false, SessionUserReadAlong>> {
  return {
    async resolver(name, app) {
      const emitter = await app.container.make('emitter')
      return (ctx) =>
        new SessionGuard(name, ctx, config, emitter, new SessionUserReadAlong(config.provider, ctx))
    },
  }
}
