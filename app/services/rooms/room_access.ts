import Room from '#models/room'
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
}
