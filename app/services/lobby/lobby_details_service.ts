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
    const [latest, memberships, unread] = await Promise.all([
      lastActivityOf(roomIds),
      membershipsOf(userId, roomIds),
      this.markers.unreadCounts(userId, roomIds),
    ])
    for (const id of roomIds) {
      details.set(id, {
        lastActivityAt: latest.get(id) ?? null,
        online: this.activity.online(id),
        members: memberships.get(id)?.members ?? 0,
        joined: memberships.get(id)?.joined ?? false,
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

/**
 * How many members each room has and whether `userId` is one of them
 */
async function membershipsOf(userId: number, roomIds: number[]) {
  const rows = await db
    .from('room_members')
    .whereIn('room_id', roomIds)
    .groupBy('room_id')
    .select('room_id')
    .select(db.raw('count(*)::int AS members'))
    .select(db.raw('bool_or(user_id = ?) AS joined', [userId]))
  return new Map<number, { members: number; joined: boolean }>(
    rows.map((row) => [row.room_id as number, { members: row.members, joined: row.joined }])
  )
}
