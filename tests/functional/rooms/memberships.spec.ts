import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import transmit from '@adonisjs/transmit/services/main'
import db from '@adonisjs/lucid/services/db'
import RoomMember from '#models/room_member'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { createPrivateRoom, memberIdsOf } from '#tests/helpers/private_rooms'
import { joinRooms } from '#tests/helpers/memberships'
import { PUBLIC_MEMBERS_BACKFILL } from '#database/migrations/1795600000112_add_room_membership_settings'

/**
 * Records the `membership` events sent on Transmit until the test ends, as [channel, room]
 */
function recordMembershipEvents(cleanup: (handler: () => void) => void) {
  const events: Array<[string, number]> = []
  const stop = transmit.on('broadcast', ({ channel, payload }) => {
    const event = payload as { type?: string; room?: number }
    if (event.type === 'membership') events.push([channel, event.room!])
  })
  cleanup(stop)
  return events
}

/**
 * The user's membership row of the room, as plain values (null when none)
 */
async function membershipOf(roomId: number, userId: number) {
  const row = await RoomMember.query().where('room_id', roomId).where('user_id', userId).first()
  return row && { favourite: row.favourite, notificationLevel: row.notificationLevel }
}

test.group('Memberships: join, leave, favourite, notifications (forms)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('joining a public room opens it; joining again changes nothing', async ({
    client,
    assert,
    cleanup,
  }) => {
    const events = recordMembershipEvents(cleanup)
    const owner = await UserFactory.create()
    const ana = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: owner.id, name: 'Book club' }).create()

    const join = await client
      .post(`/rooms/${room.id}/membership`)
      .withCsrfToken()
      .loginAs(ana)
      .redirects(0)
    join.assertStatus(302)
    join.assertHeader('location', `/rooms/${room.id}`)
    join.assertFlashMessage('success', 'You joined “Book club”.')
    assert.deepEqual(await membershipOf(room.id, ana.id), {
      favourite: false,
      notificationLevel: 'all',
    })
    assert.deepEqual(events, [[`users/${ana.id}`, room.id]])

    const again = await client
      .post(`/rooms/${room.id}/membership`)
      .withCsrfToken()
      .loginAs(ana)
      .redirects(0)
    again.assertStatus(302)
    assert.deepEqual(await memberIdsOf(room.id), [ana.id])
    assert.lengthOf(events, 1)
  })

  test('favourite and notification level change with PATCH forms, back where they were', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const room = await RoomFactory.with('owner').create()
    await joinRooms(ana, [room])

    const favourite = await client
      .patch(`/rooms/${room.id}/membership`)
      .withCsrfToken()
      .loginAs(ana)
      .header('referer', `/rooms/${room.id}`)
      .form({ favourite: 'true' })
      .redirects(0)
    favourite.assertStatus(302)
    favourite.assertHeader('location', `/rooms/${room.id}`)
    assert.deepEqual(await membershipOf(room.id, ana.id), {
      favourite: true,
      notificationLevel: 'all',
    })

    await client
      .patch(`/rooms/${room.id}/membership`)
      .withCsrfToken()
      .loginAs(ana)
      .form({ notificationLevel: 'mentions' })
    assert.deepEqual(await membershipOf(room.id, ana.id), {
      favourite: true,
      notificationLevel: 'mentions',
    })

    const invalid = await client
      .patch(`/rooms/${room.id}/membership`)
      .withCsrfToken()
      .loginAs(ana)
      .form({ notificationLevel: 'loud' })
      .redirects(0)
    invalid.assertStatus(302)
    assert.deepEqual(await membershipOf(room.id, ana.id), {
      favourite: true,
      notificationLevel: 'mentions',
    })
  })

  test('settings of a room not joined are refused with a flash message', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const room = await RoomFactory.with('owner').create()

    const response = await client
      .patch(`/rooms/${room.id}/membership`)
      .withCsrfToken()
      .loginAs(ana)
      .header('referer', `/rooms/${room.id}`)
      .form({ favourite: 'true' })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', `/rooms/${room.id}`)
    response.assertFlashMessage('error', 'Join the room first.')
    assert.isNull(await membershipOf(room.id, ana.id))
  })

  test('leaving a public room keeps it readable; the owner may leave it too', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const ana = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: owner.id, name: 'Jazz' }).create()
    await joinRooms(ana, [room])
    await joinRooms(owner, [room])

    const leave = await client
      .delete(`/rooms/${room.id}/membership`)
      .withCsrfToken()
      .loginAs(ana)
      .redirects(0)
    leave.assertStatus(302)
    leave.assertHeader('location', `/rooms/${room.id}`)
    leave.assertFlashMessage('success', 'You left “Jazz”.')
    assert.deepEqual(await memberIdsOf(room.id), [owner.id])
    const page = await client.get(`/rooms/${room.id}`).loginAs(ana)
    page.assertStatus(200)

    const ownerLeaves = await client
      .delete(`/rooms/${room.id}/membership`)
      .withCsrfToken()
      .loginAs(owner)
      .redirects(0)
    ownerLeaves.assertStatus(302)
    assert.deepEqual(await memberIdsOf(room.id), [])
  })

  test('a private room: outsiders get 404, members leave it, the owner cannot', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const member = await UserFactory.create()
    const outsider = await UserFactory.create()
    const room = await createPrivateRoom(owner, [member])

    for (const method of ['post', 'patch', 'delete'] as const) {
      const response = await client
        .request(`/rooms/${room.id}/membership`, method)
        .withCsrfToken()
        .loginAs(outsider)
        .form({ favourite: 'true' })
      response.assertStatus(404)
    }
    assert.isNull(await membershipOf(room.id, outsider.id))

    const ownerLeaves = await client
      .delete(`/rooms/${room.id}/membership`)
      .withCsrfToken()
      .loginAs(owner)
    ownerLeaves.assertStatus(403)
    ownerLeaves.assertTextIncludes('The owner cannot leave their own room. Delete it instead.')

    const leave = await client
      .delete(`/rooms/${room.id}/membership`)
      .withCsrfToken()
      .loginAs(member)
      .redirects(0)
    leave.assertStatus(302)
    leave.assertHeader('location', '/rooms')
    assert.deepEqual(await memberIdsOf(room.id), [owner.id])
    const gone = await client.get(`/rooms/${room.id}`).loginAs(member)
    gone.assertStatus(404)
  })

  test('creating a room makes its owner a member', async ({ client, assert }) => {
    const ana = await UserFactory.create()

    await client.post('/rooms').withCsrfToken().loginAs(ana).form({ name: 'Chess' })

    const room = await RoomMember.query().where('user_id', ana.id).preload('room').firstOrFail()
    assert.equal(room.room.name, 'Chess')
  })

  test('the forms need the CSRF token', async ({ client, assert }) => {
    const ana = await UserFactory.create()
    const room = await RoomFactory.with('owner').create()

    const response = await client.post(`/rooms/${room.id}/membership`).loginAs(ana).redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('error', 'This form has expired. Please try again.')
    assert.isNull(await membershipOf(room.id, ana.id))
  })
})

