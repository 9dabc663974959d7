import User from '#models/user'
import { credentialsValidator } from '#validators/user'
import { verifyCredentialsThrottled } from '#services/auth/login_throttle'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Bearer tokens for API clients
 */
export default class AccessTokensController {
  /**
   * Exchanges a username and password for a 30-day access token
   */
  async store({ request, response }: HttpContext) {
    const { username, password } = await request.validateUsing(credentialsValidator)
    const user = await verifyCredentialsThrottled(request.ip(), username, password)
    const token = await User.accessTokens.create(user, ['*'], { name: 'api' })
    return response.created({
      type: 'bearer',
      token: token.value!.release(),
      expiresAt: token.expiresAt?.toISOString() ?? null,
      user: { id: user.id, username: user.username },
    })
  }

  /**
   * Revokes the token used for this request
   */
  async destroy({ auth, response }: HttpContext) {
    await auth.use('api').invalidateToken()
    return response.noContent()
  }
}
