import { inject } from '@adonisjs/core'
import SessionDevicesService from '#services/account/session_devices_service'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The user's browser sessions through the API
 */
@inject()
export default class AccountSessionsController {
  constructor(protected devices: SessionDevicesService) {}

  /**
   * `{ data: [{ key, userAgent, ip, lastSeenAt, current }] }`
   */
  async index({ auth }: HttpContext) {
    return { data: await this.devices.list(auth.use('api').getUserOrFail().id) }
  }

  /**
   * Ends the session named by `key`: 204, or 404 E_ROW_NOT_FOUND
   */
  async destroy({ params, auth, response }: HttpContext) {
    if (!(await this.devices.end(auth.use('api').getUserOrFail().id, params.key))) {
      return response.notFound({
        errors: [{ code: 'E_ROW_NOT_FOUND', message: 'Session not found' }],
      })
    }
    return response.noContent()
  }
}
