import { inject } from '@adonisjs/core'
import AccessTokensService from '#services/account/access_tokens_service'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The user's API access tokens through the API
 */
@inject()
export default class AccountTokensController {
  constructor(protected tokens: AccessTokensService) {}

  /**
   * `{ data: [{ id, name, createdAt, lastUsedAt, expiresAt, current }] }`
   */
  async index({ auth }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    return { data: await this.tokens.list(user, user.currentAccessToken.identifier) }
  }

  /**
   * Revokes token `id` and closes its chat sockets: 204, or 404 E_ROW_NOT_FOUND
   */
  async destroy({ params, auth, response }: HttpContext) {
    if (!(await this.tokens.revoke(auth.use('api').getUserOrFail(), params.id))) {
      return response.notFound({
        errors: [{ code: 'E_ROW_NOT_FOUND', message: 'Token not found' }],
      })
    }
    return response.noContent()
  }
}
