import RoomMember from '#models/room_member'
import { RoomFactory } from '#database/factories/room_factory'
import type User from '#models/user'

/**
 * A private room owned by `owner`, with the owner and `members` as members
 * (as RoomService.create and invitations leave it)
 */
export async function createPrivateRoom(owner: User, members: User[] = []) {
  const room = await RoomFactory.merge({ ownerId: owner.id, visibility: 'private' }).create()
  await RoomMember.createMany(
    [owner, ...members].map((user) => ({ roomId: room.id, userId: user.id }))
  )
  return room
}

/**
 * The ids of the members of a room, ascending
 */
export async function memberIdsOf(roomId: number) {
  const rows = await RoomMember.query().where('room_id', roomId).orderBy('user_id')
  return rows.map((row) => row.userId)
}
