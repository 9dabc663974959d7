import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import RoomMember, { type NotificationLevel } from '#models/room_member'
import MembershipRequiredException from '#exceptions/membership_required_exception'
import RoomMembershipService from '#services/rooms/room_membership_service'
import { announceMembershipChanged } from '#services/lobby/lobby_broadcaster'
import type Room from '#models/room'
import type User from '#models/user'

/**
 * A member's settings of a room
 */
export type MembershipSettings = { favourite?: boolean; notificationLevel?: NotificationLevel }

/**
 * Joining and leaving rooms, and each member's settings (favourite,
 * notification level). Callers find the room visible first (a private room
 * someone is not in is a 404) and check the policy; every change is told to
 * the user's other pages.
 */
@inject()
export default class JoinedRoomsService {
  constructor(protected privateMembers: RoomMembershipService) {}

  /**
   * `user`'s membership of `room`, or null
   */
  find(room: Room, user: User) {
    return RoomMember.query().where('room_id', room.id).where('user_id', user.id).first()
  }

  /**
   * Makes `user` a member of the visible `room` (a member of a private room
   * already is one). Returns the membership and whether it is new.
   */
  async join(room: Room, user: User) {
    const inserted = await db.rawQuery<{ rows: unknown[] }>(
      `INSERT INTO room_members (room_id, user_id, created_at) VALUES (?, ?, now())
       ON CONFLICT (room_id, user_id) DO NOTHING RETURNING user_id`,
      [room.id, user.id]
    )
    const created = inserted.rows.length > 0
    if (created) {
      announceMembershipChanged(user.id, room.id)
    }
    return { membership: (await this.find(room, user))!, created }
  }

  /**
   * Takes `user` out of `room`; nothing to do when they are not in it. A
   * public room stays readable; leaving a private room loses it (its open
   * sockets stop receiving it).
   */
  async leave(room: Room, user: User) {
    if (room.isPrivate) {
      await this.privateMembers.remove(room, user.id)
    } else {
      const removed = await db.rawQuery<{ rows: unknown[] }>(
        'DELETE FROM room_members WHERE room_id = ? AND user_id = ? RETURNING user_id',
        [room.id, user.id]
      )
      if (removed.rows.length === 0) return
    }
    announceMembershipChanged(user.id, room.id)
  }

  /**
   * Changes `user`'s settings of `room`; E_NOT_MEMBER when they have not joined it
   */
  async update(room: Room, user: User, settings: MembershipSettings) {
    const membership = await this.find(room, user)
    if (!membership) {
      throw new MembershipRequiredException()
    }
    const changes = {
      favourite: settings.favourite ?? membership.favourite,
      notification_level: settings.notificationLevel ?? membership.notificationLevel,
    }
    await db
      .from('room_members')
      .where('room_id', room.id)
      .where('user_id', user.id)
      .update(changes)
    membership.favourite = changes.favourite
    membership.notificationLevel = changes.notification_level
    announceMembershipChanged(user.id, room.id)
    return membership
  }
}
