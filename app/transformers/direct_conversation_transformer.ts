import { BaseTransformer } from '@adonisjs/core/transformers'
import { directTitle } from '#services/people/direct_message_service'
import type Room from '#models/room'

/**
 * The JSON shape of a direct conversation (its people loaded) for one viewer
 */
export default class DirectConversationTransformer extends BaseTransformer<Room> {
  constructor(
    room: Room,
    protected viewerId: number
  ) {
    super(room)
  }

  toObject() {
    const room = this.resource
    return {
      id: room.id,
      kind: room.kind,
      title: directTitle(room.members, this.viewerId),
      people: room.members.map((person) => ({
        id: person.id,
        username: person.username,
        displayName: person.displayName,
      })),
      lastSeq: room.lastSeq,
      createdAt: room.createdAt.toISO(),
    }
  }
}
