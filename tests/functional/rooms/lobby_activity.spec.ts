import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import Message from '#models/message'
import { LobbyActivity } from '#services/lobby/lobby_activity'
import { ChatNode } from '#chat/src/chat_node'
import { closeAllClients } from '#tests/helpers/ws_client'
import { createPrivateRoom } from '#tests/helpers/private_rooms'
import { logIn, TransmitStream, type TransmitEvent } from '#tests/helpers/transmit_stream'
import {
  chatModes,
  connect,
  createRoom,
  createUser,
  join,
  say,
  type RunningChat,
} from '#tests/helpers/chat_fixtures'

/**
 * The web app under test
 */
const origin = `http://${env.get('HOST')}:${env.get('PORT')}`

/**
 * With the chat in another process, the web app follows its activity over
 * its node's postgres bus (as a web instance does in CHAT_MODE=external);
 * returns the undo
 */
async function followActivityOnPostgresBus() {
  const logger = await app.container.make('logger')
  const lobby = new LobbyActivity(await app.container.make(ChatNode), logger)
  await lobby.start()
  app.container.swap(LobbyActivity, () => lobby)
  return async () => {
    app.container.restore(LobbyActivity)
    await lobby.close()
  }
}

/**
 * Matches the room_activity events about room `id`
 */
function activityOf(id: number, also: (room: Record<string, any>) => boolean = () => true) {
  return (event: TransmitEvent) =>
    event.payload.type === 'room_activity' &&
    event.payload.room.id === id &&
    also(event.payload.room)
}

/**
 * The channels that carried the events `stream` received matching `match`, each once
 */
function channelsOf(stream: TransmitStream, match: (event: TransmitEvent) => boolean) {
  return [...new Set(stream.received.filter(match).map((event) => event.channel))]
}

for (const mode of chatModes) {
  test.group(`Lobby activity (${mode.name})`, (group) => {
    let chat: RunningChat

    group.setup(async () => {
      chat = await mode.start()
      const stopFollowing =
        mode.name === 'standalone' ? await followActivityOnPostgresBus() : async () => {}
      return async () => {
        await stopFollowing()
        await chat.stop()
      }
    })
    group.each.setup(() => truncateTables())
    group.each.teardown(() => closeAllClients())

    test('joining, posting and leaving reach the lobby with the online count', async ({
      assert,
      client,
      cleanup,
    }) => {
      const ana = await createUser()
      const bob = await createUser()
      const room = await createRoom(ana)
      const lobby = await TransmitStream.open(origin, await logIn(origin, ana.username), [
        'lobby',
        'lobby/activity',
      ])
      cleanup(() => lobby.close())

      const socket = await connect(chat, bob)
      await join(socket, room)
      const joined = await lobby.next(activityOf(room.id))
      assert.deepEqual(joined, {
        channel: 'lobby/activity',
        payload: {
          type: 'room_activity',
          room: { id: room.id, last_activity_at: null, online: 1 },
        },
      })

      await say(socket, room, 'c-1', 'hello lobby')
      const row = await Message.findByOrFail({ roomId: room.id, seq: 1 })
      const posted = await lobby.next(activityOf(room.id, (state) => state.last_activity_at))
      assert.deepEqual(posted.payload.room, {
        id: room.id,
        last_activity_at: row.createdAt.toUTC().toISO(),
        online: 1,
      })

      const page = await client.get('/rooms').loginAs(ana)
      const item = page.text().slice(page.text().indexOf(`data-room-id="${room.id}"`))
      assert.include(item, '<span data-online>1 online</span>')
      assert.include(item, `<time data-activity datetime="${row.createdAt.toISO()}">`)

      await socket.close()
      const left = await lobby.next(activityOf(room.id, (state) => state.online === 0))
      assert.deepEqual(left.payload.room, { id: room.id, last_activity_at: null, online: 0 })
      // The other pages' channel (every signed-in page follows `lobby`) carried none of it
      assert.deepEqual(channelsOf(lobby, activityOf(room.id)), ['lobby/activity'])
    })

    test('a private room tells only its members, on their own channels', async ({
      assert,
      cleanup,
    }) => {
      const owner = await createUser()
      const member = await createUser()
      const outsider = await createUser()
      const secret = await createPrivateRoom(owner, [member])
      const open = await createRoom(owner)
      const streams = await Promise.all(
        [member, outsider].map(async (user) =>
          TransmitStream.open(origin, await logIn(origin, user.username), [
            'lobby',
            `users/${user.id}`,
            'lobby/activity',
            `users/${user.id}/activity`,
          ])
        )
      )
      cleanup(() => streams.forEach((stream) => stream.close()))
      const [memberStream, outsiderStream] = streams

      const socket = await connect(chat, owner)
      await join(socket, secret)
      const told = await memberStream.next(activityOf(secret.id))
      assert.equal(told.channel, `users/${member.id}/activity`)
      assert.equal(told.payload.room.online, 1)

      // Events arrive in order: once both hear about the public room, nothing about the
      // private one is still on its way to the outsider or to another channel
      await join(socket, open)
      await memberStream.next(activityOf(open.id))
      await outsiderStream.next(activityOf(open.id))
      assert.notExists(outsiderStream.received.find(activityOf(secret.id)))
      assert.deepEqual(channelsOf(memberStream, activityOf(secret.id)), [
        `users/${member.id}/activity`,
      ])
    })

    test('a message posted through the web form counts as activity', async ({
      assert,
      client,
      cleanup,
    }) => {
      const ana = await createUser()
      const room = await createRoom(ana)
      const lobby = await TransmitStream.open(origin, await logIn(origin, ana.username), [
        'lobby/activity',
      ])
      cleanup(() => lobby.close())

      const response = await client
        .post(`/rooms/${room.id}/messages`)
        .withCsrfToken()
        .loginAs(ana)
        .form({ text: 'posted without JavaScript' })
        .redirects(0)
      response.assertStatus(302)

      const row = await Message.findByOrFail({ roomId: room.id, seq: 1 })
      const posted = await lobby.next(activityOf(room.id))
      assert.deepEqual(posted.payload.room, {
        id: room.id,
        last_activity_at: row.createdAt.toUTC().toISO(),
        online: 0,
      })
    })
  })
}
