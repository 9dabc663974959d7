import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import Room from '#models/room'
import RoomMember from '#models/room_member'
import type User from '#models/user'
import AccountDeletionService from '#services/account/account_deletion_service'
import RoomSettingsService from '#services/room_settings/room_settings_service'
import { truncateTables } from '#tests/helpers/database'
import { createRoom, createUser } from '#tests/helpers/chat_fixtures'
import { joinRooms } from '#tests/helpers/memberships'
import { pageAs } from '#tests/helpers/room_page'
import { statementsDuring } from '#tests/helpers/statements'

/** How the roster query (RoomRosterService) begins */
const ROSTER_QUERY = 'select "users"."id", "users"."username", "users"."display_name"'

/**
 * `roster_version` of `room` now
 */
async function versionOf(room: Room) {
  const row = await db.from('rooms').where('id', room.id).select('roster_version').firstOrFail()
  return row.roster_version as number
}

/**
 * The usernames the members pane of `room` lists for `user`, in order, and
 * how many roster queries the page sent
 */
async function paneAs(client: ApiClient, room: Room, user: User) {
  let html = ''
  const statements = await statementsDuring(async () => {
    html = await pageAs(client, room, user)
  })
  const start = html.indexOf('<ul class="member-names">')
  const list = html.slice(start, html.indexOf('</ul>', start))
  return {
    usernames: [...list.matchAll(/data-member-username="([^"]+)"/g)].map((match) => match[1]),
    rosterQueries: statements.filter((sql) => sql.startsWith(ROSTER_QUERY)).length,
    list,
  }
}

test.group('Room page: the roster held per room version', (group) => {
  group.each.setup(() => truncateTables())

  test('a held roster is served without its query; what moves roster_version shows on the next view', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(owner)
    await joinRooms(owner, [room])
    await joinRooms(ana, [room])

    const first = await paneAs(client, room, ana)
    assert.equal(first.rosterQueries, 1)
    const held = await paneAs(client, room, owner)
    assert.equal(held.rosterQueries, 0, 'a second reader is served the held roster')
    assert.deepEqual(held.usernames, first.usernames)

    await joinRooms(bob, [room])
    const joined = await paneAs(client, room, ana)
    assert.equal(joined.rosterQueries, 1)
    assert.include(joined.usernames, bob.username)

    await bob.merge({ displayName: 'Bobby Tables' }).save()
    const renamed = await paneAs(client, room, ana)
    assert.include(renamed.list, '>Bobby Tables</a>')

    await RoomMember.query().where('room_id', room.id).where('user_id', bob.id).delete()
    const left = await paneAs(client, room, ana)
    assert.notInclude(left.usernames, bob.username)

    const settings = await app.container.make(RoomSettingsService)
    await settings.transfer(room, owner, ana.username)
    const transferred = await paneAs(client, await Room.findOrFail(room.id), owner)
    assert.equal(transferred.usernames[0], ana.username, 'the new owner is listed first')
  })

  test('roster_version moves with members added or removed in any number and with what the pane shows of them, not with other columns', async ({
    assert,
  }) => {
    const owner = await createUser()
    const ana = await createUser()
    const first = await createRoom(owner)
    const second = await createRoom(owner)
    const elsewhere = await createRoom(owner)
    const before = await Promise.all([first, second, elsewhere].map(versionOf))

    await RoomMember.createMany([
      { roomId: first.id, userId: ana.id },
      { roomId: second.id, userId: ana.id },
      { roomId: first.id, userId: owner.id },
    ])
    const added = await Promise.all([first, second, elsewhere].map(versionOf))
    assert.isAbove(added[0], before[0])
    assert.isAbove(added[1], before[1])
    assert.equal(added[2], before[2], 'a room nobody joined keeps its version')

    for (const change of [{ username: 'ana_renamed' }, { avatarKey: 'new-face' }]) {
      const was = await versionOf(second)
      await ana.merge(change).save()
      assert.isAbove(await versionOf(second), was, JSON.stringify(change))
    }
    const unshown = await versionOf(second)
    await ana.merge({ timeZone: 'Asia/Ho_Chi_Minh', displayName: ana.displayName }).save()
    assert.equal(await versionOf(second), unshown, 'a column the pane does not show')

    const deletions = await app.container.make(AccountDeletionService)
    const beforeDeletion = await Promise.all([first, second, elsewhere].map(versionOf))
    await deletions.delete(ana)
    const after = await Promise.all([first, second, elsewhere].map(versionOf))
    assert.isAbove(after[0], beforeDeletion[0])
    assert.isAbove(after[1], beforeDeletion[1])
    assert.equal(after[2], beforeDeletion[2])
  })
})
