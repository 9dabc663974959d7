import transmit from '@adonisjs/transmit/services/main'
import Room from '#models/room'

/**
 * The Transmit channel every signed-in user may follow for room list changes
 */
export const LOBBY_CHANNEL = 'lobby'

/**
 * The Transmit channel only user `userId` may follow (see start/transmit.ts)
 */
export function userChannel(userId: number) {
  return `users/${userId}`
}

/**
 * Where news about a room goes (the room's visibility rule, for lobby
 * events): the lobby for a public room, the own channels of `memberIds`
 * for a private one (a private room never shows on the lobby)
 */
function lobbyAudience(room: Pick<Room, 'isPrivate'>, memberIds: number[]) {
  return room.isPrivate ? memberIds.map(userChannel) : [LOBBY_CHANNEL]
}

/**
 * The audience of room `id` as it stands: the lobby, or every member's
 * channel; none when the room is gone
 */
export async function lobbyAudienceOf(id: number) {
  const room = await Room.find(id)
  if (!room) {
    return []
  }
  const members = room.isPrivate ? await room.related('members').pivotQuery().select('user_id') : []
  return lobbyAudience(
    room,
    members.map((member) => member.user_id as number)
  )
}

/**
 * The lobby's view of a room
 */
function lobbyRoom(room: Room, ownerName: string) {
  return {
    id: room.id,
    name: room.name,
    description: room.description,
    owner: ownerName,
    private: room.isPrivate,
  }
}

/**
 * Tells the lobbies that may see `room` that it appeared: everyone's for a
 * public room, those of `memberIds` for a private one
 */
export function announceRoomCreated(room: Room, ownerName: string, memberIds: number[] = []) {
  const event = { type: 'room_created', room: lobbyRoom(room, ownerName) }
  for (const channel of lobbyAudience(room, memberIds)) {
    transmit.broadcast(channel, event)
  }
}

/**
 * Tells the lobbies that could see `room` that it is gone (for a private
 * room: to `memberIds`, read before the delete)
 */
export function announceRoomDeleted(room: Room, memberIds: number[] = []) {
  const event = { type: 'room_deleted', room: { id: room.id } }
  for (const channel of lobbyAudience(room, memberIds)) {
    transmit.broadcast(channel, event)
  }
}

/**
 * Tells user `userId`'s pages that their membership of room `roomId`
 * changed (joined, left, favourite, notifications): their sidebars reload it
 */
export function announceMembershipChanged(userId: number, roomId: number) {
  transmit.broadcast(userChannel(userId), { type: 'membership', room: roomId })
}
