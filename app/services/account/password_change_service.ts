import { inject } from '@adonisjs/core'
import SessionDevicesService from '#services/account/session_devices_service'
import type User from '#models/user'

/**
 * Changes a password and ends the user's other browser sessions with their
 * chat sockets (someone who knew the old password is signed out). API
 * tokens stay: they are listed and revoked on their own.
 */
@inject()
export default class PasswordChangeService {
  constructor(protected devices: SessionDevicesService) {}

  /**
   * Sets the new password (hashed on save) and ends every session but
   * `keepSessionId`
   */
  async change(user: User, password: string, keepSessionId?: string) {
    user.password = password
    await user.save()
    await this.devices.endAllBut(user.id, keepSessionId)
  }
}
