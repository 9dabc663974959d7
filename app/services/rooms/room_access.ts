import db from '@adonisjs/lucid/services/db'
import type { ChainableContract } from '@adonisjs/lucid/types/querybuilder'

/**
 * Who may see a room: everyone signed in sees a public room; a private room
 * is seen only by its members (the owner is one). This file is the one place
 * that rule lives: room lists and search, pages, the API, message posting,
 * message search, read markers and the room policy ask it. The chat store's
 * `findRoom` repeats it in SQL, as chat-service may not import the app. A
 * room a user may not see does not exist for them (404, never 403).
 */

/**
 * SQL condition "room `roomColumn` is visible to user `?`" (one binding: the
 * user id), for raw SQL; `whereRoomVisibleTo` is the query-builder form
 */
export function visibleRoomCondition(roomColumn: string) {
  return `(EXISTS (SELECT 1 FROM rooms AS visible_rooms WHERE visible_rooms.id = ${roomColumn}
    AND (visible_rooms.visibility = 'public' OR EXISTS (SELECT 1 FROM room_members
      WHERE room_members.room_id = visible_rooms.id AND room_members.user_id = ?))))`
}

/**
 * Narrows a query over `rooms` (e.g. `Room.query()`) to the rooms `userId` may see
 */
export function whereRoomVisibleTo<Query extends ChainableContract>(query: Query, userId: number) {
  return query.where((visible) => {
    visible.where('rooms.visibility', 'public').orWhereExists((members) => {
      members
        .from('room_members')
        .whereColumn('room_members.room_id', 'rooms.id')
        .where('room_members.user_id', userId)
    })
  })
}

/**
 * Whether `userId` is a member of room `roomId` (owners of private rooms are)
 */
async function isRoomMember(roomId: number, userId: number) {
  const row = await db
    .from('room_members')
    .where('room_id', roomId)
    .where('user_id', userId)
    .select('user_id')
    .first()
  return Boolean(row)
}

/**
 * Whether `userId` may see `room` (public, or private and a member)
 */
export async function canSeeRoom(room: { id: number; visibility: string }, userId: number) {
  return room.visibility === 'public' || isRoomMember(room.id, userId)
}