test.group('Memberships: unread counts by notification level', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a muted room counts mentions only, as does nothing', async ({ client, assert }) => {
    const ana = await UserFactory.create()
    const bob = await UserFactory.create()
    const rooms = await RoomFactory.merge({ ownerId: bob.id, lastSeq: 3 }).createMany(3)
    for (const room of rooms) {
      const messages = await room
        .related('messages')
        .createMany([1, 2, 3].map((seq) => ({ userId: bob.id, seq, body: `@${ana.username} hi` })))
      await db.table('message_mentions').insert({
        message_id: messages[2].id,
        user_id: ana.id,
        room_id: room.id,
        seq: 3,
      })
    }
    await joinRooms(ana, [rooms[0]])
    await joinRooms(ana, [rooms[1]], { notificationLevel: 'mentions' })
    await joinRooms(ana, [rooms[2]], { notificationLevel: 'nothing' })

    const response = await client.get('/rooms/unread').loginAs(ana)

    assert.deepEqual(response.body(), {
      data: [
        { room: rooms[0].id, unread: 3, mentions: 1 },
        { room: rooms[1].id, unread: 0, mentions: 1 },
        { room: rooms[2].id, unread: 0, mentions: 1 },
      ],
    })
  })
})

test.group('Memberships: the migration of existing data', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('owners and people who posted join public rooms; deleted accounts and private rooms do not', async ({
    assert,
  }) => {
    const owner = await UserFactory.create()
    const poster = await UserFactory.create()
    const editorOnly = await UserFactory.create()
    const gone = await UserFactory.merge({ username: 'deleted user 9' }).create()
    const room = await RoomFactory.merge({ ownerId: owner.id, lastSeq: 4 }).create()
    await room.related('messages').createMany([
      { userId: poster.id, seq: 1, body: 'hello' },
      { userId: poster.id, seq: 2, body: 'again' },
      { userId: gone.id, seq: 3, body: 'bye' },
      { userId: editorOnly.id, seq: 4, body: '', kind: 'edit', targetSeq: 1 },
    ])
    const secret = await createPrivateRoom(owner)
    await secret.related('messages').create({ userId: poster.id, seq: 1, body: 'hi' })
    await RoomMember.query().where('room_id', room.id).delete()
    await joinRooms(poster, [room], { favourite: true })

    await db.rawQuery(PUBLIC_MEMBERS_BACKFILL)
    await db.rawQuery(PUBLIC_MEMBERS_BACKFILL)

    assert.deepEqual(
      await memberIdsOf(room.id),
      [owner.id, poster.id].sort((a, b) => a - b)
    )
    assert.deepEqual(await membershipOf(room.id, poster.id), {
      favourite: true,
      notificationLevel: 'all',
    })
    assert.deepEqual(await memberIdsOf(secret.id), [owner.id])
  })
})
