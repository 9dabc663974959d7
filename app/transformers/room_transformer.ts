import { BaseTransformer } from '@adonisjs/core/transformers'
import type Room from '#models/room'

/**
 * The public JSON shape of a room (a direct conversation has no owner)
 */
export default class RoomTransformer extends BaseTransformer<Room> {
  toObject() {
    const room = this.resource
    return {
      id: room.id,
      name: room.name,
      description: room.description,
      visibility: room.visibility,
      kind: room.kind,
      archived: room.isArchived,
      owner:
        room.owner && !room.isDirect ? { id: room.owner.id, username: room.owner.username } : null,
      lastSeq: room.lastSeq,
      createdAt: room.createdAt.toISO(),
    }
  }
}
