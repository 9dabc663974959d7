import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import transmit from '@adonisjs/transmit/services/main'
import { DateTime } from 'luxon'
import Message from '#models/message'
import type User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import { createPrivateRoom } from '#tests/helpers/private_rooms'
import { joinRooms } from '#tests/helpers/memberships'
import ReadMarkerService, { UNREAD_COUNT_CAP } from '#services/rooms/read_marker_service'
import type Room from '#models/room'
import type { ApiClient } from '@japa/api-client'

/**
 * Records the `read` events sent on Transmit until the test ends
 */
function recordReadEvents(cleanup: (handler: () => void) => void) {
  const events: Array<{ channel: string; room: number; seq: number }> = []
  const stop = transmit.on('broadcast', ({ channel, payload }) => {
    const event = payload as { type?: string; room?: number; seq?: number }
    if (event.type === 'read') {
      events.push({ channel, room: event.room!, seq: event.seq! })
    }
  })
  cleanup(stop)
  return events
}

/**
 * Appends log entries to `room` (seq continuing its log) and moves its head
 */
async function append(
  room: Room,
  entries: Array<{
    author: User
    kind?: 'message' | 'edit' | 'delete'
    target?: number
    deleted?: boolean
    mentions?: User[]
  }>
) {
  for (const entry of entries) {
    room.lastSeq += 1
    const message = await Message.create({
      roomId: room.id,
      userId: entry.author.id,
      seq: room.lastSeq,
      body: entry.deleted ? '' : `entry ${room.lastSeq}`,
      kind: entry.kind ?? 'message',
      targetSeq: entry.target ?? null,
      deletedAt: entry.deleted ? DateTime.now() : null,
    })
    for (const mentioned of entry.mentions ?? []) {
      await db.table('message_mentions').insert({
        message_id: message.id,
        user_id: mentioned.id,
        room_id: room.id,
        seq: message.seq,
      })
    }
  }
  await room.save()
}

/**
 * Marks `room` read as `user` through the browser route
 */
function markRead(client: ApiClient, user: User, roomId: number, body: object) {
  return client
    .post(`/rooms/${roomId}/read`)
    .withCsrfToken()
    .loginAs(user)
    .header('accept', 'application/json')
    .json(body)
}

async function markerOf(user: User, room: Room) {
  const row = await db
    .from('room_reads')
    .where({ user_id: user.id, room_id: room.id })
    .select('last_read_seq')
    .first()
  return row?.last_read_seq ?? null
}

