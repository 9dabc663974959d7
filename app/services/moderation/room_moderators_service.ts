import { inject } from '@adonisjs/core'
import { isRowId } from '#helpers/row_id'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import type Room from '#models/room'
import ModerationRefusedException from '#exceptions/moderation_refused_exception'

/**
 * The moderators a room's owner chose. Callers check who may change them
 * (RoomPolicy.manageModerators); this only does it.
 */
@inject()
export default class RoomModeratorsService {
  /**
   * The moderators of `room`, by username ignoring case
   */
  list(room: Room) {
    return User.query()
      .whereIn('id', db.from('room_moderators').where('room_id', room.id).select('user_id'))
      .orderByRaw('lower(username)')
      .orderBy('id')
  }

  /**
   * Makes the user named `username` a moderator of `room`; they must be able
   * to see it and not moderate it already (its owner always does)
   */
  async appoint(room: Room, username: string) {
    const user = await User.findByUsername(username)
    if (!user || user.deactivatedAt) {
      throw new ModerationRefusedException('E_UNKNOWN_USER')
    }
    if (user.id === room.ownerId) {
      throw new ModerationRefusedException('E_ALREADY_MODERATOR')
    }
    if (!(await room.isVisibleTo(user.id))) {
      throw new ModerationRefusedException('E_NOT_IN_ROOM')
    }
    const inserted = await db.rawQuery<{ rows: unknown[] }>(
      `INSERT INTO room_moderators (room_id, user_id, created_at) VALUES (?, ?, now())
       ON CONFLICT (room_id, user_id) DO NOTHING RETURNING user_id`,
      [room.id, user.id]
    )
    if (inserted.rows.length === 0) {
      throw new ModerationRefusedException('E_ALREADY_MODERATOR')
    }
    return user
  }

  /**
   * Ends `userId`'s moderation of `room`; false when they were not a moderator
   */
  async dismiss(room: Room, userId: number) {
    if (!isRowId(userId)) return false
    const removed = await db
      .from('room_moderators')
      .where({ room_id: room.id, user_id: userId })
      .delete()
    return Number(removed) > 0
  }
}
