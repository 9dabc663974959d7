import type User from '#models/user'
import type Room from '#models/room'
import { AuthorizationResponse, BasePolicy } from '@adonisjs/bouncer'

/**
 * A direct conversation's people are fixed and nobody owns it: nobody adds,
 * removes, invites or deletes
 */
function directConversationDenial() {
  return AuthorizationResponse.deny(
    'The people of a direct conversation are fixed; it cannot be changed or deleted.',
    403
  ).t('errors.direct_conversation_fixed')
}

/**
 * Who may do what with a room they can see. Seeing (and so posting in) a
 * room is the Room model's rule; controllers load rooms with
 * `RoomService.findVisibleOrFail`, so someone who may not see a room gets a
 * 404 before any of these checks, and a refusal here (403) only ever
 * concerns a room the user can see.
 */
export default class RoomPolicy extends BasePolicy {
  /**
   * The owner of a private room invites and removes its members
   */
  manageMembers(user: User, room: Room) {
    if (room.isDirect) {
      return directConversationDenial()
    }
    if (room.isPrivate && user.id === room.ownerId) {
      return true
    }
    return AuthorizationResponse.deny('Only the owner of this room can manage its members.', 403).t(
      'errors.room_members_not_owner'
    )
  }

  /**
   * The owner removes anyone but themselves; a member removes only
   * themselves (leaves); a moderator removes members other than the owner
   * and the room's moderators
   */
  async removeMember(user: User, room: Room, memberId: number) {
    if (room.isDirect) {
      return directConversationDenial()
    }
    const isOwner = user.id === room.ownerId
    if (room.isPrivate && (isOwner ? memberId !== user.id : memberId === user.id)) {
      return true
    }
    if (
      room.isPrivate &&
      memberId !== room.ownerId &&
      (await room.isModeratedByUser(user.id)) &&
      !(await room.isModeratedByUser(memberId))
    ) {
      return true
    }
    const reason = isOwner
      ? ['The owner cannot leave their own room.', 'errors.room_owner_cannot_leave']
      : ['Only the owner of this room can remove other members.', 'errors.room_members_not_owner']
    return AuthorizationResponse.deny(reason[0], 403).t(reason[1])
  }

  /**
   * Anyone leaves a room they see, except the owner of a private room (who
   * would lose it) and the people of a direct conversation
   */
  leave(user: User, room: Room) {
    if (room.isDirect) {
      return directConversationDenial()
    }
    if (!room.isPrivate || user.id !== room.ownerId) {
      return true
    }
    return AuthorizationResponse.deny('The owner cannot leave their own room.', 403).t(
      'errors.room_owner_cannot_leave'
    )
  }

  /**
   * Only the owner deletes a room
   */
  delete(user: User, room: Room) {
    if (room.isDirect) {
      return directConversationDenial()
    }
    if (user.id === room.ownerId) {
      return true
    }
    return AuthorizationResponse.deny('Only the owner of this room can delete it.', 403).t(
      'errors.room_not_owner'
    )
  }

  /**
   * Only the owner creates, lists and revokes a room's invite links
   */
  manageInvites(user: User, room: Room) {
    if (room.isDirect) {
      return directConversationDenial()
    }
    if (user.id === room.ownerId) {
      return true
    }
    return AuthorizationResponse.deny(
      'Only the owner of this room manages its invite links.',
      403
    ).t('errors.invites_not_owner')
  }

  /**
   * Whoever moderates the room (Room.isModeratedBy: owner, moderators,
   * admin) deletes anyone's message and mutes people in it
   */
  async moderate(user: User, room: Room) {
    if (!room.isDirect && (await room.isModeratedByUser(user.id))) {
      return true
    }
    return AuthorizationResponse.deny('Only the moderators of this room can do this.', 403).t(
      'moderation.not_moderator'
    )
  }

  /**
   * Only the owner chooses a room's moderators
   */
  manageModerators(user: User, room: Room) {
    if (room.isDirect) {
      return directConversationDenial()
    }
    if (user.id === room.ownerId) {
      return true
    }
    return AuthorizationResponse.deny('Only the owner of this room chooses its moderators.', 403).t(
      'moderation.not_owner'
    )
  }
}
