import { once } from 'node:events'
import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import { WebSocket } from 'ws'
import db from '@adonisjs/lucid/services/db'
import { LucidMessageStore } from '#chat/adapters/lucid_message_store'
import { MarkdownMessageRenderer } from '#chat/adapters/markdown_message_renderer'
import { startCustomChat } from '#tests/helpers/custom_chat'
import { TcpProxy } from '#tests/helpers/tcp_proxy'
import { ChatTestClient, closeAllClients } from '#tests/helpers/ws_client'
import { createRoom, createUser, join, ticketFor } from '#tests/helpers/chat_fixtures'

test.group('Chat heartbeat', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('drops a socket that stops answering pings, keeps one that answers', async ({
    assert,
    cleanup,
  }) => {
    const chat = await startCustomChat({ limits: { heartbeatMs: 100 } })
    cleanup(() => chat.stop())
    const user = await createUser()
    const answering = await ChatTestClient.open(chat.url, ticketFor(user))
    const silent = new WebSocket(`${chat.url}?ticket=${encodeURIComponent(ticketFor(user))}`, {
      autoPong: false,
    })
    const pinged = once(silent, 'ping')

    const [code] = await once(silent, 'close')
    await pinged
    assert.equal(code, 1006)
    await answering.roundTrip()
  })
})

test.group('Chat with its database down', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('answers unavailable, keeps the socket, and serves it again once the database is back', async ({
    assert,
    cleanup,
  }) => {
    const primary = db.getRawConnection(db.primaryConnectionName)!.config
    const settings = primary.connection as { host: string; port: number }
    const proxy = new TcpProxy(settings.host, settings.port)
    await proxy.open()
    cleanup(() => proxy.cut())
    db.manager.add('chat_via_proxy', {
      ...primary,
      connection: { ...settings, host: '127.0.0.1', port: proxy.port },
    } as typeof primary)
    cleanup(() => db.manager.close('chat_via_proxy', true))
    const chat = await startCustomChat({
      store: new LucidMessageStore(db.connection('chat_via_proxy'), new MarkdownMessageRenderer()),
    })
    cleanup(() => chat.stop())
    const ana = await createUser()
    const room = await createRoom(ana)
    const socket = await ChatTestClient.open(chat.url, ticketFor(ana))
    await join(socket, room)

    await proxy.cut()
    socket.send({ type: 'send', room: room.id, client_id: 'c-1', text: 'are you there?' })
    const error = await socket.next({ type: 'error' })
    socket.send({ type: 'history', room: room.id })
    const historyError = await socket.next({ type: 'error' })
    await socket.roundTrip()
    await proxy.open()
    socket.send({ type: 'send', room: room.id, client_id: 'c-1', text: 'are you there?' })
    const ack = await socket.next({ type: 'ack' })

    assert.deepEqual([error.code, error.ref], ['unavailable', 'c-1'])
    assert.deepEqual([historyError.code, historyError.ref], ['unavailable', room.id])
    assert.equal(ack.seq, 1)
    const message = await socket.next({ type: 'message' })
    assert.equal(message.seq, 1)
  })
})
