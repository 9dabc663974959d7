import { BaseTransformer } from '@adonisjs/core/transformers'
import type User from '#models/user'
import type Room from '#models/room'

/**
 * The public JSON shape of a member of a room (nobody owns a direct
 * conversation: its starter is no owner)
 */
export default class MemberTransformer extends BaseTransformer<User> {
  constructor(
    member: User,
    protected room: Room
  ) {
    super(member)
  }

  toObject() {
    const member = this.resource
    const owner = !this.room.isDirect && member.id === this.room.ownerId
    return { id: member.id, username: member.username, owner }
  }
}
