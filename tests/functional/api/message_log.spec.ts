import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import { truncateTables } from '#tests/helpers/database'
import Message from '#models/message'
import type Room from '#models/room'
import type User from '#models/user'
import { ChatNode } from '#chat/src/chat_node'
import { closeAllClients } from '#tests/helpers/ws_client'
import { createPrivateRoom } from '#tests/helpers/private_rooms'
import { chatModes, connect, createRoom, createUser, join } from '#tests/helpers/chat_fixtures'

/**
 * Posts `text` as `author` through the chat node; returns its seq
 */
async function post(room: Room, author: User, text: string) {
  const chat = await app.container.make(ChatNode)
  const stored = await chat.post({ room: room.id, user: author, clientId: null, text })
  return stored!.seq
}

/**
 * A room of `count` messages `m1`…`mN` by its owner
 */
async function roomWith(count: number) {
  const owner = await createUser()
  const room = await createRoom(owner)
  for (let index = 1; index <= count; index++) await post(room, owner, `m${index}`)
  return { owner, room }
}

/**
 * The room's log as [seq, kind, target, body] rows
 */
async function logOf(room: Room) {
  const rows = await Message.query().where('room_id', room.id).orderBy('seq')
  return rows.map((row) => [row.seq, row.kind, row.targetSeq, row.body])
}

const seqs = (body: { data: Array<{ seq: number }> }) => body.data.map((entry) => entry.seq)

test.group('API room log: GET /api/v1/rooms/:id/messages', (group) => {
  group.each.setup(() => truncateTables())

  test('the newest entries first, then older pages by before, with exact cursors', async ({
    client,
    assert,
  }) => {
    const { owner, room } = await roomWith(7)
    const get = (qs: Record<string, unknown>) =>
      client.get(`/api/v1/rooms/${room.id}/messages`).qs(qs).withGuard('api').loginAs(owner)

    const newest = await get({ limit: 3 })
    newest.assertStatus(200)
    assert.deepEqual(seqs(newest.body()), [7, 6, 5])
    assert.deepEqual(newest.body().meta, {
      order: 'desc',
      hasMore: true,
      nextBefore: 5,
      lastSeq: 7,
    })

    const older = await get({ before: 5, limit: 3 })
    assert.deepEqual(seqs(older.body()), [4, 3, 2])
    assert.deepEqual(older.body().meta, { order: 'desc', hasMore: true, nextBefore: 2, lastSeq: 7 })

    const oldest = await get({ before: 2, limit: 3 })
    assert.deepEqual(seqs(oldest.body()), [1])
    assert.deepEqual(oldest.body().meta, {
      order: 'desc',
      hasMore: false,
      nextBefore: null,
      lastSeq: 7,
    })

    const all = await get({})
    assert.deepEqual(seqs(all.body()), [7, 6, 5, 4, 3, 2, 1])
  })

  test('since catches up ascending, page by page', async ({ client, assert }) => {
    const { owner, room } = await roomWith(5)
    const get = (qs: Record<string, unknown>) =>
      client.get(`/api/v1/rooms/${room.id}/messages`).qs(qs).withGuard('api').loginAs(owner)

    const first = await get({ since: 0, limit: 2 })
    assert.deepEqual(seqs(first.body()), [1, 2])
    assert.deepEqual(first.body().meta, { order: 'asc', hasMore: true, nextSince: 2, lastSeq: 5 })
    const second = await get({ since: 2, limit: 2 })
    assert.deepEqual(seqs(second.body()), [3, 4])
    const last = await get({ since: 4, limit: 2 })
    assert.deepEqual(seqs(last.body()), [5])
    assert.deepEqual(last.body().meta, { order: 'asc', hasMore: false, nextSince: 5, lastSeq: 5 })
    const none = await get({ since: 5 })
    assert.deepEqual(none.body(), {
      data: [],
      meta: { order: 'asc', hasMore: false, nextSince: 5, lastSeq: 5 },
    })
  })

  test('edits and deletions are entries of the log', async ({ client, assert }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    await post(room, ana, 'helo')
    await post(room, ana, 'oops')
    const chat = await app.container.make(ChatNode)
    await chat.edit({ room: room.id, user: ana, target: 1, text: 'hello', clientId: null })
    await chat.remove({ room: room.id, user: ana, target: 2, clientId: null })

    const response = await client
      .get(`/api/v1/rooms/${room.id}/messages`)
      .qs({ since: 0 })
      .withGuard('api')
      .loginAs(ana)

    response.assertStatus(200)
    const rows = await Message.query().where('room_id', room.id).orderBy('seq')
    assert.deepEqual(
      response.body().data,
      rows.map((row) => ({
        id: row.id,
        roomId: room.id,
        seq: row.seq,
        kind: row.kind,
        target: row.targetSeq,
        user: { id: ana.id, username: ana.username },
        text: row.body,
        html: row.bodyHtml,
        clientId: null,
        createdAt: row.createdAt.toUTC().toISO(),
        editedAt: row.editedAt?.toUTC().toISO() ?? null,
        deleted: row.deletedAt !== null,
        attachment: null,
      }))
    )
    assert.deepEqual(
      response.body().data.map((entry: any) => [entry.seq, entry.kind, entry.target, entry.text]),
      [
        [1, 'message', null, 'hello'],
        [2, 'message', null, ''],
        [3, 'edit', 1, 'hello'],
        [4, 'delete', 2, ''],
      ]
    )
    assert.equal(response.body().data[0].html, '<p>hello</p>')
    assert.isString(response.body().data[0].editedAt)
    assert.isTrue(response.body().data[1].deleted)
  })

  test('404 for a private room’s outsider and a missing room, 401 without a token', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const member = await createUser()
    const outsider = await createUser()
    const room = await createPrivateRoom(owner, [member])
    await post(room, owner, 'secret')

    const asMember = await client
      .get(`/api/v1/rooms/${room.id}/messages`)
      .withGuard('api')
      .loginAs(member)
    asMember.assertStatus(200)
    assert.deepEqual(seqs(asMember.body()), [1])

    for (const path of [`/api/v1/rooms/${room.id}/messages`, '/api/v1/rooms/999999/messages']) {
      const response = await client.get(path).withGuard('api').loginAs(outsider)
      response.assertStatus(404)
      assert.deepEqual(response.body(), {
        errors: [{ code: 'E_ROW_NOT_FOUND', message: 'Room not found' }],
      })
    }
    const anonymous = await client.get(`/api/v1/rooms/${room.id}/messages`)
    anonymous.assertStatus(401)
  })

  test('bad cursors are 422s naming the field', async ({ client, assert }) => {
    const { owner, room } = await roomWith(1)
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ limit: 0 }, 'limit', 'min'],
      [{ limit: 501 }, 'limit', 'max'],
      [{ limit: 'ten' }, 'limit', 'number'],
      [{ since: -1 }, 'since', 'min'],
      [{ since: 1.5 }, 'since', 'withoutDecimals'],
      [{ before: 0 }, 'before', 'min'],
      [{ since: 1, before: 3 }, 'before', 'exclusive'],
    ]
    for (const [qs, field, rule] of cases) {
      const response = await client
        .get(`/api/v1/rooms/${room.id}/messages`)
        .qs(qs)
        .withGuard('api')
        .loginAs(owner)
      response.assertStatus(422)
      assert.containsSubset(response.body().errors, [{ code: 'E_VALIDATION_ERROR', field, rule }])
    }
  })
})

