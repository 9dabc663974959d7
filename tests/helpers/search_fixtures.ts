import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Message from '#models/message'
import type Room from '#models/room'
import type User from '#models/user'
import type { ApiClient } from '@japa/api-client'
import { RoomFactory } from '#database/factories/room_factory'

/**
 * A log entry to write: a message unless `kind` says otherwise
 */
export type Entry = {
  body: string
  author?: User
  kind?: 'message' | 'edit' | 'delete'
  targetSeq?: number
  deleted?: boolean
  bodyHtml?: string
}

/** When the seeded log starts */
export const START = DateTime.fromISO('2030-01-01T00:00:00Z')

/**
 * Appends `entries` to the room's log straight in the database (seq after
 * the room's last one, a minute apart), as the chat's message store would
 */
export async function addEntries(room: Room, entries: Entry[], author: User) {
  const rows = entries.map((entry, index) => {
    const seq = room.lastSeq + index + 1
    return {
      roomId: room.id,
      userId: (entry.author ?? author).id,
      seq,
      kind: entry.kind ?? 'message',
      targetSeq: entry.targetSeq ?? null,
      body: entry.body,
      bodyHtml: entry.bodyHtml ?? '',
      deletedAt: entry.deleted ? START : null,
      createdAt: START.plus({ minutes: seq }),
    }
  })
  await Message.createMany(rows)
  room.lastSeq += entries.length
  await room.save()
}

/**
 * A public room owned by `owner` holding `bodies` as messages
 */
export async function roomWith(owner: User, bodies: Array<string | Entry>, name?: string) {
  const room = await RoomFactory.merge({ ownerId: owner.id, ...(name ? { name } : {}) }).create()
  await addEntries(
    room,
    bodies.map((body) => (typeof body === 'string' ? { body } : body)),
    owner
  )
  return room
}

/**
 * A private room of `owner` (a member) with `members` and `bodies`
 */
export async function privateRoomWith(owner: User, members: User[], bodies: string[]) {
  const room = await RoomFactory.merge({ ownerId: owner.id, visibility: 'private' }).create()
  await db.table('room_members').multiInsert(
    [owner, ...members].map((user) => ({
      room_id: room.id,
      user_id: user.id,
      created_at: new Date(),
    }))
  )
  await addEntries(
    room,
    bodies.map((body) => ({ body })),
    owner
  )
  return room
}

/**
 * What the API finds for `q` (and more query string) as `user`
 */
export async function apiSearch(
  client: ApiClient,
  user: User,
  qs: Record<string, string | number>
) {
  return client.get('/api/v1/search').qs(qs).withGuard('api').loginAs(user)
}

/**
 * The bodies found, in order, as the plain text of their snippets
 */
export function foundTexts(body: { data: Array<{ snippet: string }> }) {
  return body.data.map((hit) =>
    hit.snippet
      .replace(/<\/?mark>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&amp;/g, '&')
  )
}
