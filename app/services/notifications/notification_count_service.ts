import { inject } from '@adonisjs/core'
import ReadMarkerService from '#services/rooms/read_marker_service'

/**
 * How many unread messages are for the user, by their notification level of
 * each room they joined: every unread message of an `all` room, unread
 * mentions of a `mentions` (muted) room, nothing of a `nothing` room; for
 * the count in the tab title and favicon
 */
@inject()
export default class NotificationCountService {
  constructor(protected markers: ReadMarkerService) {}

  /**
   * The count for user `userId`
   */
  async count(userId: number) {
    const joined = await this.markers.joinedRooms(userId)
    return joined.reduce((total, room) => {
      if (room.notificationLevel === 'all') return total + room.unread
      if (room.notificationLevel === 'mentions') return total + room.mentions
      return total
    }, 0)
  }
}
