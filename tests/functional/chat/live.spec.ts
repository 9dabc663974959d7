import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import Message from '#models/message'
import {
  chatGroup,
  connect,
  createRoom,
  createUser,
  join,
  presenceLeaving,
  say,
  seqsOf,
  twoJoined,
} from '#tests/helpers/chat_fixtures'

chatGroup('Chat presence, typing and room events', (chat) => {
  test('announces the first socket of a user joining and the last leaving', async ({ assert }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(ana)
    const anaSocket = await connect(chat, ana)
    await join(anaSocket, room)

    const bobFirst = await connect(chat, bob)
    const joined = await join(bobFirst, room)
    const bobSecond = await connect(chat, bob)
    await join(bobSecond, room)

    assert.sameDeepMembers(joined.online, [
      { id: ana.id, username: ana.username },
      { id: bob.id, username: bob.username },
    ])
    assert.deepEqual(await anaSocket.next({ type: 'presence' }), {
      type: 'presence',
      room: room.id,
      joined: [{ id: bob.id, username: bob.username }],
      left: [],
    })

    await bobFirst.close()
    await anaSocket.roundTrip()
    bobSecond.send({ type: 'leave', room: room.id })
    await bobSecond.next({ type: 'left' })

    assert.deepEqual(await presenceLeaving(anaSocket, bob), {
      type: 'presence',
      room: room.id,
      joined: [],
      left: [{ id: bob.id, username: bob.username }],
    })
    assert.lengthOf(anaSocket.receivedOfType('presence'), 2)
  })

  test('relays typing to the others, at most once per 2 s per user', async ({ assert }) => {
    const { bob, room, anaSocket, bobSocket } = await twoJoined(chat)

    bobSocket.send({ type: 'typing', room: room.id })
    bobSocket.send({ type: 'typing', room: room.id })
    await say(bobSocket, room, 'c-1', 'done typing')
    await anaSocket.next({ type: 'message' })

    assert.deepEqual(anaSocket.receivedOfType('typing'), [
      { type: 'typing', room: room.id, user: { id: bob.id, username: bob.username } },
    ])
    assert.lengthOf(bobSocket.receivedOfType('typing'), 0)
  })

  test('tells everyone in a deleted room and ends their subscription', async ({
    assert,
    client,
  }) => {
    const { ana: owner, room, anaSocket: ownerSocket, bobSocket } = await twoJoined(chat)

    const response = await client
      .delete(`/rooms/${room.id}`)
      .withCsrfToken()
      .loginAs(owner)
      .redirects(0)

    response.assertStatus(302)
    const expected = { type: 'room_deleted', room: room.id }
    assert.deepEqual(await ownerSocket.next({ type: 'room_deleted' }), expected)
    assert.deepEqual(await bobSocket.next({ type: 'room_deleted' }), expected)
    bobSocket.send({ type: 'send', room: room.id, client_id: 'c-1', text: 'hello?' })
    const error = await bobSocket.next({ type: 'error' })
    assert.deepEqual([error.code, error.ref], ['not_joined', 'c-1'])
    bobSocket.send({ type: 'join', room: room.id })
    const refused = await bobSocket.next({ type: 'error' })
    assert.equal(refused.code, 'room_not_found')
  })

  test('a message posted by the no-JS form reaches live sockets', async ({ assert, client }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(ana)
    const bobSocket = await connect(chat, bob)
    await join(bobSocket, room)

    const response = await client
      .post(`/rooms/${room.id}/messages`)
      .withCsrfToken()
      .loginAs(ana)
      .form({ text: '  posted without JavaScript  ' })
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', `/rooms/${room.id}#message-1`)
    const row = await Message.findByOrFail({ roomId: room.id })
    const frame = await bobSocket.next({ type: 'message' })
    assert.deepEqual(frame, {
      type: 'message',
      room: room.id,
      seq: 1,
      id: row.id,
      user: { id: ana.id, username: ana.username },
      kind: 'message',
      target: null,
      text: 'posted without JavaScript',
      html: '<p>posted without JavaScript</p>',
      client_id: null,
      created_at: row.createdAt.toUTC().toISO(),
      edited_at: null,
      deleted: false,
      attachment: null,
    })
  })

  test('form posts and socket sends share one gap-free log', async ({ assert, client }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const anaSocket = await connect(chat, ana)
    await join(anaSocket, room)

    await say(anaSocket, room, 'c-1', 'by socket')
    await client
      .post(`/rooms/${room.id}/messages`)
      .withCsrfToken()
      .loginAs(ana)
      .form({ text: 'by form' })
      .redirects(0)
    await say(anaSocket, room, 'c-3', 'by socket again')
    await anaSocket.next({ type: 'message', seq: 3 })

    assert.deepEqual(seqsOf(anaSocket.received), [1, 2, 3])
  })
})

test.group('No-JS message form', (group) => {
  group.each.setup(() => truncateTables())

  test('the no-JS form refuses empty, overlong and unstorable text and stores nothing', async ({
    assert,
    client,
  }) => {
    const ana = await createUser()
    const room = await createRoom(ana)

    for (const text of ['   ', 'x'.repeat(4001)]) {
      const response = await client
        .post(`/rooms/${room.id}/messages`)
        .withCsrfToken()
        .loginAs(ana)
        .form({ text })
        .redirects(0)
      response.assertStatus(302)
    }
    // a lone surrogate (stored as U+FFFD) or NUL (not storable): only JSON can carry them
    const unstorable = [
      { text: 'hi \ud800' },
      { text: 'hi', client_id: '\udc00' },
      { text: '\u0000' },
    ]
    for (const body of unstorable) {
      const response = await client
        .post(`/rooms/${room.id}/messages`)
        .withCsrfToken()
        .loginAs(ana)
        .accept('json')
        .json(body)
      response.assertStatus(400)
      assert.equal(response.body().errors[0].code, 'E_UNSTORABLE_TEXT')
    }

    assert.lengthOf(await Message.query().where('room_id', room.id), 0)
  })

  test('the no-JS form needs a CSRF token', async ({ assert, client }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const response = await client
      .post(`/rooms/${room.id}/messages`)
      .loginAs(ana)
      .form({ text: 'forged' })
      .redirects(0)
    response.assertStatus(302)
    assert.notEqual(response.header('location'), `/rooms/${room.id}`)
    assert.lengthOf(await Message.query().where('room_id', room.id), 0)
  })

  test('posting to a missing room is a 404', async ({ client }) => {
    const ana = await createUser()
    const response = await client
      .post('/rooms/2147483000/messages')
      .withCsrfToken()
      .loginAs(ana)
      .form({ text: 'anyone?' })
      .redirects(0)
    response.assertStatus(404)
  })
})
