import transmit from '@adonisjs/transmit/services/main'
import type Room from '#models/room'

/**
 * The Transmit channel every signed-in user may follow for room list changes
 */
export const LOBBY_CHANNEL = 'lobby'

/**
 * Tells lobby subscribers a room appeared
 */
export function announceRoomCreated(room: Room, ownerName: string) {
  transmit.broadcast(LOBBY_CHANNEL, {
    type: 'room_created',
    room: { id: room.id, name: room.name, description: room.description, owner: ownerName },
  })
}

/**
 * Tells lobby subscribers a room is gone
 */
export function announceRoomDeleted(roomId: number) {
  transmit.broadcast(LOBBY_CHANNEL, { type: 'room_deleted', room: { id: roomId } })
}
