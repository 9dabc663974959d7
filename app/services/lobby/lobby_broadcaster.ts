import transmit from '@adonisjs/transmit/services/main'
import type Room from '#models/room'

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
 * Where news about a room goes: the lobby for a public room, each member's
 * own channel for a private one (a private room never shows on the lobby)
 */
function channelsOf(room: Pick<Room, 'isPrivate'>, memberIds: number[]) {
  return room.isPrivate ? memberIds.map(userChannel) : [LOBBY_CHANNEL]
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
  for (const channel of channelsOf(room, memberIds)) {
    transmit.broadcast(channel, event)
  }
}

/**
 * Tells the lobbies that could see `room` that it is gone (for a private
 * room: to `memberIds`, read before the delete)
 */
export function announceRoomDeleted(room: Room, memberIds: number[] = []) {
  const event = { type: 'room_deleted', room: { id: room.id } }
  for (const channel of channelsOf(room, memberIds)) {
    transmit.broadcast(channel, event)
  }
}
