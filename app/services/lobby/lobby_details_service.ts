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
  members: number
  joined: boolean
  unread: number
  mentions: number
}

/**
 * The lobby's per-room details for one user: last activity, who is online,
 * how many members and whether the user is one, unread messages and mentions
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
    const [rooms, unread] = await Promise.all([
      roomFactsOf(userId, roomIds),
      this.markers.unreadCounts(userId, roomIds),
    ])
    for (const id of roomIds) {
      const facts = rooms.get(id)
      details.set(id, {
        lastActivityAt: facts?.lastActivityAt ?? null,
        online: this.activity.online(id),
        members: facts?.members ?? 0,
        joined: facts?.joined ?? false,
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
 * Of each room, in one query: when its newest log entry was written (one
 * index lookup: messages are unique on room_id, seq and rooms.last_seq is
 * the head), how many members it has (kept on its row by triggers) and
 * whether `userId` is one of them
 */
async function roomFactsOf(userId: number, roomIds: number[]) {
  const result = await db.rawQuery<{
    rows: Array<{ id: number; last_activity_at: Date | null; members: number; joined: boolean }>
  }>(
    `SELECT rooms.id,
       (SELECT created_at FROM messages
        WHERE messages.room_id = rooms.id AND messages.seq = rooms.last_seq) AS last_activity_at,
       rooms.member_count AS members,
       EXISTS (SELECT 1 FROM room_members
         WHERE room_members.room_id = rooms.id AND room_members.user_id = ?) AS joined
     FROM rooms WHERE rooms.id = ANY(?::int[])`,
    [userId, roomIds]
  )
  return new Map(
    result.rows.map((row) => [
      row.id,
      {
        lastActivityAt: row.last_activity_at ? DateTime.fromJSDate(row.last_activity_at) : null,
        members: row.members,
        joined: row.joined,
      },
    ])
  )
}
