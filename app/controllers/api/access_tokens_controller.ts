import User from '#models/user'
import { credentialsValidator } from '#validators/user'
import { verifyCredentialsThrottled } from '#services/auth/login_throttle'
import { inject } from '@adonisjs/core'
import ChatSignOutService from '#services/chat/chat_sign_out_service'
import { tokenCredential } from '#services/chat/chat_credentials'
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
   * Revokes the token used for this request, and closes the chat sockets
   * opened with it
   */
  @inject()
  async destroy({ auth, response }: HttpContext, chat: ChatSignOutService) {
    const user = auth.use('api').getUserOrFail()
    await auth.use('api').invalidateToken()
    await chat.signOut(user.id, tokenCredential(user.currentAccessToken))
    return response.noContent()
  }
}
