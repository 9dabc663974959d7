import type User from '#models/user'
import type Room from '#models/room'
import { BasePolicy } from '@adonisjs/bouncer'

/**
 * Who may do what with a room
 */
export default class RoomPolicy extends BasePolicy {
  /**
   * Only the owner deletes a room
   */
  delete(user: User, room: Room) {
    return user.id === room.ownerId
  }
}
