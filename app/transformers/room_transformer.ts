import type Room from '#models/room'

/**
 * The public JSON shape of a room
 */
export function serializeRoom(room: Room) {
  return {
    id: room.id,
    name: room.name,
    description: room.description,
    visibility: room.visibility,
    owner: room.owner ? { id: room.owner.id, username: room.owner.username } : null,
    lastSeq: room.lastSeq,
    createdAt: room.createdAt.toISO(),
  }
}
