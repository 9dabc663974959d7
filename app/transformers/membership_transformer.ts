import { BaseTransformer } from '@adonisjs/core/transformers'
import type RoomMember from '#models/room_member'

/**
 * The JSON shape of the user's membership of a room
 */
export default class MembershipTransformer extends BaseTransformer<RoomMember> {
  toObject() {
    const membership = this.resource
    return {
      room: membership.roomId,
      favourite: membership.favourite,
      notificationLevel: membership.notificationLevel,
      joinedAt: membership.createdAt.toISO(),
    }
  }
}
