import db from '@adonisjs/lucid/services/db'
import transmit from '@adonisjs/transmit/services/main'
import { errors as lucidErrors } from '@adonisjs/lucid'
import Room from '#models/room'
import { isRowId } from '#helpers/row_id'
import { userChannel } from '#services/lobby/lobby_broadcaster'
import type { NotificationLevel } from '#models/room_member'
import type { ReadMark } from '#chat/index'

/**
 * Unread messages are counted up to this many per room (shown as "99+"), so
 * a lobby costs at most this many index entries per room however long the
 * backlog of a new reader is
 */
export const UNREAD_COUNT_CAP = 100

/**
 * Unread messages are counted among at most this many of the newest log
 * entries after the marker, so a room full of the reader's own messages
 * (an API client that never marks read) still costs a bounded index scan
 */
const UNREAD_SCAN_WINDOW = 1000

/**
 * A marker as stored, by the upsert that moved it
 */
type StoredMark = { user_id: number; room_id: number; last_read_seq: number | string }

/**
 * Unread messages and mentions of a user in one room
 */
type UnreadCount = { room: number; unread: number; mentions: number }

/**
 * A room a user joined (a room or a direct conversation) with their settings
 * of it and its unread messages and mentions for them
 */
export type JoinedRoom = UnreadCount & {
  name: string
  visibility: string
  kind: string
  favourite: boolean
  notificationLevel: NotificationLevel
  /** Their read marker (0 before the first read) */
  lastReadSeq: number
  /** The room's newest seq when the counts were read: they cover every message up to it */
  lastSeq: number
}

/**
 * Where each user has read up to in each room, and what is unread. A marker
 * only moves forward and never past the room's head.
 */
export default class ReadMarkerService {
  /**
   * The joined rooms of a user with their counts, read once for this
   * instance: a page's sidebar, direct conversations and lobby each need a
   * part of them, and the instance lives for one request
   * (container_bindings_middleware)
   */
  #joined = new Map<number, Promise<JoinedRoom[]>>()

  /**
   * Moves `userId`'s marker in room `roomId` to `seq` (kept when it is
   * already further, clamped to the room's last seq) and tells the user's
   * other tabs and devices. Returns the stored marker; a 404 when the room
   * does not exist or the user may not see it.
   */
  async markRead(userId: number, roomId: number, seq: number) {
    const [stored] = await this.markReadMany([{ user: userId, room: roomId, seq }])
    if (stored === null) {
      throw new lucidErrors.E_ROW_NOT_FOUND(Room)
    }
    return stored
  }

  /**
   * markRead for many marks in one statement (the chat's `read` frames of a
   * busy moment): one stored marker per mark, in order, null where the room
   * does not exist or that user may not see it. Marks of one user in one
   * room count once, at the furthest seq.
   */
  async markReadMany(marks: ReadMark[]): Promise<Array<number | null>> {
    const valid = marks.filter((mark) => isRowId(mark.room) && isRowId(mark.user))
    const stored = new Map<string, number>()
    if (valid.length > 0) {
      const visible = db
        .from('marks')
        .join('rooms', 'rooms.id', 'marks.room_id')
        .select(db.raw('marks.user_id, rooms.id, LEAST(marks.seq, rooms.last_seq), now()'))
      Room.visibleTo(visible, db.ref('marks.user_id'))
      const query = visible.toSQL()
      const result = await db.rawQuery<{ rows: StoredMark[] }>(
        `WITH marks AS (
          SELECT user_id, room_id, max(seq) AS seq
          FROM unnest(?::int[], ?::int[], ?::bigint[]) AS mark(user_id, room_id, seq)
          GROUP BY user_id, room_id
        )
        INSERT INTO room_reads (user_id, room_id, last_read_seq, updated_at)
        ${query.sql}
        ON CONFLICT (user_id, room_id) DO UPDATE SET
          last_read_seq = GREATEST(room_reads.last_read_seq, EXCLUDED.last_read_seq),
          updated_at = EXCLUDED.updated_at
        RETURNING user_id, room_id, last_read_seq`,
        [
          valid.map((mark) => mark.user),
          valid.map((mark) => mark.room),
          valid.map((mark) => mark.seq),
          ...query.bindings,
        ]
      )
      for (const row of result.rows) {
        stored.set(markKey(row.user_id, row.room_id), Number(row.last_read_seq))
        this.#joined.delete(row.user_id)
        transmit.broadcast(userChannel(row.user_id), {
          type: 'read',
          room: row.room_id,
          seq: Number(row.last_read_seq),
        })
      }
    }
    return marks.map((mark) => stored.get(markKey(mark.user, mark.room)) ?? null)
  }

  /**
   * `userId`'s marker in room `roomId` (0 before the first read)
   */
  async marker(userId: number, roomId: number) {
    const row = await db
      .from('room_reads')
      .where('user_id', userId)
      .where('room_id', roomId)
      .select('last_read_seq')
      .first()
    return (row?.last_read_seq as number | undefined) ?? 0
  }

