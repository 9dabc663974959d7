import type User from '#models/user'
import type Room from '#models/room'
import { AuthorizationResponse, BasePolicy } from '@adonisjs/bouncer'

/**
 * Who may do what with a room
 */
export default class RoomPolicy extends BasePolicy {
  /**
   * Only the owner deletes a room
   */
  delete(user: User, room: Room) {
    if (user.id === room.ownerId) {
      return true
    }
    return AuthorizationResponse.deny('Only the owner of this room can delete it.', 403).t(
      'errors.room_not_owner'
    )
  }
}
