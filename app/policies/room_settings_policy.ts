import type User from '#models/user'
import type Room from '#models/room'
import { AuthorizationResponse, BasePolicy } from '@adonisjs/bouncer'

/**
 * A setting of a room, as the settings form and API name it
 */
export type RoomSetting = 'name' | 'description' | 'visibility' | 'archived' | 'owner'

/**
 * Who changes a room's settings (rooms they can see: controllers find the
 * room visible first). The owner and the instance admin change every
 * setting; the room's moderators change its topic (`description`) only, as
 * they tend the conversation but do not own the room. A direct conversation
 * has no settings.
 */
export default class RoomSettingsPolicy extends BasePolicy {
  /**
   * Opens the settings page: whoever may change at least the topic
   */
  async view(user: User, room: Room) {
    if (!room.isDirect && (isOwnerOrAdmin(user, room) || (await room.isModeratedByUser(user.id)))) {
      return true
    }
    return denial()
  }

  /**
   * Changes the `settings` named (those whose value differs)
   */
  async change(user: User, room: Room, settings: RoomSetting[]) {
    if (room.isDirect) {
      return denial()
    }
    if (isOwnerOrAdmin(user, room)) {
      return true
    }
    const topicOnly = settings.every((setting) => setting === 'description')
    if (topicOnly && (await room.isModeratedByUser(user.id))) {
      return true
    }
    return denial()
  }
}

/**
 * The room's owner, or an active instance admin
 */
export function isOwnerOrAdmin(user: User, room: Room) {
  return user.id === room.ownerId || (user.isAdmin && user.deactivatedAt === null)
}

function denial() {
  return AuthorizationResponse.deny(
    'Only the owner of this room or the admin change its settings; its moderators change its topic.',
    403
  ).t('room_settings.errors.not_allowed')
}
