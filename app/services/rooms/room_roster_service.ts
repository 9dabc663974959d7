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
   * username ignoring case)
   */
  async roster(room: Room) {
    const [counted, members] = await Promise.all([
      db.from('room_members').where('room_id', room.id).count('* as total').first(),
      room
        .related('members')
        .query()
        .orderByRaw('(users.id = ?) DESC', [room.ownerId])
        .orderByRaw('lower(users.username)')
        .orderBy('users.id')
        .limit(ROSTER_LIMIT),
    ])
    return { memberCount: Number(counted?.total ?? 0), members }
  }
}
