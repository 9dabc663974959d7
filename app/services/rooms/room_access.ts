import Room from '#models/room'
import db from '@adonisjs/lucid/services/db'
import type { ChatUser, RoomAccess } from '#chat/index'

/**
 * The chat's RoomAccess port, answered by the Room model's rule
 */
export class ModelRoomAccess implements RoomAccess {
  async visibleRoom(id: number, user: ChatUser) {
    const room = await Room.query()
      .withScopes((scopes) => scopes.visibleTo(user.id))
      .where('rooms.id', id)
      .select('id', 'last_seq', 'visibility')
      .first()
    return room ? { id: room.id, lastSeq: room.lastSeq, isPrivate: room.isPrivate } : null
  }

  async mayModerate(room: number, user: ChatUser) {
    return Room.isModeratedBy(room, user.id)
  }

  async isArchived(room: number) {
    const row = await db.from('rooms').where('id', room).select('archived_at').first()
    return Boolean(row?.archived_at)
  }

  async mutedUntil(room: number, user: number) {
    const mute = await db
      .from('room_mutes')
      .where({ room_id: room, user_id: user })
      .where('until', '>', db.raw('now()'))
      .select('until')
      .first()
    return mute ? new Date(mute.until).getTime() : null
  }
}
