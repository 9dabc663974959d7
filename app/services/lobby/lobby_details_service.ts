import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import ReadMarkerService from '#services/rooms/read_marker_service'
import { LobbyActivity } from '#services/lobby/lobby_activity'

/**
 * What the lobby shows next to a room
 */
type LobbyRoomDetails = {
  lastActivityAt: DateTime | null
  online: number
  unread: number
  mentions: number
}

/**
 * The lobby's per-room details for one user: last activity, who is online,
 * unread messages and mentions
 */
@inject()
export default class LobbyDetailsService {
  constructor(
    protected markers: ReadMarkerService,
    protected activity: LobbyActivity
  ) {}

  /**
   * Details of `roomIds` as seen by `userId`, by room id
   */
  async forRooms(userId: number, roomIds: number[]) {
    const details = new Map<number, LobbyRoomDetails>()
    if (roomIds.length === 0) {
      return details
    }
    const [latest, unread] = await Promise.all([
      lastActivityOf(roomIds),
      this.markers.unreadCounts(userId, roomIds),
    ])
    for (const id of roomIds) {
      details.set(id, {
        lastActivityAt: latest.get(id) ?? null,
        online: this.activity.online(id),
        unread: 0,
        mentions: 0,
      })
    }
    for (const count of unread) {
      Object.assign(details.get(count.room)!, { unread: count.unread, mentions: count.mentions })
    }
    return details
  }
}

/**
 * When each room's newest log entry was written: one index lookup per room
 * (messages are unique on room_id, seq and rooms.last_seq is the head)
 */
async function lastActivityOf(roomIds: number[]) {
  const rows = await db
    .from('rooms')
    .join('messages', (join) => {
      join.on('messages.room_id', 'rooms.id').andOn('messages.seq', 'rooms.last_seq')
    })
    .whereIn('rooms.id', roomIds)
    .select('rooms.id', 'messages.created_at')
  return new Map<number, DateTime>(
    rows.map((row) => [row.id as number, DateTime.fromJSDate(row.created_at as Date)])
  )
}
