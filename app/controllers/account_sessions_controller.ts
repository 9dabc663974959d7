import { inject } from '@adonisjs/core'
import SessionDevicesService, { sessionKey } from '#services/account/session_devices_service'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Ending one of the user's browser sessions from the account page
 */
export default class AccountSessionsController {
  /**
   * Ends the session named by `key` (this one logs out); 404 for none
   */
  @inject()
  async destroy(
    { params, auth, session, response, i18n }: HttpContext,
    devices: SessionDevicesService
  ) {
    const user = auth.use('web').getUserOrFail()
    if (!(await devices.end(user.id, params.key))) {
      return response.notFound(i18n.t('account.errors.no_such_session'))
    }
    if (params.key === sessionKey(session.sessionId)) {
      await auth.use('web').logout()
      return response.redirect().toRoute('session.create')
    }
    session.flash('success', i18n.t('flash.session_ended'))
    return response.redirect().toRoute('account.show')
  }
}
