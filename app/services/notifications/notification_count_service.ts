import { inject } from '@adonisjs/core'
import Room from '#models/room'
import ReadMarkerService from '#services/rooms/read_marker_service'

/**
 * How many unread messages are for the user: unread messages of their
 * direct conversations and unread mentions of them elsewhere (what
 * notifies them), for the count in the tab title and favicon
 */
@inject()
export default class NotificationCountService {
  constructor(protected markers: ReadMarkerService) {}

  /**
   * The count for user `userId`, over the rooms they may see
   */
  async count(userId: number) {
    const counts = await this.markers.unreadCounts(userId)
    if (counts.length === 0) return 0
    const direct = await Room.query()
      .whereIn(
        'id',
        counts.map((count) => count.room)
      )
      .where('kind', 'direct')
      .select('id')
    const directIds = new Set(direct.map((room) => room.id))
    return counts.reduce(
      (total, count) => total + (directIds.has(count.room) ? count.unread : count.mentions),
      0
    )
  }
}
