import transmit from '@adonisjs/transmit/services/main'
import type Room from '#models/room'
import {
  announceRoomCreated,
  LOBBY_CHANNEL,
  lobbyAudience,
} from '#services/lobby/lobby_broadcaster'

/**
 * Tells the lobbies and sidebars that may see `room` its current name,
 * topic and visibility (`room_updated`). A room made private leaves the
 * public lobby and stays in its members' lists; one made public appears in
 * everyone's.
 */
export async function announceSettingsChanged(room: Room, visibilityChanged: boolean) {
  await room.load('owner')
  if (visibilityChanged && room.isPrivate) {
    transmit.broadcast(LOBBY_CHANNEL, { type: 'room_deleted', room: { id: room.id } })
  }
  const members = room.isPrivate ? await room.related('members').pivotQuery().select('user_id') : []
  const memberIds = members.map((member) => member.user_id as number)
  if (visibilityChanged) {
    announceRoomCreated(room, room.owner.username, memberIds)
  }
  const event = {
    type: 'room_updated',
    room: {
      id: room.id,
      name: room.name,
      description: room.description,
      owner: room.owner.username,
      private: room.isPrivate,
      archived: room.isArchived,
    },
  }
  for (const channel of lobbyAudience(room, memberIds)) {
    transmit.broadcast(channel, event)
  }
}
