import db from '@adonisjs/lucid/services/db'
import type Room from '#models/room'

/**
 * Most members the room page lists in its members pane
 */
const ROSTER_LIMIT = 100

/**
 * What the members pane draws of each member (partials/rooms/member_names.edge), and no more:
 * the users table is wide, and a hundred full rows were read for every page
 */
const ROSTER_COLUMNS = ['users.id', 'users.username', 'users.display_name', 'users.avatar_key']

/**
 * A member as the roster reads them: a `users` row's columns, not a model (MemberListCache
 * makes models of them only when it draws a list it does not hold)
 */
export type RosterMember = {
  id: number
  username: string
  display_name: string | null
  avatar_key: string | null
}

/**
 * Who is in a room, for the room page's header and members pane
 */
export default class RoomRosterService {
  /**
   * How many members `room` has, and the first ROSTER_LIMIT of them (owner first, then by
   * username ignoring case), in one query (the count is a window over all of them)
   */
  async roster(room: Room) {
    const rows: Array<RosterMember & { member_total: string }> = await db
      .from('room_members')
      .join('users', 'users.id', 'room_members.user_id')
      .where('room_members.room_id', room.id)
      .select(...ROSTER_COLUMNS, db.raw('count(*) OVER () AS member_total'))
      .orderByRaw('(users.id = ?) DESC', [room.ownerId])
      .orderByRaw('lower(users.username)')
      .orderBy('users.id')
      .limit(ROSTER_LIMIT)
    const members: RosterMember[] = rows.map(({ member_total: _, ...member }) => member)
    return { memberCount: Number(rows[0]?.member_total ?? 0), members }
  }
}
