import Message from '#models/message'
import type Room from '#models/room'

/**
 * The most pins a room's list shows (the newest first)
 */
export const PINNED_LIST_LIMIT = 50

/**
 * A room's pinned messages, newest pin first, with their authors
 */
export default class PinnedMessagesService {
  /**
   * The messages pinned in `room`
   */
  list(room: Room) {
    return Message.query()
      .where('room_id', room.id)
      .where('kind', 'message')
      .whereNotNull('pinned_at')
      .preload('author')
      .orderBy('pinned_at', 'desc')
      .orderBy('seq', 'desc')
      .limit(PINNED_LIST_LIMIT)
  }

  /**
   * How many messages are pinned in `room`
   */
  async count(room: Room) {
    const [{ count }] = await Message.query()
      .where('room_id', room.id)
      .where('kind', 'message')
      .whereNotNull('pinned_at')
      .count('* as count')
      .pojo<{ count: string }>()
    return Number(count)
  }
}
