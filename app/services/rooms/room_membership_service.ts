import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { errors as lucidErrors } from '@adonisjs/lucid'
import User from '#models/user'
import RoomMember from '#models/room_member'
import InviteRefusedException from '#exceptions/invite_refused_exception'
import { ChatNode } from '#chat/index'
import { announceRoomCreated, announceRoomDeleted } from '#services/lobby/lobby_broadcaster'
import RoomService from '#services/rooms/room_service'
import Room from '#models/room'
import { isRowId } from '#helpers/row_id'

/**
 * Members of private rooms: listing, inviting by username, removing and
 * leaving. Callers check who may do it (RoomPolicy); this only does it.
 */
@inject()
export default class RoomMembershipService {
  constructor(
    protected rooms: RoomService,
    protected chat: ChatNode
  ) {}

  /**
   * The private room `id`, its owner loaded, when `viewer` is a member; a
   * 404 otherwise (public rooms have no member list: everyone may join)
   */
  async findRoomOrFail(id: number, viewer: User) {
    const room = await this.rooms.findVisibleOrFail(id, viewer)
    if (!room.isPrivate) {
      throw new lucidErrors.E_ROW_NOT_FOUND(Room)
    }
    return room
  }

  /**
   * The members of `room`: its owner first, then by username ignoring case
   */
  list(room: Room) {
    return room
      .related('members')
      .query()
      .orderByRaw('(users.id = ?) DESC', [room.ownerId])
      .orderByRaw('lower(users.username)')
      .orderBy('users.id')
  }

  /**
   * The member `userId` of `room`; a 404 when they are not in it
   */
  async findMemberOrFail(room: Room, userId: number) {
    const member = isRowId(userId) ? await this.list(room).where('users.id', userId).first() : null
    if (!member) {
      throw new lucidErrors.E_ROW_NOT_FOUND(RoomMember)
    }
    return member
  }

  /**
   * Adds the user named `username` (ignoring case) to the private `room`
   * (its owner loaded) and shows the room in their lobby. Refuses unknown
   * usernames and people already in the room.
   */
  async invite(room: Room, username: string) {
    const user = await User.findByUsername(username)
    if (!user) {
      throw new InviteRefusedException('E_UNKNOWN_USER')
    }
    const inserted = await db.rawQuery<{ rows: unknown[] }>(
      `INSERT INTO room_members (room_id, user_id, created_at) VALUES (?, ?, now())
       ON CONFLICT (room_id, user_id) DO NOTHING RETURNING user_id`,
      [room.id, user.id]
    )
    if (inserted.rows.length === 0) {
      throw new InviteRefusedException('E_ALREADY_MEMBER')
    }
    announceRoomCreated(room, room.owner.username, [user.id])
    return user
  }

  /**
   * Takes user `userId` out of `room` (a 404 when they are not in it): their
   * open sockets stop receiving the room, wherever they are connected, and
   * their lobby drops it
   */
  async remove(room: Room, userId: number) {
    if (!isRowId(userId)) {
      throw new lucidErrors.E_ROW_NOT_FOUND(RoomMember)
    }
    const removed = await db.rawQuery<{ rows: unknown[] }>(
      'DELETE FROM room_members WHERE room_id = ? AND user_id = ? RETURNING user_id',
      [room.id, userId]
    )
    if (removed.rows.length === 0) {
      throw new lucidErrors.E_ROW_NOT_FOUND(RoomMember)
    }
    await this.chat.accessRevoked(room.id, userId)
    announceRoomDeleted(room, [userId])
  }
}