test.group('Read markers', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a marker only moves forward and never past the room head', async ({
    client,
    assert,
    cleanup,
  }) => {
    const reads = recordReadEvents(cleanup)
    const ana = await UserFactory.create()
    const room = await createRoomWithMessages(ana, 5)

    const first = await markRead(client, ana, room.id, { seq: 3 })
    first.assertStatus(200)
    assert.deepEqual(first.body(), { data: { room: room.id, seq: 3 } })

    const back = await markRead(client, ana, room.id, { seq: 2 })
    assert.deepEqual(back.body(), { data: { room: room.id, seq: 3 } })
    assert.equal(await markerOf(ana, room), 3)

    const beyond = await markRead(client, ana, room.id, { seq: 99 })
    assert.deepEqual(beyond.body(), { data: { room: room.id, seq: 5 } })
    assert.equal(await markerOf(ana, room), 5)

    assert.deepEqual(reads, [
      { channel: `users/${ana.id}`, room: room.id, seq: 3 },
      { channel: `users/${ana.id}`, room: room.id, seq: 3 },
      { channel: `users/${ana.id}`, room: room.id, seq: 5 },
    ])
  })

  test('unread counts cover joined rooms only, without own, deleted, edit and delete entries', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const bob = await UserFactory.create()
    const busy = await RoomFactory.merge({ ownerId: bob.id }).create()
    await append(busy, [
      { author: bob }, // 1, read
      { author: bob }, // 2
      { author: ana }, // 3, own
      { author: bob, deleted: true }, // 4, deleted
      { author: bob, kind: 'edit', target: 2 }, // 5
      { author: bob, kind: 'delete', target: 4 }, // 6
      { author: bob }, // 7
    ])
    const marked = await markRead(client, ana, busy.id, { seq: 1 })
    marked.assertStatus(200)
    const unopened = await RoomFactory.merge({ ownerId: bob.id }).create()
    await append(unopened, [{ author: bob }, { author: bob }])
    const allRead = await RoomFactory.merge({ ownerId: bob.id }).create()
    await append(allRead, [{ author: bob }])
    await markRead(client, ana, allRead.id, { seq: 1 })
    const onlyOwn = await RoomFactory.merge({ ownerId: ana.id }).create()
    await append(onlyOwn, [{ author: ana }])
    const hidden = await createPrivateRoom(bob)
    await append(hidden, [{ author: bob }])
    const notJoined = await RoomFactory.merge({ ownerId: bob.id }).create()
    await append(notJoined, [{ author: bob }])
    await joinRooms(ana, [busy, unopened, allRead])

    const response = await client.get('/rooms/unread').loginAs(ana)

    response.assertStatus(200)
    assert.deepEqual(response.body(), {
      data: [
        { room: busy.id, unread: 2, mentions: 0 },
        { room: unopened.id, unread: 2, mentions: 0 },
      ].sort((a, b) => a.room - b.room),
    })
  })

  test('unread counts stop at the cap however long the backlog is', async ({ client, assert }) => {
    const ana = await UserFactory.create()
    const bob = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: bob.id }).create()
    await db.rawQuery(
      `INSERT INTO messages (room_id, user_id, seq, body, created_at)
       SELECT ?, ?, seq, 'backlog', now() FROM generate_series(1, ?) AS seq`,
      [room.id, bob.id, UNREAD_COUNT_CAP + 50]
    )
    room.lastSeq = UNREAD_COUNT_CAP + 50
    await room.save()
    await joinRooms(ana, [room])

    const response = await client.get('/rooms/unread').loginAs(ana)

    response.assertStatus(200)
    assert.deepEqual(response.body(), {
      data: [{ room: room.id, unread: UNREAD_COUNT_CAP, mentions: 0 }],
    })
  })

  test('mention counts: mentions of me after my marker, not by me', async ({ client, assert }) => {
    const ana = await UserFactory.create()
    const bob = await UserFactory.create()
    const cleo = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: bob.id }).create()
    await append(room, [
      { author: bob, mentions: [ana] }, // 1, read
      { author: bob, mentions: [ana, cleo] }, // 2
      { author: ana, mentions: [ana] }, // 3, by me
      { author: cleo, mentions: [cleo] }, // 4, not me
      { author: cleo, mentions: [ana] }, // 5
    ])
    await joinRooms(ana, [room])
    await markRead(client, ana, room.id, { seq: 1 })
    const member = await createPrivateRoom(bob, [ana])
    await append(member, [{ author: bob, mentions: [ana] }])

    const response = await client.get('/rooms/unread').loginAs(ana)

    assert.deepEqual(response.body(), {
      data: [
        { room: room.id, unread: 3, mentions: 2 },
        { room: member.id, unread: 1, mentions: 1 },
      ],
    })
  })

  test('404 for a room that does not exist or that the user may not see', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const bob = await UserFactory.create()
    const secret = await createPrivateRoom(bob)
    await append(secret, [{ author: bob }])
    const existing = await RoomFactory.merge({ ownerId: bob.id }).create()
    const missing = existing.id + 1000

    for (const id of [secret.id, missing, 2 ** 31]) {
      const response = await markRead(client, ana, id, { seq: 1 })
      response.assertStatus(404)
      assert.equal(response.body().errors[0].code, 'E_ROW_NOT_FOUND', `room ${id}`)
    }
    assert.isNull(await markerOf(ana, secret))
  })

  test('many marks in one statement: each visible to its own user, one user in one room counted once at the furthest, clamped to the head, never back', async ({
    assert,
    cleanup,
  }) => {
    const reads = recordReadEvents(cleanup)
    const ana = await UserFactory.create()
    const bob = await UserFactory.create()
    const open = await createRoomWithMessages(ana, 5)
    const secret = await createPrivateRoom(bob)
    await append(secret, [{ author: bob }, { author: bob }])
    await new ReadMarkerService().markRead(bob.id, open.id, 4)
    const missing = secret.id + 1000

    const stored = await new ReadMarkerService().markReadMany([
      { user: ana.id, room: open.id, seq: 2 },
      { user: ana.id, room: secret.id, seq: 1 },
      { user: bob.id, room: secret.id, seq: 1 },
      { user: ana.id, room: open.id, seq: 3 },
      { user: bob.id, room: open.id, seq: 2 },
      { user: bob.id, room: secret.id, seq: 99 },
      { user: ana.id, room: missing, seq: 1 },
      { user: ana.id, room: 2 ** 31, seq: 1 },
    ])

    assert.deepEqual(stored, [3, null, 2, 3, 4, 2, null, null])
    assert.equal(await markerOf(ana, open), 3)
    assert.isNull(await markerOf(ana, secret))
    assert.equal(await markerOf(bob, secret), 2)
    assert.equal(await markerOf(bob, open), 4)
    assert.sameDeepMembers(reads.slice(1), [
      { channel: `users/${ana.id}`, room: open.id, seq: 3 },
      { channel: `users/${bob.id}`, room: secret.id, seq: 2 },
      { channel: `users/${bob.id}`, room: open.id, seq: 4 },
    ])
    assert.deepEqual(await new ReadMarkerService().markReadMany([]), [])
  })

  test('validates the seq with 422 and codes', async ({ client, assert }) => {
    const ana = await UserFactory.create()
    const room = await createRoomWithMessages(ana, 2)
    const cases = [
      { body: {}, rule: 'required' },
      { body: { seq: -1 }, rule: 'min' },
      { body: { seq: 1.5 }, rule: 'withoutDecimals' },
      { body: { seq: 'abc' }, rule: 'number' },
      // Number() throws for this object (start/validator.ts): found by the HTTP fuzz suite
      { body: { seq: { valueOf: 1, toString: 1 } }, rule: 'number' },
      { body: { seq: 2 ** 60 }, rule: 'max' },
    ]
    for (const { body, rule } of cases) {
      const response = await markRead(client, ana, room.id, body)
      response.assertStatus(422)
      assert.deepInclude(response.body().errors[0], {
        code: 'E_VALIDATION_ERROR',
        field: 'seq',
        rule,
      })
    }
    assert.isNull(await markerOf(ana, room))
  })

  test('the browser route needs the CSRF token', async ({ client, assert }) => {
    const ana = await UserFactory.create()
    const room = await createRoomWithMessages(ana, 2)
    const response = await client
      .post(`/rooms/${room.id}/read`)
      .loginAs(ana)
      .header('accept', 'application/json')
      .json({ seq: 2 })
    response.assertStatus(403)
    assert.equal(response.body().errors[0].code, 'E_BAD_CSRF_TOKEN')
    assert.isNull(await markerOf(ana, room))
  })

  test('API clients mark read with PUT and list unread counts', async ({
    client,
    assert,
    cleanup,
  }) => {
    const reads = recordReadEvents(cleanup)
    const ana = await UserFactory.create()
    const bob = await UserFactory.create()
    const room = await createRoomWithMessages(bob, 4)
    await joinRooms(ana, [room])

    const before = await client.get('/api/v1/rooms/unread').withGuard('api').loginAs(ana)
    assert.deepEqual(before.body(), { data: [{ room: room.id, unread: 4, mentions: 0 }] })

    const marked = await client
      .put(`/api/v1/rooms/${room.id}/read`)
      .withGuard('api')
      .loginAs(ana)
      .json({ seq: 3 })
    marked.assertStatus(200)
    assert.deepEqual(marked.body(), { data: { room: room.id, seq: 3 } })
    assert.deepEqual(reads, [{ channel: `users/${ana.id}`, room: room.id, seq: 3 }])

    const after = await client.get('/api/v1/rooms/unread').withGuard('api').loginAs(ana)
    assert.deepEqual(after.body(), { data: [{ room: room.id, unread: 1, mentions: 0 }] })

    const invalid = await client
      .put(`/api/v1/rooms/${room.id}/read`)
      .withGuard('api')
      .loginAs(ana)
      .json({ seq: 'x' })
    invalid.assertStatus(422)
    const secret = await createPrivateRoom(bob)
    const hidden = await client
      .put(`/api/v1/rooms/${secret.id}/read`)
      .withGuard('api')
      .loginAs(ana)
      .json({ seq: 1 })
    hidden.assertStatus(404)
    assert.deepEqual(hidden.body().errors[0].code, 'E_ROW_NOT_FOUND')
    const anonymous = await client.get('/api/v1/rooms/unread')
    anonymous.assertStatus(401)
  })

  test('the room page puts the divider before the first unread message of a joined room; a room only looked into has none', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const bob = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: bob.id }).create()
    await append(room, [{ author: bob }, { author: ana }, { author: bob }, { author: bob }])
    await markRead(client, ana, room.id, { seq: 1 })

    // Not joined: a room Ana only looks into has no divider
    const looking = await client.get(`/rooms/${room.id}`).loginAs(ana)
    assert.notInclude(looking.text(), 'id="unread-divider"')

    await joinRooms(ana, [room])
    const page = await client.get(`/rooms/${room.id}`).loginAs(ana)

    page.assertStatus(200)
    const html = page.text()
    const divider = html.indexOf('id="unread-divider"')
    assert.isAbove(divider, html.indexOf('data-seq="2"'))
    assert.isBelow(divider, html.indexOf('data-seq="3"'))
    assert.include(html, 'data-last-read-seq="1"')
    await markRead(client, ana, room.id, { seq: 4 })
    const read = await client.get(`/rooms/${room.id}`).loginAs(ana)
    assert.notInclude(read.text(), 'id="unread-divider"')
  })
})
