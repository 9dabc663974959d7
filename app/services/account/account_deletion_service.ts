import { randomBytes } from 'node:crypto'
import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import Room from '#models/room'
import AccountRefusedException from '#exceptions/account_refused_exception'
import ChatSignOutService from '#services/chat/chat_sign_out_service'
import AvatarService from '#services/people/avatar_service'
import SessionDevicesService from '#services/account/session_devices_service'
import { sessionCredential, tokenIdCredential } from '#services/chat/chat_credentials'

/**
 * The name a deleted account's messages are shown under. The space keeps it
 * out of reach of registration (usernames are letters, digits, `_` and `-`).
 */
export function deletedUsername(id: number) {
  return `deleted user ${id}`
}

/**
 * Deletes accounts. The user row stays as an anonymous tombstone so the
 * rooms' sequence logs keep every entry: the account's messages stay,
 * attributed to "deleted user N", with its name, e-mail address and password gone. Deleting
 * is refused while the account owns rooms (a team's room is not lost by
 * surprise; direct conversations it started are nobody's and stay).
 * Everything else — display name, time zone, avatar (its files after the commit), tokens, memberships, read
 * markers, mentions, push subscriptions, invites it created, sessions —
 * goes in one transaction, and its chat sockets close.
 */
@inject()
export default class AccountDeletionService {
  constructor(
    protected chat: ChatSignOutService,
    protected devices: SessionDevicesService,
    protected avatars: AvatarService
  ) {}

  /**
   * Deletes the account of `user`; E_OWNS_ROOMS while it owns rooms
   */
  async delete(user: User) {
    const sessionIds = await this.devices.ids(user.id)
    await db.transaction(async (trx) => {
      const account = await User.query({ client: trx })
        .where('id', user.id)
        .forUpdate()
        .firstOrFail()
      const owned = await Room.query({ client: trx })
        .where('owner_id', account.id)
        .where('kind', 'room')
        .first()
      if (owned) {
        throw new AccountRefusedException('E_OWNS_ROOMS', 'password')
      }
      const tokenIds = await trx
        .from('auth_access_tokens')
        .where('tokenable_id', account.id)
        .select('id')
      await trx.from('auth_access_tokens').where('tokenable_id', account.id).delete()
      await trx.from('room_members').where('user_id', account.id).delete()
      await trx.from('room_reads').where('user_id', account.id).delete()
      await trx.from('message_mentions').where('user_id', account.id).delete()
      await trx.from('push_subscriptions').where('user_id', account.id).delete()
      await trx.from('sessions').where('user_id', String(account.id)).delete()
      await trx.from('invites').where('created_by', account.id).delete()
      await trx.from('user_tokens').where('user_id', account.id).delete()
      account.username = deletedUsername(account.id)
      account.email = null
      account.emailVerifiedAt = null
      account.displayName = null
      account.timeZone = null
      account.avatarKey = null
      account.password = randomBytes(32).toString('base64url')
      await account.useTransaction(trx).save()
      await this.chat.signOutWithin(trx, account.id, [
        ...sessionIds.map(sessionCredential),
        ...tokenIds.map(({ id }: { id: number }) => tokenIdCredential(id)),
      ])
    })
    await this.devices.forget(sessionIds)
    await this.avatars.forget(user.id)
  }
}
