import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import { connect, createRoom, createUser, join, say } from '#tests/helpers/chat_fixtures'
import { startChatProcess } from '#tests/helpers/chat_process'
import { startAppProcess } from '#tests/helpers/app_process'
import { logIn, TransmitStream } from '#tests/helpers/transmit_stream'
import { closeAllClients } from '#tests/helpers/ws_client'
import { joinRooms } from '#tests/helpers/memberships'

test.group('Notifications in the split topology without Redis', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('a mention sent through a standalone chat process reaches the tabs on the web app; a deletion too', async ({
    assert,
    cleanup,
  }) => {
    // As docker-compose.split.yml runs them: the chat on the PostgreSQL bus, the web app
    // with CHAT_MODE=external, no REDIS_URL
    const chat = await startChatProcess({ CHAT_BUS: 'postgres' })
    cleanup(async () => {
      await chat.stop()
    })
    const web = await startAppProcess({
      CHAT_MODE: 'external',
      CHAT_PUBLIC_URL: chat.url,
      REDIS_URL: '',
    })
    cleanup(async () => {
      await web.stop()
    })
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(ana)
    await joinRooms(bob, [room])
    const stream = await TransmitStream.open(web.url, await logIn(web.url, bob.username), [
      `users/${bob.id}`,
    ])
    cleanup(() => stream.close())

    const socket = await connect(chat, ana)
    await join(socket, room)
    const ack = await say(socket, room, 'split-mention', `@${bob.username} over here`)
    const notification = await stream.next(({ payload }) => payload.type === 'notification')
    assert.deepInclude(notification.payload, {
      type: 'notification',
      reason: 'mention',
      seq: ack.seq,
      author: ana.username,
      text: `@${bob.username} over here`,
    })

    socket.send({ type: 'delete', room: room.id, client_id: 'split-delete', target: ack.seq })
    const deleted = await stream.next(({ payload }) => payload.type === 'message_deleted')
    assert.deepEqual(deleted.payload, { type: 'message_deleted', room: room.id, seq: ack.seq })
  }).timeout(90_000)
})