test.group('API room log: POST /api/v1/rooms/:id/messages', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('posts a message that live clients receive', async ({ client, assert }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(ana)
    const chat = await chatModes[0].start()
    const bobSocket = await connect(chat, bob)
    await join(bobSocket, room)

    const response = await client
      .post(`/api/v1/rooms/${room.id}/messages`)
      .header('Idempotency-Key', 'script-1')
      .withGuard('api')
      .loginAs(ana)
      .json({ text: ' from a *script* ' })

    response.assertStatus(201)
    const row = await Message.findByOrFail({ roomId: room.id, seq: 1 })
    assert.deepEqual(response.body(), {
      data: {
        id: row.id,
        roomId: room.id,
        seq: 1,
        kind: 'message',
        target: null,
        user: { id: ana.id, username: ana.username },
        text: 'from a *script*',
        html: '<p>from a <em>script</em></p>',
        clientId: 'script-1',
        createdAt: row.createdAt.toUTC().toISO(),
        editedAt: null,
        deleted: false,
        attachment: null,
      },
    })
    assert.isUndefined(response.header('idempotent-replayed'))
    const frame = await bobSocket.next({ type: 'message', seq: 1 })
    assert.containsSubset(frame, {
      kind: 'message',
      text: 'from a *script*',
      client_id: 'script-1',
    })
  })

  test('the same key and body answer the same entry and append nothing', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const send = () =>
      client
        .post(`/api/v1/rooms/${room.id}/messages`)
        .header('Idempotency-Key', 'k-1')
        .withGuard('api')
        .loginAs(ana)
        .json({ text: 'once' })

    const first = await send()
    const again = await send()

    first.assertStatus(201)
    again.assertStatus(201)
    assert.equal(again.header('idempotent-replayed'), 'true')
    assert.deepEqual(again.body(), first.body())
    assert.deepEqual(await logOf(room), [[1, 'message', null, 'once']])
  })

  test('the same key with another body is a 409 and writes nothing', async ({ client, assert }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const send = (text: string) =>
      client
        .post(`/api/v1/rooms/${room.id}/messages`)
        .header('Idempotency-Key', 'k-2')
        .withGuard('api')
        .loginAs(ana)
        .json({ text })

    const first = await send('first')
    first.assertStatus(201)
    const reused = await send('second')

    reused.assertStatus(409)
    assert.deepEqual(reused.body(), {
      errors: [
        {
          code: 'E_IDEMPOTENCY_KEY_REUSED',
          message:
            'This Idempotency-Key was already used with a different request; use a new key for a new message',
        },
      ],
    })
    assert.deepEqual(await logOf(room), [[1, 'message', null, 'first']])
  })

  test('a retry after the message was edited still answers it; a key used by an edit is a 409', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const send = (key: string, text: string) =>
      client
        .post(`/api/v1/rooms/${room.id}/messages`)
        .header('Idempotency-Key', key)
        .withGuard('api')
        .loginAs(ana)
        .json({ text })

    const posted = await send('k-3', 'draft')
    posted.assertStatus(201)
    const chat = await app.container.make(ChatNode)
    await chat.edit({ room: room.id, user: ana, target: 1, text: 'final', clientId: 'edit-1' })

    const retry = await send('k-3', 'draft')
    retry.assertStatus(201)
    assert.equal(retry.body().data.seq, 1)
    assert.equal(retry.header('idempotent-replayed'), 'true')

    const clash = await send('edit-1', 'final')
    clash.assertStatus(409)
    assert.equal(clash.body().errors[0].code, 'E_IDEMPOTENCY_KEY_REUSED')
    const clashAgain = await send('edit-1', 'final')
    clashAgain.assertStatus(409)
    assert.deepEqual(await logOf(room), [
      [1, 'message', null, 'final'],
      [2, 'edit', 1, 'final'],
    ])
  })

  test('concurrent requests with one key write one row', async ({ client, assert }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        client
          .post(`/api/v1/rooms/${room.id}/messages`)
          .header('Idempotency-Key', 'burst')
          .withGuard('api')
          .loginAs(ana)
          .json({ text: 'only once' })
      )
    )

    assert.deepEqual(
      responses.map((response) => [response.status(), response.body().data.seq]),
      Array.from({ length: 8 }, () => [201, 1])
    )
    assert.deepEqual(await logOf(room), [[1, 'message', null, 'only once']])
    const keys = await db.from('api_idempotency_keys').where('room_id', room.id).count('* as n')
    assert.equal(Number(keys[0].n), 1)
  })

  test('without a key every request appends a message', async ({ client, assert }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    for (let index = 0; index < 2; index++) {
      const response = await client
        .post(`/api/v1/rooms/${room.id}/messages`)
        .withGuard('api')
        .loginAs(ana)
        .json({ text: 'again' })
      response.assertStatus(201)
      assert.equal(response.body().data.clientId, null)
    }
    assert.deepEqual(await logOf(room), [
      [1, 'message', null, 'again'],
      [2, 'message', null, 'again'],
    ])
  })

  test('posts share the form’s limit: the 21st within 2 s is a 429 with Retry-After', async ({
    client,
    assert,
  }) => {
    await limiter.clear()
    const ana = await createUser()
    const room = await createRoom(ana)
    const send = (index: number) =>
      client
        .post(`/api/v1/rooms/${room.id}/messages`)
        .header('Idempotency-Key', `flood-${index}`)
        .withGuard('api')
        .loginAs(ana)
        .json({ text: `flood ${index}` })
    // Sent together so the 2-second window cannot end in between
    const responses = await Promise.all(Array.from({ length: 21 }, (_, index) => send(index)))

    const statuses = responses.map((response) => response.status()).sort()
    assert.deepEqual(statuses, [...Array(20).fill(201), 429])
    const refused = responses.find((response) => response.status() === 429)!
    assert.oneOf(refused.header('retry-after'), ['1', '2'])
    assert.equal(refused.body().errors[0].code, 'E_TOO_MANY_REQUESTS')
    const rows = await Message.query().where('room_id', room.id)
    assert.lengthOf(rows, 20)
    await limiter.clear()
  })

  test('refusals: validation 422s, 404 for outsiders and missing rooms, 401 without a token', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const outsider = await createUser()
    const room = await createPrivateRoom(owner)
    const send = (roomId: number, user: User, body: Record<string, unknown>, key?: string) => {
      const request = client.post(`/api/v1/rooms/${roomId}/messages`).withGuard('api').loginAs(user)
      if (key !== undefined) request.header('Idempotency-Key', key)
      return request.json(body)
    }

    const cases: Array<[Record<string, unknown>, string | undefined, string, string]> = [
      [{}, undefined, 'text', 'required'],
      [{ text: '   ' }, undefined, 'text', 'required'],
      [{ text: 'x'.repeat(4001) }, undefined, 'text', 'maxLength'],
      [{ text: 'ok' }, 'k'.repeat(65), 'Idempotency-Key', 'maxLength'],
    ]
    for (const [body, key, field, rule] of cases) {
      const response = await send(room.id, owner, body, key)
      response.assertStatus(422)
      assert.containsSubset(response.body().errors, [{ code: 'E_VALIDATION_ERROR', field, rule }])
    }
    const outsiders = await send(room.id, outsider, { text: 'hi' }, 'x')
    outsiders.assertStatus(404)
    const missing = await send(999999, owner, { text: 'hi' }, 'x')
    missing.assertStatus(404)
    const anonymous = await client.post(`/api/v1/rooms/${room.id}/messages`).json({ text: 'hi' })
    anonymous.assertStatus(401)
    assert.deepEqual(await logOf(room), [])
  })
})