  /**
   * The rooms `userId` has joined (rooms and direct conversations), their
   * favourites first, then by name, each with its unread messages (by
   * others, not deleted, after the marker; at most UNREAD_COUNT_CAP among
   * the newest UNREAD_SCAN_WINDOW entries; none in a room whose
   * notification level is not `all`) and unread mentions of them. One query
   * per user for this instance, whatever part of it each caller takes.
   */
  joinedRooms(userId: number): Promise<JoinedRoom[]> {
    let joined = this.#joined.get(userId)
    if (!joined) {
      joined = joinedRoomsOf(userId)
      this.#joined.set(userId, joined)
      joined.catch(() => this.#joined.delete(userId))
    }
    return joined
  }

  /**
   * `userId`'s membership of room `roomId` (their settings of it, null when
   * they have not joined it) and their marker there, from joinedRooms (which
   * a page's sidebar reads anyway); the marker of a room they have not
   * joined is read apart
   */
  async readerOf(userId: number, roomId: number) {
    const joined = await this.joinedRooms(userId)
    const room = joined.find((one) => one.room === roomId)
    if (!room) {
      return { membership: null, lastReadSeq: await this.marker(userId, roomId) }
    }
    const { favourite, notificationLevel, lastReadSeq } = room
    return { membership: { favourite, notificationLevel }, lastReadSeq }
  }

  /**
   * `userId`'s membership of room `roomId` and their marker there, as
   * readerOf gives them, in one narrow statement: for a response that draws
   * no sidebar (a room switch's region), where reading every joined room's
   * counts would be wasted
   */
  async readerIn(userId: number, roomId: number) {
    const result = await db.rawQuery<{
      rows: Array<{
        joined: boolean
        favourite: boolean | null
        notificationLevel: NotificationLevel | null
        lastReadSeq: number
      }>
    }>(
      `SELECT room_members.user_id IS NOT NULL AS joined, room_members.favourite,
         room_members.notification_level AS "notificationLevel",
         coalesce(room_reads.last_read_seq, 0)::int AS "lastReadSeq"
       FROM (SELECT) AS one
       LEFT JOIN room_members ON room_members.user_id = ? AND room_members.room_id = ?
       LEFT JOIN room_reads ON room_reads.user_id = ? AND room_reads.room_id = ?`,
      [userId, roomId, userId, roomId]
    )
    const { joined, favourite, notificationLevel, lastReadSeq } = result.rows[0]
    const membership = joined
      ? { favourite: favourite!, notificationLevel: notificationLevel! }
      : null
    return { membership, lastReadSeq }
  }

  /**
   * The rooms `userId` has joined that have unread messages or mentions
   * (see joinedRooms), by room id; only `roomIds` when given
   */
  async unreadCounts(userId: number, roomIds?: number[]): Promise<UnreadCount[]> {
    const wanted = roomIds ? new Set(roomIds) : null
    const joined = await this.joinedRooms(userId)
    return joined
      .filter((room) => room.unread > 0 || room.mentions > 0)
      .filter((room) => !wanted || wanted.has(room.room))
      .map(({ room, unread, mentions }) => ({ room, unread, mentions }))
      .sort((a, b) => a.room - b.room)
  }
}

/**
 * The joined rooms of `userId` with their counts, in one query
 * (ReadMarkerService.joinedRooms); a room's counts are looked for only when
 * its head is past the marker
 */
async function joinedRoomsOf(userId: number): Promise<JoinedRoom[]> {
  const result = await db.rawQuery<{ rows: JoinedRoom[] }>(
    `SELECT rooms.id AS room, rooms.name, rooms.visibility, rooms.kind,
       room_members.favourite, room_members.notification_level AS "notificationLevel",
       coalesce(room_reads.last_read_seq, 0)::int AS "lastReadSeq",
       rooms.last_seq::int AS "lastSeq",
       CASE WHEN rooms.last_seq > coalesce(room_reads.last_read_seq, 0)
         AND room_members.notification_level = 'all' THEN
       (SELECT count(*) FROM (SELECT FROM (
         SELECT kind, deleted_at, user_id FROM messages
         WHERE messages.room_id = rooms.id AND messages.seq > coalesce(room_reads.last_read_seq, 0)
         ORDER BY messages.seq DESC LIMIT ${UNREAD_SCAN_WINDOW}) AS recent
         WHERE recent.kind = 'message' AND recent.deleted_at IS NULL
           AND recent.user_id <> ? LIMIT ${UNREAD_COUNT_CAP}) AS counted)::int ELSE 0 END AS unread,
       CASE WHEN rooms.last_seq > coalesce(room_reads.last_read_seq, 0) THEN
       (SELECT count(*) FROM message_mentions
         JOIN messages ON messages.id = message_mentions.message_id
         WHERE message_mentions.user_id = ? AND message_mentions.room_id = rooms.id
           AND message_mentions.seq > coalesce(room_reads.last_read_seq, 0)
           AND messages.user_id <> message_mentions.user_id)::int ELSE 0 END AS mentions
     FROM room_members
     JOIN rooms ON rooms.id = room_members.room_id
     LEFT JOIN room_reads ON room_reads.room_id = rooms.id AND room_reads.user_id = ?
     WHERE room_members.user_id = ?
     ORDER BY room_members.favourite DESC, lower(rooms.name), rooms.id`,
    [userId, userId, userId, userId]
  )
  return result.rows
}

/**
 * Names a (user, room) marker in a map
 */
function markKey(user: number, room: number) {
  return `${user}:${room}`
}

/**
 * The seq of the first message in `messages` the reader has not read (after
 * `lastReadSeq`, written by someone else, not deleted), where the "new
 * messages" divider goes; null when there is none
 */
export function firstUnreadSeq(
  messages: Array<{ seq: number; userId: number; deletedAt?: unknown }>,
  lastReadSeq: number,
  readerId: number
) {
  const first = messages.find(
    (message) => message.seq > lastReadSeq && message.userId !== readerId && !message.deletedAt
  )
  return first?.seq ?? null
}
