import { inject } from '@adonisjs/core'
import ReadMarkerService, { type JoinedRoom } from '#services/rooms/read_marker_service'

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
   * The count for user `userId` and what it is made of, so that their tabs can go on counting
   * their notifications themselves (resources/js/unread_tally.ts): each joined room's level,
   * unread messages and mentions, the room's newest seq they cover and the user's read marker
   */
  async tally(userId: number) {
    const joined = await this.markers.joinedRooms(userId)
    return {
      count: joined.reduce((total, room) => total + countOf(room), 0),
      rooms: joined.map((room) => ({
        id: room.room,
        level: room.notificationLevel,
        unread: room.unread,
        mentions: room.mentions,
        seq: room.lastSeq,
        read: room.lastReadSeq,
      })),
    }
  }
}

/**
 * What one joined room adds to the count, by the user's notification level of it
 */
function countOf(room: JoinedRoom) {
  if (room.notificationLevel === 'all') return room.unread
  if (room.notificationLevel === 'mentions') return room.mentions
  return 0
}
