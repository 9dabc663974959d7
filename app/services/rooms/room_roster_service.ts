import db from '@adonisjs/lucid/services/db'
import { LRUCache } from 'lru-cache'
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
 * A room's member count and the members its pane lists
 */
export type Roster = { memberCount: number; members: RosterMember[] }

/**
 * Rooms whose roster a process holds at most (each up to ROSTER_LIMIT members: ~10 KB)
 */
const HELD_ROSTERS = 1000

/**
 * Who is in a room, for the room page's header and members pane. Held per
 * process for each (room, `roster_version`, owner): the version moves with
 * every change of the members or of what the pane shows of them (database
 * triggers, migration 1795600000250), so a room page reads the room row it
 * reads anyway instead of joining every member with their user row.
 */
export default class RoomRosterService {
  #held = new LRUCache<string, Readonly<Roster>>({ max: HELD_ROSTERS })

  /**
   * How many members `room` has, and the first ROSTER_LIMIT of them (owner
   * first, then by username ignoring case): held, or read in one query (the
   * count is a window over all of them)
   */
  async roster(room: Room): Promise<Readonly<Roster>> {
    if (typeof room.rosterVersion !== 'number') {
      // A room read without the column: nothing tells whether a held roster is current
      return readRoster(room)
    }
    const key = `${room.id}:${room.rosterVersion}:${room.ownerId}`
    const held = this.#held.get(key)
    if (held) {
      return held
    }
    const roster = Object.freeze(await readRoster(room))
    this.#held.set(key, roster)
    return roster
  }
}

/**
 * The roster of `room` as the database has it now
 */
async function readRoster(room: Room): Promise<Roster> {
  const rows: Array<RosterMember & { member_total: string }> = await db
    .from('room_members')
    .join('users', 'users.id', 'room_members.user_id')
    .where('room_members.room_id', room.id)
    .select(...ROSTER_COLUMNS, db.raw('count(*) OVER () AS member_total'))
    .orderByRaw('(users.id = ?) DESC', [room.ownerId])
    .orderByRaw('lower(users.username)')
    .orderBy('users.id')
    .limit(ROSTER_LIMIT)
  const members = rows.map(({ member_total: _, ...member }) => Object.freeze(member))
  return { memberCount: Number(rows[0]?.member_total ?? 0), members }
}
