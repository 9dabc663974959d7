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
 * The Transmit channel of the public rooms' activity (last message, online
 * count, several events a second in a busy instance): only the lobby page
 * follows it, so the other pages' streams never carry it
 */
export const LOBBY_ACTIVITY_CHANNEL = 'lobby/activity'

/**
 * The Transmit channel of the activity of the private rooms user `userId`
 * is a member of; only user `userId`'s lobby page follows it
 */
export function userActivityChannel(userId: number) {
  return `users/${userId}/activity`
}

/**
 * A family of lobby channels: the public one, and each member's own
 */
type LobbyChannels = { lobby: string; member: (userId: number) => string }

/** Rooms appearing, changing and going away (every signed-in page's sidebar follows them) */
const ROOM_NEWS: LobbyChannels = { lobby: LOBBY_CHANNEL, member: userChannel }

/** The rooms' activity (only the lobby page follows it) */
const ROOM_ACTIVITY: LobbyChannels = { lobby: LOBBY_ACTIVITY_CHANNEL, member: userActivityChannel }

/**
 * Where news about a room goes (the room's visibility rule, for lobby
 * events): the lobby for a public room, the own channels of `memberIds`
 * for a private one (a private room never shows on the lobby); `channels`
 * picks the family, the room news' by default
 */
export function lobbyAudience(
  room: Pick<Room, 'isPrivate'>,
  memberIds: number[],
  channels: LobbyChannels = ROOM_NEWS
) {
  return room.isPrivate ? memberIds.map(channels.member) : [channels.lobby]
}

/**
 * Where the activity of room `id` goes as the room stands (lobbyAudience,
 * on the activity channels); none when the room is gone
 */
export async function activityAudienceOf(id: number) {
  const room = await Room.find(id)
  if (!room) {
    return []
  }
  const members = room.isPrivate ? await room.related('members').pivotQuery().select('user_id') : []
  return lobbyAudience(
    room,
    members.map((member) => member.user_id as number),
    ROOM_ACTIVITY
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
