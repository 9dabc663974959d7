import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Message from '#models/message'
import { truncateTables } from '#tests/helpers/database'
import { createRoom, createUser } from '#tests/helpers/chat_fixtures'
import { createPrivateRoom } from '#tests/helpers/private_rooms'
import type Room from '#models/room'
import type User from '#models/user'

/**
 * Writes `text` as message `seq` of `room` by `author` (seq 1 first)
 */
async function message(room: Room, author: User, seq: number, text: string) {
  await Message.create({ roomId: room.id, userId: author.id, seq, body: text, bodyHtml: text })
  room.lastSeq = seq
  await room.save()
}

test.group('Replies over HTTP', (group) => {
  group.each.setup(() => truncateTables())

  test('post a reply, read it in the log and in its thread', async ({ client, assert }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(ana)
    await message(room, ana, 1, 'Picnic on Sunday?')
    const path = `/api/v1/rooms/${room.id}/messages`
    const posted = await client
      .post(path)
      .json({ text: 'Yes!', reply_to: 1 })
      .header('Idempotency-Key', 'k-1')
      .withGuard('api')
      .loginAs(bob)
    posted.assertStatus(201)
    const parent = {
      user: { id: ana.id, username: ana.username },
      text: 'Picnic on Sunday?',
      deleted: false,
    }
    assert.deepEqual(
      [posted.body().data.seq, posted.body().data.replyTo, posted.body().data.parent],
      [2, 1, parent]
    )
    const nested = await client
      .post(path)
      .json({ text: 'Me too', reply_to: 2 })
      .withGuard('api')
      .loginAs(ana)
    assert.equal(nested.body().data.replyTo, 1)
    const otherParent = await client
      .post(path)
      .json({ text: 'Yes!', reply_to: 3 })
      .header('Idempotency-Key', 'k-1')
      .withGuard('api')
      .loginAs(bob)
    otherParent.assertStatus(409)

    const log = await client.get(path).qs({ since: 0 }).withGuard('api').loginAs(bob)
    assert.deepEqual(
      log
        .body()
        .data.map((entry: { seq: number; replyTo?: number }) => [entry.seq, entry.replyTo ?? null]),
      [
        [1, null],
        [2, 1],
        [3, 1],
      ]
    )
    assert.deepEqual(log.body().data[2].parent, parent)

    const thread = await client
      .get(`${path}/3/replies`)
      .qs({ limit: 1 })
      .withGuard('api')
      .loginAs(bob)
    thread.assertStatus(200)
    assert.deepEqual(
      [
        thread.body().root.seq,
        thread.body().root.thread.count,
        thread.body().data.map((e: { seq: number }) => e.seq),
      ],
      [1, 2, [3]]
    )
    assert.deepEqual(thread.body().meta, { hasMore: true, nextBefore: 3 })
    const missing = await client.get(`${path}/9/replies`).withGuard('api').loginAs(bob)
    missing.assertStatus(404)
    assert.equal(missing.body().errors[0].code, 'E_MESSAGE_NOT_FOUND')
  })

  test('a reply to no message, or a deleted one, is a 422 and stores nothing', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    await message(room, ana, 1, 'gone')
    await db
      .from('messages')
      .where({ room_id: room.id, seq: 1 })
      .update({ deleted_at: new Date(), body: '' })
    const path = `/api/v1/rooms/${room.id}/messages`
    const cases: Array<[unknown, string]> = [
      [7, 'E_REPLY_PARENT_NOT_FOUND'],
      [1, 'E_REPLY_PARENT_DELETED'],
      ['x', 'E_VALIDATION_ERROR'],
      [2 ** 40, 'E_VALIDATION_ERROR'],
    ]
    for (const [replyTo, code] of cases) {
      const response = await client
        .post(path)
        .json({ text: 'hi', reply_to: replyTo })
        .withGuard('api')
        .loginAs(ana)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].code, code, String(replyTo))
    }
    const [{ total }] = await db.from('messages').where('room_id', room.id).count('* as total')
    assert.equal(Number(total), 1)
  })

  test('outsiders of a private room get 404 for its threads and replies', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const outsider = await createUser()
    const room = await createPrivateRoom(ana)
    await message(room, ana, 1, 'members only')
    const path = `/api/v1/rooms/${room.id}/messages`
    const read = await client.get(`${path}/1/replies`).withGuard('api').loginAs(outsider)
    read.assertStatus(404)
    const post = await client
      .post(path)
      .json({ text: 'let me in', reply_to: 1 })
      .withGuard('api')
      .loginAs(outsider)
    post.assertStatus(404)
    const page = await client.get(`/rooms/${room.id}/messages/1/replies`).loginAs(outsider)
    page.assertStatus(404)
    const form = await client
      .post(`/rooms/${room.id}/messages`)
      .form({ text: 'let me in', reply_to: 1 })
      .withCsrfToken()
      .loginAs(outsider)
      .redirects(0)
    form.assertStatus(404)
    const [{ total }] = await db.from('messages').where('room_id', room.id).count('* as total')
    assert.equal(Number(total), 1)
  })

  test('without JavaScript: the thread page lists replies and its form posts one', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(ana)
    await message(room, ana, 1, 'Book for March?')
    const posted = await client
      .post(`/rooms/${room.id}/messages`)
      .form({ text: 'Dune', reply_to: 1 })
      .withCsrfToken()
      .loginAs(bob)
      .redirects(0)
    posted.assertStatus(302)
    assert.equal(posted.header('location'), `/rooms/${room.id}/messages/1/replies#message-2`)
    const page = await client.get(`/rooms/${room.id}/messages/1/replies`).loginAs(bob)
    page.assertStatus(200)
    page.assertTextIncludes('Book for March?')
    page.assertTextIncludes('Dune')
    page.assertTextIncludes('1 reply')
    page.assertTextIncludes('name="reply_to" value="1"')
  })
})
