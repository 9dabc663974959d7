import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import Room from '#models/room'
import User from '#models/user'
import DirectMessageRefusedException from '#exceptions/direct_message_refused_exception'
import { announceMembershipChanged } from '#services/lobby/lobby_broadcaster'
import ReadMarkerService from '#services/rooms/read_marker_service'

/**
 * A direct conversation has at most this many people, its starter included
 */
export const MAX_DIRECT_PEOPLE = 9

/**
 * The key of a set of people: their sorted ids, comma-joined (unique in
 * `rooms.direct_key`, so one set of people has one conversation)
 */
export function directKey(userIds: number[]) {
  return [...new Set(userIds)].sort((a, b) => a - b).join(',')
}

/**
 * What a direct conversation is called for `viewerId`: the other people's
 * names (the viewer's own when they are alone in it)
 */
export function directTitle(people: User[], viewerId: number) {
  const others = people.filter((person) => person.id !== viewerId)
  return (others.length > 0 ? others : people).map((person) => person.name).join(', ')
}

/**
 * Direct conversations: rooms of kind 'direct' whose members are their
 * people. Opening one for a set of people finds the existing one or creates
 * it; the database's unique `direct_key` decides when two open it at once.
 */
@inject()
export default class DirectMessageService {
  constructor(protected markers: ReadMarkerService = new ReadMarkerService()) {}

  /**
   * The conversation of `starter` with the users named `usernames`
   * (ignoring case; the starter may be among them), created when it does not
   * exist yet (then its people's sidebars are told); `created` tells which
   */
  async open(starter: User, usernames: string[]) {
    const people = await this.#people(starter, usernames)
    const key = directKey(people.map((person) => person.id))
    const created = await db.transaction(async (trx) => {
      const inserted = await trx.rawQuery<{ rows: Array<{ id: number }> }>(
        `INSERT INTO rooms (name, owner_id, last_seq, visibility, kind, direct_key, created_at, updated_at)
         VALUES (?, ?, 0, 'private', 'direct', ?, now(), now())
         ON CONFLICT (direct_key) WHERE direct_key IS NOT NULL DO NOTHING
         RETURNING id`,
        [storedName(people), starter.id, key]
      )
      const row = inserted.rows[0]
      if (row) {
        await trx.table('room_members').multiInsert(
          people.map((person) => ({
            room_id: row.id,
            user_id: person.id,
            created_at: new Date(),
          }))
        )
      }
      return Boolean(row)
    })
    const room = await Room.query().where('direct_key', key).preload('members').firstOrFail()
    if (created) {
      people.forEach((person) => announceMembershipChanged(person.id, room.id))
    }
    return { room, created }
  }

  /**
   * The direct conversations `user` is in, the most recently active first
   * (by their newest entry, else their creation; at most `limit` when
   * given), with their people loaded
   */
  listFor(user: User, limit?: number) {
    const query = Room.query()
      .where('kind', 'direct')
      .whereExists((members) => {
        members
          .from('room_members')
          .whereColumn('room_members.room_id', 'rooms.id')
          .where('room_members.user_id', user.id)
      })
      .preload('members', (members) => members.orderBy('users.id'))
      .orderByRaw(
        `coalesce((SELECT messages.created_at FROM messages WHERE messages.room_id = rooms.id
          ORDER BY messages.seq DESC LIMIT 1), rooms.created_at) DESC`
      )
      .orderBy('id', 'desc')
    return limit === undefined ? query : query.limit(limit)
  }

  /**
   * What a list of `user`'s conversations shows (the /direct page, the
   * sidebar's "Direct messages"): each room with its title for them, the
   * other people and the unread count, the most recently active first (at
   * most `limit` when given). The joined rooms (read once per request: the
   * sidebar needs them anyway) tell first whether there is any.
   */
  async summariesFor(user: User, limit?: number) {
    const joined = await this.markers.joinedRooms(user.id)
    if (!joined.some((room) => room.kind === 'direct')) {
      return []
    }
    const conversations = await this.listFor(user, limit)
    const unread = await this.markers.unreadCounts(
      user.id,
      conversations.map((room) => room.id)
    )
    return conversations.map((room) => ({
      room,
      title: directTitle(room.members, user.id),
      others: room.members.filter((person) => person.id !== user.id),
      unread: unread.find((count) => count.room === room.id)?.unread ?? 0,
    }))
  }

  /**
   * The starter and the users named, each once; refuses unknown names,
   * bots and deactivated accounts, a conversation with nobody else and one
   * over MAX_DIRECT_PEOPLE
   */
  async #people(starter: User, usernames: string[]) {
    const wanted = [...new Set(usernames.map((name) => name.toLowerCase()))].filter(
      (name) => name !== starter.username.toLowerCase()
    )
    if (wanted.length === 0) {
      throw new DirectMessageRefusedException('E_NO_OTHER_PEOPLE')
    }
    if (wanted.length + 1 > MAX_DIRECT_PEOPLE) {
      throw new DirectMessageRefusedException('E_TOO_MANY_PEOPLE')
    }
    const found = await User.query().whereRaw('lower(username) = ANY(?)', [wanted])
    const missing = wanted.find(
      (name) => !found.some((user) => user.username.toLowerCase() === name)
    )
    if (missing) {
      throw new DirectMessageRefusedException('E_UNKNOWN_USER', missing)
    }
    const unreachable = found.find((user) => !user.acceptsDirectMessages)
    if (unreachable) {
      throw new DirectMessageRefusedException('E_NOT_REACHABLE', unreachable.username)
    }
    return [starter, ...found]
  }
}

/**
 * The stored name of a conversation (shown where a room name is needed
 * without a viewer): its people's usernames, cut to the column's 64 characters
 */
function storedName(people: User[]) {
  const names = people.map((person) => person.username).sort((a, b) => a.localeCompare(b))
  const joined = names.join(', ')
  return joined.length <= 64 ? joined : `${joined.slice(0, 63)}…`
}
