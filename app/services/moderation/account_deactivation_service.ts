import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import User from '#models/user'
import { isRowId } from '#helpers/row_id'
import { errors as lucidErrors } from '@adonisjs/lucid'
import ChatSignOutService from '#services/chat/chat_sign_out_service'
import SessionDevicesService from '#services/account/session_devices_service'
import { tokenIdCredential } from '#services/chat/chat_credentials'
import ModerationRefusedException from '#exceptions/moderation_refused_exception'

/**
 * The admin deactivates an account: at once its sessions end, its API
 * tokens are revoked and its chat sockets close (1008) on every chat
 * process; it cannot sign in until reactivated. Its messages and rooms stay.
 */
@inject()
export default class AccountDeactivationService {
  constructor(
    protected chat: ChatSignOutService,
    protected devices: SessionDevicesService
  ) {}

  /**
   * The account `userId`, or the 404 of a missing user (also for ids no row can have)
   */
  async findAccountOrFail(userId: number) {
    if (!isRowId(userId)) {
      throw new lucidErrors.E_ROW_NOT_FOUND(User)
    }
    return User.findOrFail(userId)
  }

  /**
   * Deactivates `user`; an admin cannot deactivate their own account
   */
  async deactivate(user: User, by: User) {
    if (user.id === by.id) {
      throw new ModerationRefusedException('E_OWN_ACCOUNT')
    }
    await db.transaction(async (trx) => {
      user.deactivatedAt = DateTime.now()
      await user.useTransaction(trx).save()
      const tokenIds = await trx
        .from('auth_access_tokens')
        .where('tokenable_id', user.id)
        .select('id')
      await trx.from('auth_access_tokens').where('tokenable_id', user.id).delete()
      await this.chat.signOutWithin(
        trx,
        user.id,
        tokenIds.map(({ id }: { id: number }) => tokenIdCredential(id))
      )
    })
    await this.devices.endAllBut(user.id)
  }

  /**
   * Lets `user` sign in again
   */
  async reactivate(user: User) {
    user.deactivatedAt = null
    await user.save()
  }
}
