import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { joinRooms } from '#tests/helpers/memberships'
import Room from '#models/room'

/**
 * Each room's kept count beside the count of its room_members rows
 */
async function countsOf(rooms: Room[]) {
  const { rows } = await db.rawQuery<{ rows: { kept: number; counted: number }[] }>(
    `SELECT rooms.member_count AS kept,
       (SELECT count(*)::int FROM room_members WHERE room_id = rooms.id) AS counted
     FROM rooms WHERE id = ANY(?::int[]) ORDER BY id`,
    [rooms.map((room) => room.id)]
  )
  return rows.map(({ kept, counted }) => [kept, counted])
}

/**
 * The "N members" the lobby shows for `room`
 */
function lobbyMembers(html: string, room: Room) {
  const item = html.slice(html.indexOf(`<li data-room-id="${room.id}">`))
  return item.match(/<span data-members>([^<]*)<\/span>/)![1]
}

test.group('Rooms: the kept member count', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('follows every way members come and go; the lobby shows it', async ({ client, assert }) => {
    const owner = await UserFactory.create()
    const [ana, bob, cam] = await UserFactory.createMany(3)
    const rooms = await RoomFactory.merge({ ownerId: owner.id }).createMany(2)
    const [garden, kitchen] = await Room.query()
      .whereIn(
        'id',
        rooms.map((room) => room.id)
      )
      .orderBy('id')
    assert.deepEqual(await countsOf([garden, kitchen]), [
      [0, 0],
      [0, 0],
    ])

    // Several rows in one statement, in two rooms; then one already there, skipped
    await joinRooms(owner, [garden, kitchen])
    await joinRooms(ana, [garden, kitchen])
    await db.rawQuery(
      `INSERT INTO room_members (room_id, user_id, created_at)
       SELECT ?, id, now() FROM users WHERE id = ANY(?::int[])
       ON CONFLICT DO NOTHING`,
      [garden.id, [ana.id, bob.id, cam.id]]
    )
    assert.deepEqual(await countsOf([garden, kitchen]), [
      [4, 4],
      [2, 2],
    ])

    // Leaving through the form
    const left = await client
      .delete(`/rooms/${kitchen.id}/membership`)
      .withCsrfToken()
      .loginAs(ana)
      .redirects(0)
    left.assertStatus(302)
    // An account deleted: its memberships go with it (a cascade)
    await db.from('users').where('id', bob.id).delete()
    assert.deepEqual(await countsOf([garden, kitchen]), [
      [3, 3],
      [1, 1],
    ])

    const lobby = await client.get('/rooms').loginAs(cam)
    assert.equal(lobbyMembers(lobby.text(), garden), '3 members')
    assert.equal(lobbyMembers(lobby.text(), kitchen), '1 member')
  })
})
