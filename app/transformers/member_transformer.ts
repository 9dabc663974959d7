import type User from '#models/user'
import type Room from '#models/room'

/**
 * The public JSON shape of a member of `room`
 */
export function serializeMember(member: User, room: Room) {
  return { id: member.id, username: member.username, owner: member.id === room.ownerId }
}
