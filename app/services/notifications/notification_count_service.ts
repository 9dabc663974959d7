import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { NotificationLevel } from '#models/room_member'
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
    const counts = await this.markers.unreadCounts(userId)
    if (counts.length === 0) return 0
    const memberships = await db
      .from('room_members')
      .where('user_id', userId)
      .whereIn(
        'room_id',
        counts.map((count) => count.room)
      )
      .select('room_id', 'notification_level')
    const levels = new Map<number, NotificationLevel>(
      memberships.map((row) => [row.room_id as number, row.notification_level as NotificationLevel])
    )
    return counts.reduce((total, count) => {
      const level = levels.get(count.room)
      if (level === 'all') return total + count.unread
      if (level === 'mentions') return total + count.mentions
      return total
    }, 0)
  }
}
