import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type Room from '#models/room'
import type User from '#models/user'
import { truncateTables } from '#tests/helpers/database'
import { createUser } from '#tests/helpers/chat_fixtures'
import { joinRooms } from '#tests/helpers/memberships'
import { pageAs } from '#tests/helpers/room_page'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import { statementsDuring } from '#tests/helpers/statements'

/** How Room.isModeratedBy's own statement begins */
const MODERATION_QUERY = 'SELECT EXISTS (SELECT 1 FROM rooms'

/** How the visibility rule's own statement for a loaded room begins (Room.visibleAmong) */
const VISIBILITY_QUERY = 'select "room_members"."user_id" from "room_members"'

/** A user read by id alone: the signed-in user's own (the tests' sessions live in memory), or the owner */
const USER_BY_ID_QUERY = 'select * from "users" where "id" = $1'

/**
 * The room page of `room` as `user`: whether it offers to delete message
 * `seq` (someone else's: only a moderator may), and how many statements read
 * apart what the room's own statement reads: the moderation rule, the
 * visibility rule, the owner (a user by id beyond the signed-in user's own)
 */
async function viewAs(client: ApiClient, room: Room, user: User, seq: number) {
  let html = ''
  const statements = await statementsDuring(async () => {
    html = await pageAs(client, room, user)
  })
  const count = (start: string) => statements.filter((sql) => sql.startsWith(start)).length
  return {
    deletes: html.includes(`action="/rooms/${room.id}/messages/${seq}?_method=DELETE"`),
    // Less the signed-in user's own read
    apart: count(MODERATION_QUERY) + count(VISIBILITY_QUERY) + count(USER_BY_ID_QUERY) - 1,
  }
}

test.group('Room page: the room read with the reader’s visibility and moderation', (group) => {
  group.each.setup(() => truncateTables())

  test('one statement reads the room, its owner, who may see it and whether the reader moderates it', async ({
    assert,
    client,
  }) => {
    const owner = await createUser()
    const moderator = await createUser()
    const member = await createUser()
    const stranger = await createUser()
    const admin = await createUser()
    await admin.merge({ isAdmin: true }).save()
    // Written straight to the database: posting through the chat would notify, and the
    // notifications ask the visibility rule on their own
    const room = await createRoomWithMessages(owner, 2, { authors: [member, owner] })
    await room.merge({ visibility: 'private' }).save()
    for (const user of [owner, moderator, member]) await joinRooms(user, [room])
    await db.table('room_moderators').insert({ room_id: room.id, user_id: moderator.id })

    assert.deepEqual(await viewAs(client, room, owner, 1), { deletes: true, apart: 0 })
    assert.deepEqual(await viewAs(client, room, moderator, 1), { deletes: true, apart: 0 })
    assert.deepEqual(await viewAs(client, room, member, 2), { deletes: false, apart: 0 })

    // The owner read with the room is the model a query of their own would make
    const shown = await client.get(`/api/v1/rooms/${room.id}`).withGuard('api').loginAs(member)
    shown.assertStatus(200)
    assert.deepEqual(shown.body().data.owner, { id: owner.id, username: owner.username })

    // Not a member of the private room: it does not exist for them
    const refused = await client.get(`/rooms/${room.id}`).loginAs(stranger)
    refused.assertStatus(404)

    // An active admin moderates a public room they never joined; once not an admin, no more
    const open = await createRoomWithMessages(owner, 1)
    assert.deepEqual(await viewAs(client, open, admin, 1), { deletes: true, apart: 0 })
    assert.deepEqual(await viewAs(client, open, stranger, 1), { deletes: false, apart: 0 })
    await admin.merge({ isAdmin: false }).save()
    assert.deepEqual(await viewAs(client, open, admin, 1), { deletes: false, apart: 0 })
  })
})
