import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { truncateTables } from '#tests/helpers/database'
import { chatNodeOnPostgresBus, createRoom, createUser } from '#tests/helpers/chat_fixtures'
import { logIn, TransmitStream, type TransmitEvent } from '#tests/helpers/transmit_stream'
import { LobbyActivity } from '#services/lobby/lobby_activity'
import { RoomActivityPublisher } from '#chat/src/room_activity'
import { ACTIVITY_CHANNEL } from '#chat/src/bus'
import { PostgresBus } from '#chat/src/postgres_bus'
import { pgConnectionOf } from '#chat/adapters/lucid_pg_connection'

const origin = `http://${env.get('HOST')}:${env.get('PORT')}`

test.group('Lobby activity of a crowded room (postgres bus)', (group) => {
  group.each.setup(() => truncateTables())

  test('1,500 users online in one room across two nodes reach the lobby count', async ({
    assert,
    cleanup,
  }) => {
    const db = await app.container.make('lucid.db')
    const logger = await app.container.make('logger')
    const busOf = () => new PostgresBus({ connection: pgConnectionOf(db), logger })
    const web = await chatNodeOnPostgresBus()
    const lobby = new LobbyActivity(web, logger)
    await lobby.start()
    app.container.swap(LobbyActivity, () => lobby)
    cleanup(async () => {
      app.container.restore(LobbyActivity)
      await lobby.close()
      await web.close()
    })

    const ana = await createUser()
    const room = await createRoom(ana)
    const stream = await TransmitStream.open(origin, await logIn(origin, ana.username), [
      'lobby/activity',
    ])
    cleanup(() => stream.close())

    const online = new Map([
      ['a', 1000],
      ['b', 500],
    ])
    for (const [name, count] of online) {
      const bus = busOf()
      const node = new RoomActivityPublisher({
        announce: (event) => bus.publish(ACTIVITY_CHANNEL, event),
        onlineOf: (id) => (id === room.id ? count : 0),
        rooms: () => [room.id],
      })
      cleanup(async () => {
        node.close()
        await bus.disconnect()
      })
      node.changed(room.id)
      await stream.next(
        (event: TransmitEvent) =>
          event.payload.type === 'room_activity' &&
          event.payload.room.id === room.id &&
          event.payload.room.online === (name === 'a' ? 1000 : 1500)
      )
    }

    assert.equal(lobby.online(room.id), 1500)
    const page = await fetch(`${origin}/rooms`, {
      headers: { cookie: await logIn(origin, ana.username) },
    })
    const html = await page.text()
    assert.include(
      html.slice(html.indexOf(`data-room-id="${room.id}"`)),
      '<span data-online>1500 online</span>'
    )
  })
})
