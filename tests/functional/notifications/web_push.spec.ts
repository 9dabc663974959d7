import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { urlFor } from '@adonisjs/core/services/url_builder'
import db from '@adonisjs/lucid/services/db'
import {
  ChatNode,
  LucidMessageStore,
  MarkdownMessageRenderer,
  type StoredMessage,
} from '#chat/index'
import type User from '#models/user'
import pushConfig from '#config/push'
import NotificationDispatcher from '#services/notifications/notification_dispatcher'
import { vapidKeys } from '#services/notifications/vapid_keys'
import PushSubscriptionService from '#services/notifications/push_subscription_service'
import DirectMessageService from '#services/people/direct_message_service'
import Room from '#models/room'
import RoomMember from '#models/room_member'
import { chatModes, connect, createRoom, createUser, join, say } from '#tests/helpers/chat_fixtures'
import { closeAllClients } from '#tests/helpers/ws_client'
import { createPrivateRoom } from '#tests/helpers/private_rooms'
import { truncateTables } from '#tests/helpers/database'
import { PushReceiver } from '#tests/helpers/push_receiver'
import { statementsDuring } from '#tests/helpers/statements'

/**
 * Posts `text` as `author` (shown as `displayName` when given) through the
 * chat node, as the socket and the API do
 */
async function post(room: Room, author: User, text: string, displayName: string | null = null) {
  const chat = await app.container.make(ChatNode)
  const entry = await chat.post({
    room: room.id,
    user: { id: author.id, username: author.username, displayName },
    clientId: null,
    text,
  })
  return entry!
}

/**
 * Stores `text` as `author` without the chat node (so without notifying):
 * the spec dispatches it itself
 */
async function stored(room: Room, author: User, text: string) {
  const store = new LucidMessageStore(db, new MarkdownMessageRenderer())
  const entry = await store.append({
    room: room.id,
    user: { id: author.id, username: author.username },
    clientId: null,
    text,
  })
  return entry!
}

/**
 * Subscribes `user` with a new subscription on `receiver` answering `status`
 */
async function subscribed(receiver: PushReceiver, user: User, name: string, status = 201) {
  const subscription = receiver.subscription(name, status)
  await new PushSubscriptionService().subscribe(user.id, `session:${name}`, subscription)
  return subscription
}

async function endpoints() {
  const rows = await db.from('push_subscriptions').orderBy('id').select('endpoint')
  return rows.map((row) => row.endpoint as string)
}

/**
 * Dispatches the notifications of `entry` now and waits for every push
 */
function dispatch(entry: StoredMessage) {
  return new NotificationDispatcher().dispatch(entry)
}

