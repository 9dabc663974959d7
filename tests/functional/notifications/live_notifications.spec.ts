import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { ChatNode } from '#chat/index'
import type Room from '#models/room'
import RoomMember from '#models/room_member'
import type User from '#models/user'
import type { ApiClient } from '@japa/api-client'
import DirectMessageService from '#services/people/direct_message_service'
import { appOrigin, createRoom, createUser } from '#tests/helpers/chat_fixtures'
import { truncateTables } from '#tests/helpers/database'
import { logIn, TransmitStream } from '#tests/helpers/transmit_stream'

/**
 * Posts `text` in room `roomId` as `author` through the chat node
 */
async function post(roomId: number, author: User, text: string) {
  const chat = await app.container.make(ChatNode)
  const entry = await chat.post({
    room: roomId,
    user: { id: author.id, username: author.username },
    clientId: null,
    text,
  })
  return entry!
}

/**
 * `user`'s own Transmit channel, as their open tabs follow it
 */
async function ownChannel(user: User) {
  return TransmitStream.open(appOrigin, await logIn(appOrigin, user.username), [`users/${user.id}`])
}

/**
 * `user`'s GET /notifications/unread: the count and each joined room's figures
 */
async function unreadFigures(client: ApiClient, user: User) {
  const response = await client
    .get('/notifications/unread')
    .header('accept', 'application/json')
    .loginAs(user)
  response.assertStatus(200)
  return response.body().data
}

async function unreadCount(client: ApiClient, user: User) {
  const { count } = await unreadFigures(client, user)
  return count
}

test.group('Live notifications and the unread count', (group) => {
  let streams: TransmitStream[] = []
  group.each.setup(async () => {
    const truncate = await truncateTables()
    return async () => {
      streams.forEach((stream) => stream.close())
      streams = []
      await truncate()
    }
  })

  test('a mention reaches the mentioned user’s open tabs on their own channel', async ({
    assert,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room: Room = await createRoom(ana)
    const stream = await ownChannel(bob)
    streams.push(stream)

    await post(room.id, ana, 'no one named here')
    const entry = await post(room.id, ana, `@${bob.username} see this`)
    const event = await stream.next((received) => received.payload.type === 'notification')

    assert.deepEqual(event, {
      channel: `users/${bob.id}`,
      payload: {
        type: 'notification',
        reason: 'mention',
        room: { id: room.id, name: room.name },
        seq: entry.seq,
        author: ana.username,
        text: `@${bob.username} see this`,
        url: `/rooms/${room.id}/messages/${entry.seq}#message-${entry.seq}`,
      },
    })
    assert.lengthOf(
      stream.received.filter((received) => received.payload.type === 'notification'),
      1
    )
  })

  test('GET /notifications/unread counts by notification level: all messages, mentions, or nothing', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const loud = await createRoom(ana)
    const muted = await createRoom(ana)
    const silent = await createRoom(ana)
    await RoomMember.createMany([
      { roomId: loud.id, userId: bob.id, notificationLevel: 'all' },
      { roomId: muted.id, userId: bob.id, notificationLevel: 'mentions' },
      { roomId: silent.id, userId: bob.id, notificationLevel: 'nothing' },
    ])
    const { room: conversation } = await new DirectMessageService().open(ana, [bob.username])
    assert.equal(await unreadCount(client, bob), 0)

    await post(loud.id, ana, 'one')
    const loudHead = await post(loud.id, ana, `@${bob.username} two`)
    await post(muted.id, ana, 'not counted')
    const mutedHead = await post(muted.id, ana, `@${bob.username} counted`)
    const silentHead = await post(silent.id, ana, `@${bob.username} never counted`)
    const directHead = await post(conversation.id, ana, 'hi')

    assert.equal(await unreadCount(client, bob), 4)
    assert.equal(await unreadCount(client, ana), 0)

    // What the count is made of, for the tabs that go on counting (resources/js/unread_tally.ts)
    const { rooms } = await unreadFigures(client, bob)
    const byId = (id: number) => rooms.find((room: { id: number }) => room.id === id)
    assert.lengthOf(rooms, 4)
    assert.deepEqual(byId(loud.id), {
      id: loud.id,
      level: 'all',
      unread: 2,
      mentions: 1,
      seq: loudHead.seq,
      read: 0,
    })
    assert.deepEqual(byId(muted.id), {
      id: muted.id,
      level: 'mentions',
      unread: 0,
      mentions: 1,
      seq: mutedHead.seq,
      read: 0,
    })
    assert.deepEqual(byId(silent.id), {
      id: silent.id,
      level: 'nothing',
      unread: 0,
      mentions: 1,
      seq: silentHead.seq,
      read: 0,
    })
    assert.deepEqual(byId(conversation.id), {
      id: conversation.id,
      level: 'all',
      unread: 1,
      mentions: 0,
      seq: directHead.seq,
      read: 0,
    })
  })

  test('a deleted message tells the room’s members on their own channel, so their tabs count it no more', async ({
    assert,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room: Room = await createRoom(ana)
    await RoomMember.create({ roomId: room.id, userId: bob.id, notificationLevel: 'all' })
    const stream = await ownChannel(bob)
    streams.push(stream)
    const entry = await post(room.id, ana, 'soon gone')
    await stream.next((received) => received.payload.type === 'notification')

    const chat = await app.container.make(ChatNode)
    await chat.remove({
      room: room.id,
      user: { id: ana.id, username: ana.username },
      clientId: null,
      target: entry.seq,
    })
    const event = await stream.next((received) => received.payload.type === 'message_deleted')
    assert.deepEqual(event, {
      channel: `users/${bob.id}`,
      payload: { type: 'message_deleted', room: room.id, seq: entry.seq },
    })
  })

  test('GET /notifications/unread needs a signed-in user', async ({ client }) => {
    const response = await client.get('/notifications/unread').header('accept', 'application/json')
    response.assertStatus(401)
  })
})
