import db from '@adonisjs/lucid/services/db'
import type Room from '#models/room'

/**
 * Most members the room page lists in its members pane
 */
const ROSTER_LIMIT = 100

/**
 * Who is in a room, for the room page's header and members pane
 */
export default class RoomRosterService {
  /**
   * How many members `room` has, and the first ROSTER_LIMIT of them (owner first, then by
   * username ignoring case), in one query (the count is a window over all of them)
   */
  async roster(room: Room) {
    const members = await room
      .related('members')
      .query()
      .select('*', db.raw('count(*) OVER () AS member_total'))
      .orderByRaw('(users.id = ?) DESC', [room.ownerId])
      .orderByRaw('lower(users.username)')
      .orderBy('users.id')
      .limit(ROSTER_LIMIT)
    return { memberCount: Number(members[0]?.$extras.member_total ?? 0), members }
  }
}