test.group('Web Push', (group) => {
  let receiver: PushReceiver
  group.each.setup(async () => {
    receiver = await PushReceiver.start()
    const truncate = await truncateTables()
    return async () => {
      await receiver.close()
      await truncate()
    }
  })

  test('a mention reaches the mentioned user’s browser encrypted and VAPID-signed', async ({
    assert,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(ana)
    await subscribed(receiver, bob, 'bob-phone')

    const entry = await post(room, ana, `hello @${bob.username}, look`, 'Ana Example')
    const push = await receiver.waitFor((received) => received.path === '/push/bob-phone')

    assert.deepEqual(push.payload, {
      type: 'notification',
      reason: 'mention',
      room: { id: room.id, name: room.name },
      seq: entry.seq,
      author: 'Ana Example',
      text: `hello @${bob.username}, look`,
      url: `${urlFor('message_contexts.show', { id: room.id, seq: entry.seq })}#message-${entry.seq}`,
    })
    assert.equal(push.headers['content-encoding'], 'aes128gcm')
    assert.equal(push.headers.ttl, String(pushConfig.ttlSeconds))
    const keys = await vapidKeys()
    assert.equal(push.vapid.key, keys.publicKey)
    assert.isTrue(push.vapid.signatureValid)
    assert.equal(push.vapid.claims.aud, receiver.origin)
    assert.equal(push.vapid.claims.sub, pushConfig.contact)
    assert.isAbove(Number(push.vapid.claims.exp), Date.now() / 1000)
    assert.lengthOf(receiver.received, 1)
  })

  test('every message of a direct conversation reaches its other people, not its author', async ({
    assert,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const cleo = await createUser()
    const { room } = await new DirectMessageService().open(ana, [bob.username, cleo.username])
    await subscribed(receiver, ana, 'ana-phone')
    await subscribed(receiver, bob, 'bob-phone')
    await subscribed(receiver, cleo, 'cleo-phone')
    const conversation = await Room.findOrFail(room.id)

    await dispatch(await stored(conversation, ana, 'lunch?'))

    assert.sameDeepMembers(
      receiver.received.map((push) => [push.path, push.payload.reason, push.payload.text]),
      [
        ['/push/bob-phone', 'direct', 'lunch?'],
        ['/push/cleo-phone', 'direct', 'lunch?'],
      ]
    )
  })

  test('a message with only a file names the file; a long text is cut to 140 characters', async ({
    assert,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const { room } = await new DirectMessageService().open(ana, [bob.username])
    await subscribed(receiver, bob, 'bob-phone')
    const conversation = await Room.findOrFail(room.id)
    const entry = await stored(conversation, ana, 'x')

    await dispatch({
      ...entry,
      text: '',
      attachment: {
        id: 1,
        name: 'plan.pdf',
        type: 'application/pdf',
        size: 10,
        width: null,
        height: null,
        thumbnail: false,
      },
    })
    await dispatch({ ...entry, text: 'é'.repeat(200) })

    assert.deepEqual(
      receiver.received.map((push) => push.payload.text),
      ['📎 plan.pdf', `${'é'.repeat(139)}…`]
    )
  })

  test('the VAPID key pair is made once and kept in the database', async ({ assert }) => {
    const first = await vapidKeys()
    const again = await vapidKeys()

    assert.deepEqual(again, first)
    assert.match(first.publicKey, /^[A-Za-z0-9_-]{87}$/)
    const rows = await db.from('web_push_keys').select('public_key', 'private_key')
    assert.deepEqual(rows, [{ public_key: first.publicKey, private_key: first.privateKey }])
  })

  test('nobody is pushed for their own message or a message not mentioning them', async ({
    assert,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(ana)
    await subscribed(receiver, ana, 'ana-phone')
    await subscribed(receiver, bob, 'bob-phone')

    await dispatch(await stored(room, ana, `I, @${ana.username}, say hello to everyone`))
    await dispatch(await stored(room, bob, 'no mention here'))

    assert.deepEqual(
      receiver.received.map((push) => push.path),
      []
    )
  })

  test('each member’s notification level decides: all hears every message, mentions only mentions, nothing nothing', async ({
    assert,
  }) => {
    const [ana, bob, cleo, dan, eve] = await Promise.all([1, 2, 3, 4, 5].map(() => createUser()))
    const room = await createRoom(ana)
    await RoomMember.createMany([
      { roomId: room.id, userId: ana.id, notificationLevel: 'all' },
      { roomId: room.id, userId: bob.id, notificationLevel: 'all' },
      { roomId: room.id, userId: cleo.id, notificationLevel: 'mentions' },
      { roomId: room.id, userId: dan.id, notificationLevel: 'nothing' },
    ])
    for (const user of [ana, bob, cleo, dan, eve]) {
      await subscribed(receiver, user, user.username)
    }

    const mention = await stored(
      room,
      ana,
      `hi @${bob.username} @${cleo.username} @${dan.username} @${eve.username}`
    )
    await dispatch(mention)
    const plain = await stored(room, ana, 'plain news')
    await dispatch(plain)

    assert.sameDeepMembers(
      receiver.received.map((push) => [push.path, push.payload.seq, push.payload.reason]),
      [
        [`/push/${bob.username}`, mention.seq, 'mention'],
        [`/push/${cleo.username}`, mention.seq, 'mention'],
        [`/push/${eve.username}`, mention.seq, 'mention'],
        [`/push/${bob.username}`, plain.seq, 'message'],
      ]
    )
  })

  test('messages of two rooms dispatched in one tick reach each room’s own members at level all', async ({
    assert,
  }) => {
    const [ana, bob, cleo] = await Promise.all([1, 2, 3].map(() => createUser()))
    const [first, second] = [await createRoom(ana), await createRoom(ana)]
    await RoomMember.createMany([
      { roomId: first.id, userId: bob.id, notificationLevel: 'all' },
      { roomId: second.id, userId: cleo.id, notificationLevel: 'all' },
      { roomId: second.id, userId: bob.id, notificationLevel: 'nothing' },
    ])
    for (const user of [bob, cleo]) {
      await subscribed(receiver, user, user.username)
    }
    const [inFirst, inSecond] = [
      await stored(first, ana, 'news of the first room'),
      await stored(second, ana, 'news of the second room'),
    ]

    const dispatcher = new NotificationDispatcher()
    await Promise.all([dispatcher.dispatch(inFirst), dispatcher.dispatch(inSecond)])

    assert.sameDeepMembers(
      receiver.received.map((push) => [push.path, push.payload.room.id, push.payload.seq]),
      [
        [`/push/${bob.username}`, first.id, inFirst.seq],
        [`/push/${cleo.username}`, second.id, inSecond.seq],
      ]
    )
  })

  test('a member who left a private room hears nothing more of it', async ({ assert }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room = await createPrivateRoom(ana, [bob])
    await subscribed(receiver, bob, 'bob-phone')
    const entry = await stored(room, ana, `@${bob.username} still there?`)
    await dispatch(entry)
    assert.deepEqual(
      receiver.received.map((push) => push.payload.seq),
      [entry.seq]
    )

    await db.from('room_members').where('room_id', room.id).where('user_id', bob.id).delete()
    await dispatch(entry)

    assert.lengthOf(receiver.received, 1)
  })

  test('a private room’s recipients are checked against its members in one statement, not one per person', async ({
    assert,
  }) => {
    const ana = await createUser()
    const members = await Promise.all([1, 2, 3, 4, 5, 6].map(() => createUser()))
    const room = await createPrivateRoom(ana, members)
    for (const member of members.slice(0, 3)) {
      await subscribed(receiver, member, member.username)
    }
    const entry = await stored(room, ana, 'for the members')

    const statements = await statementsDuring(() => dispatch(entry))

    const visibility = statements.filter(
      (sql) => sql.includes('"room_members"') && sql.includes('= ANY(')
    )
    assert.lengthOf(visibility, 1, JSON.stringify(statements))
    assert.sameMembers(
      receiver.received.map((push) => push.path),
      members.slice(0, 3).map((member) => `/push/${member.username}`)
    )
  })

  test('a subscription the push service calls gone (410, 404) is deleted; other failures keep it', async ({
    assert,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(ana)
    await subscribed(receiver, bob, 'gone', 410)
    await subscribed(receiver, bob, 'unknown', 404)
    const flaky = await subscribed(receiver, bob, 'flaky', 503)

    await dispatch(await stored(room, ana, `@${bob.username} ping`))

    assert.sameMembers(
      receiver.received.map((push) => push.path),
      ['/push/gone', '/push/unknown', '/push/flaky']
    )
    assert.deepEqual(await endpoints(), [flaky.endpoint])
  })

  for (const mode of chatModes) {
    test(`a mention sent over the chat socket is pushed (${mode.name} chat)`, async ({
      assert,
      cleanup,
    }) => {
      const ana = await createUser()
      const bob = await createUser()
      const room = await createRoom(ana)
      await subscribed(receiver, bob, 'bob-laptop')
      const chat = await mode.start()
      cleanup(async () => {
        await closeAllClients()
        await chat.stop()
      })
      const socket = await connect(chat, ana)
      await join(socket, room)

      const ack = await say(socket, room, 'c-1', `@${bob.username} from the socket`)
      const push = await receiver.waitFor((received) => received.path === '/push/bob-laptop')

      assert.include(push.payload, {
        reason: 'mention',
        seq: ack.seq,
        text: `@${bob.username} from the socket`,
      })
      assert.isTrue(push.vapid.signatureValid)
    }).timeout(60_000)
  }
})
