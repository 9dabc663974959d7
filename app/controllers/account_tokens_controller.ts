import { inject } from '@adonisjs/core'
import AccessTokensService from '#services/account/access_tokens_service'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Revoking an API token from the account page
 */
export default class AccountTokensController {
  /**
   * Revokes the token and closes its chat sockets; 404 for none
   */
  @inject()
  async destroy(
    { params, auth, session, response, i18n }: HttpContext,
    tokens: AccessTokensService
  ) {
    const user = auth.use('web').getUserOrFail()
    if (!(await tokens.revoke(user, params.id))) {
      return response.notFound(i18n.t('account.errors.no_such_token'))
    }
    session.flash('success', i18n.t('flash.token_revoked'))
    return response.redirect().toRoute('account.show')
  }
}
