import { inject } from '@adonisjs/core'
import { isRowId } from '#helpers/row_id'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { ChatNode } from '#chat/index'
import User from '#models/user'
import Room from '#models/room'
import ModerationRefusedException from '#exceptions/moderation_refused_exception'

/**
 * How long a mute may last, in minutes (the form offers these)
 */
export const MUTE_DURATIONS = [10, 60, 24 * 60, 7 * 24 * 60] as const

/**
 * Mutes: a user may not post or edit in a room until a time. The chat
 * refuses their sends (`muted` frame, HTTP E_MUTED); every chat node
 * learns of a change at once. Callers check who may mute (RoomPolicy.moderate).
 */
@inject()
export default class RoomMutesService {
  constructor(protected chat: ChatNode) {}

  /**
   * The mutes of `room` still running, soonest end first
   */
  async active(room: Room) {
    const rows = await db
      .from('room_mutes')
      .join('users', 'users.id', 'room_mutes.user_id')
      .where('room_mutes.room_id', room.id)
      .where('room_mutes.until', '>', db.raw('now()'))
      .orderBy('room_mutes.until')
      .select('users.id', 'users.username', 'room_mutes.until')
    return rows.map((row) => ({
      id: row.id as number,
      username: row.username as string,
      until: DateTime.fromJSDate(new Date(row.until)),
    }))
  }

  /**
   * Mutes the user named `username` in `room` for `minutes` (replacing a
   * running mute); whoever moderates the room cannot be muted in it
   */
  async mute(room: Room, username: string, minutes: number, by: User) {
    const user = await User.findByUsername(username)
    if (!user || !(await room.isVisibleTo(user.id))) {
      throw new ModerationRefusedException(user ? 'E_NOT_IN_ROOM' : 'E_UNKNOWN_USER')
    }
    if (user.id === by.id) {
      throw new ModerationRefusedException('E_OWN_ACCOUNT')
    }
    if (await Room.isModeratedBy(room.id, user.id)) {
      throw new ModerationRefusedException('E_MODERATES_ROOM')
    }
    const until = DateTime.now().plus({ minutes })
    await db.rawQuery(
      `INSERT INTO room_mutes (room_id, user_id, muted_by, until) VALUES (?, ?, ?, ?)
       ON CONFLICT (room_id, user_id) DO UPDATE SET muted_by = EXCLUDED.muted_by, until = EXCLUDED.until`,
      [room.id, user.id, by.id, until.toJSDate()]
    )
    await this.chat.muteChanged(room.id, user.id, until.toMillis())
    return { user, until }
  }

  /**
   * Ends `userId`'s mute in `room`; false when there was none
   */
  async unmute(room: Room, userId: number) {
    if (!isRowId(userId)) return false
    const removed = await db
      .from('room_mutes')
      .where({ room_id: room.id, user_id: userId })
      .delete()
    await this.chat.muteChanged(room.id, userId, null)
    return Number(removed) > 0
  }
}
