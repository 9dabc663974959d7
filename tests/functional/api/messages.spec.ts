import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import app from '@adonisjs/core/services/app'
import Message from '#models/message'
import type Room from '#models/room'
import type User from '#models/user'
import { ChatNode } from '#chat/src/chat_node'
import { closeAllClients } from '#tests/helpers/ws_client'
import { chatModes, connect, createRoom, createUser, join } from '#tests/helpers/chat_fixtures'

/**
 * Posts `text` as `author` the way the no-JavaScript form does; returns its seq
 */
async function post(room: Room, author: User, text: string) {
  const chat = await app.container.make(ChatNode)
  const stored = await chat.post({
    room: room.id,
    user: { id: author.id, username: author.username },
    clientId: null,
    text,
  })
  return stored!.seq
}

/**
 * The room's log as [seq, kind, target, body] rows
 */
async function logOf(room: Room) {
  const rows = await Message.query().where('room_id', room.id).orderBy('seq')
  return rows.map((row) => [row.seq, row.kind, row.targetSeq, row.body])
}

test.group('API message edits and deletions', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('PATCH edits the author’s message, answers the edit entry and live clients get it', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(ana)
    const seq = await post(room, ana, 'helo')
    const chat = await chatModes[0].start()
    const bobSocket = await connect(chat, bob)
    await join(bobSocket, room)

    const response = await client
      .patch(`/api/v1/rooms/${room.id}/messages/${seq}`)
      .withGuard('api')
      .loginAs(ana)
      .json({ text: ' hello *all* ', client_id: 'api-e-1' })

    response.assertStatus(200)
    const entry = await Message.findByOrFail({ roomId: room.id, seq: 2 })
    assert.deepEqual(response.body(), {
      data: {
        id: entry.id,
        roomId: room.id,
        seq: 2,
        kind: 'edit',
        target: 1,
        user: { id: ana.id, username: ana.username },
        text: 'hello *all*',
        html: '<p>hello <em>all</em></p>',
        clientId: 'api-e-1',
        createdAt: entry.createdAt.toUTC().toISO(),
        editedAt: entry.editedAt!.toUTC().toISO(),
        deleted: false,
        attachment: null,
      },
    })
    const frame = await bobSocket.next({ type: 'message', seq: 2 })
    assert.containsSubset(frame, { kind: 'edit', target: 1, text: 'hello *all*' })
    const message = await Message.findByOrFail({ roomId: room.id, seq: 1 })
    assert.equal(message.body, 'hello *all*')
    assert.isNotNull(message.editedAt)
  })

  test('PATCH with a client_id already used answers the same entry and writes nothing', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const seq = await post(room, ana, 'one')
    const patch = () =>
      client
        .patch(`/api/v1/rooms/${room.id}/messages/${seq}`)
        .withGuard('api')
        .loginAs(ana)
        .json({ text: 'two', client_id: 'same' })

    const first = await patch()
    const again = await patch()

    assert.deepEqual(again.body(), first.body())
    assert.deepEqual(await logOf(room), [
      [1, 'message', null, 'two'],
      [2, 'edit', 1, 'two'],
    ])
  })

  test('DELETE deletes the author’s message and live clients get the delete entry', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(bob)
    const seq = await post(room, ana, 'regret')
    const chat = await chatModes[0].start()
    const bobSocket = await connect(chat, bob)
    await join(bobSocket, room)

    const response = await client
      .delete(`/api/v1/rooms/${room.id}/messages/${seq}`)
      .withGuard('api')
      .loginAs(ana)

    response.assertStatus(200)
    assert.containsSubset(response.body().data, {
      seq: 2,
      kind: 'delete',
      target: 1,
      text: '',
      html: '',
      clientId: null,
      deleted: true,
    })
    const frame = await bobSocket.next({ type: 'message', seq: 2 })
    assert.containsSubset(frame, { kind: 'delete', target: 1, deleted: true })
    assert.deepEqual(await logOf(room), [
      [1, 'message', null, ''],
      [2, 'delete', 1, ''],
    ])
  })

  test('the room owner may DELETE anyone’s message', async ({ client, assert }) => {
    const owner = await createUser()
    const bob = await createUser()
    const room = await createRoom(owner)
    const seq = await post(room, bob, 'spam')

    const response = await client
      .delete(`/api/v1/rooms/${room.id}/messages/${seq}`)
      .withGuard('api')
      .loginAs(owner)
      .json({ client_id: 'mod-1' })

    response.assertStatus(200)
    assert.containsSubset(response.body().data, {
      kind: 'delete',
      user: { id: owner.id },
      clientId: 'mod-1',
    })
    assert.deepEqual(await logOf(room), [
      [1, 'message', null, ''],
      [2, 'delete', 1, ''],
    ])
  })

  test('refusals: 403 not allowed, 404 unknown, 409 deleted, 401 without a token', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const ana = await createUser()
    const cleo = await createUser()
    const room = await createRoom(owner)
    const anas = await post(room, ana, 'by ana')
    const gone = await post(room, ana, 'deleted soon')
    const chat = await app.container.make(ChatNode)
    await chat.remove({
      room: room.id,
      user: { id: ana.id, username: ana.username },
      clientId: null,
      target: gone,
    })
    const url = (seq: number | string, roomId: number = room.id) =>
      `/api/v1/rooms/${roomId}/messages/${seq}`
    const patch = (user: User, path: string) =>
      client.patch(path).withGuard('api').loginAs(user).json({ text: 'changed' })
    const remove = (user: User, path: string) => client.delete(path).withGuard('api').loginAs(user)

    const cases = [
      ['owner edits ana’s', patch(owner, url(anas)), 403, 'E_MESSAGE_FORBIDDEN'],
      ['cleo edits ana’s', patch(cleo, url(anas)), 403, 'E_MESSAGE_FORBIDDEN'],
      ['cleo deletes ana’s', remove(cleo, url(anas)), 403, 'E_MESSAGE_FORBIDDEN'],
      ['edit unknown seq', patch(ana, url(99)), 404, 'E_MESSAGE_NOT_FOUND'],
      ['delete the delete entry', remove(ana, url(3)), 404, 'E_MESSAGE_NOT_FOUND'],
      ['seq beyond 32 bits', remove(ana, url('99999999999999999999')), 404, 'E_MESSAGE_NOT_FOUND'],
      ['unknown room', patch(ana, url(1, 2_000_000_000)), 404, 'E_ROW_NOT_FOUND'],
      ['edit deleted', patch(ana, url(gone)), 409, 'E_MESSAGE_DELETED'],
      ['delete deleted', remove(ana, url(gone)), 409, 'E_MESSAGE_DELETED'],
    ] as const
    for (const [label, request, status, code] of cases) {
      const response = await request
      assert.deepEqual(
        [label, response.status(), response.body().errors?.[0]?.code],
        [label, status, code]
      )
      assert.isString(response.body().errors[0].message)
    }

    const anonymous = await client.patch(url(anas)).json({ text: 'x' })
    anonymous.assertStatus(401)
    assert.deepEqual(await logOf(room), [
      [1, 'message', null, 'by ana'],
      [2, 'message', null, ''],
      [3, 'delete', 2, ''],
    ])
  })

  test('PATCH validates the text and client_id with 422', async ({ client, assert }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const seq = await post(room, ana, 'hello')
    const cases = [
      { body: {}, field: 'text', rule: 'required' },
      { body: { text: '   ' }, field: 'text', rule: 'required' },
      { body: { text: 'x'.repeat(4001) }, field: 'text', rule: 'maxLength' },
      { body: { text: 42 }, field: 'text', rule: 'string' },
      { body: { text: 'ok', client_id: 'c'.repeat(65) }, field: 'client_id', rule: 'maxLength' },
    ]
    for (const { body, field, rule } of cases) {
      const response = await client
        .patch(`/api/v1/rooms/${room.id}/messages/${seq}`)
        .withGuard('api')
        .loginAs(ana)
        .json(body)
      response.assertStatus(422)
      assert.deepInclude(response.body().errors[0], { code: 'E_VALIDATION_ERROR', field, rule })
    }
    assert.deepEqual(await logOf(room), [[1, 'message', null, 'hello']])
  })

  test('PATCH and DELETE refuse text or a client_id PostgreSQL would not store as sent with 400', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const seq = await post(room, ana, 'hello')
    const url = `/api/v1/rooms/${room.id}/messages/${seq}`
    // a lone surrogate would be stored as U+FFFD (a resent client_id would never match), NUL not at all
    const requests = [
      () => client.patch(url).json({ text: 'ok', client_id: 'p\ud800' }),
      () => client.patch(url).json({ text: 'hi \udc00' }),
      () => client.patch(url).json({ text: 'hi \u0000' }),
      () => client.delete(url).json({ client_id: 'x\udfffy' }),
      () => client.delete(url).json({ client_id: '\ud83e' }),
      () => client.delete(url).json({ client_id: 'nul\u0000' }),
    ]
    for (const request of requests) {
      const response = await request().withGuard('api').loginAs(ana)
      response.assertStatus(400)
      assert.deepEqual(response.body().errors, [
        {
          code: 'E_UNSTORABLE_TEXT',
          message:
            'Text must be well-formed Unicode: no NUL character (U+0000) and no lone surrogate',
        },
      ])
    }
    assert.deepEqual(await logOf(room), [[1, 'message', null, 'hello']])
  })

  test('a private room the user is not a member of answers 404, like a missing one', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const stranger = await createUser()
    const room = await createRoom(owner)
    room.merge({ visibility: 'private' })
    await room.save()
    const seq = await post(room, owner, 'members only')

    const response = await client
      .delete(`/api/v1/rooms/${room.id}/messages/${seq}`)
      .withGuard('api')
      .loginAs(stranger)

    response.assertStatus(404)
    assert.deepEqual(await logOf(room), [[1, 'message', null, 'members only']])
  })
})
