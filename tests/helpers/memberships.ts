import RoomMember, { type NotificationLevel } from '#models/room_member'
import type Room from '#models/room'
import type User from '#models/user'

/**
 * Makes `user` a member of each of `rooms` (as joining leaves it), with
 * the given settings
 */
export async function joinRooms(
  user: User,
  rooms: Room[],
  settings: { favourite?: boolean; notificationLevel?: NotificationLevel } = {}
) {
  await RoomMember.createMany(
    rooms.map((room) => ({ roomId: room.id, userId: user.id, ...settings }))
  )
}
