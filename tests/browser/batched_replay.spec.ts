import { test } from '@japa/runner'
import type { WebSocketRoute } from 'playwright'
import { truncateTables } from '#tests/helpers/database'
import { UserFactory } from '#database/factories/user_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import { connect, join, say } from '#tests/helpers/chat_fixtures'
import { closeAllClients } from '#tests/helpers/ws_client'
import env from '#start/env'

/**
 * Absolute URL of a page of the app under test
 */
const pageUrl = (path: string) => `http://${env.get('HOST')}:${env.get('PORT')}${path}`

test.group('Browser: catching up after a lost connection', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('the page resumes in replay frames and shows what it missed once each, in order', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_batch' }).create()
    const bob = await UserFactory.merge({ username: 'bob_batch' }).create()
    const room = await createRoomWithMessages(ana, 2, { bodies: ['first', 'second'] })
    const context = await browser.newContext()
    cleanup(() => context.close())
    await context.loginAs(bob)
    // Bob's chat socket goes through the test, which records what the server sends it
    let cut = false
    const sockets: WebSocketRoute[] = []
    const fromServer: string[] = []
    await context.routeWebSocket(/./, (socket) => {
      if (cut) return socket.close({ code: 1013, reason: 'cut by the test' })
      const server = socket.connectToServer()
      server.onMessage((message) => {
        fromServer.push(String(message))
        socket.send(message)
      })
      sockets.push(socket, server)
    })
    const page = await context.newPage()
    await page.goto(pageUrl(`/rooms/${room.id}`))
    await page.locator('#online-list li', { hasText: 'bob_batch' }).waitFor()

    cut = true
    await Promise.all(sockets.map((socket) => socket.close({ code: 1013, reason: 'cut' })))
    await page.locator('#chat-status', { hasText: /Connection lost|Reconnecting/ }).waitFor()
    const anaSocket = await connect({ url: `ws://${env.get('HOST')}:${env.get('PORT')}/ws` }, ana)
    await join(anaSocket, room)
    for (const text of ['third', 'fourth', 'fifth']) {
      await say(anaSocket, room, text, text)
    }
    fromServer.length = 0
    cut = false

    await page.locator('#messages .message', { hasText: 'fifth' }).waitFor()
    assert.deepEqual(await page.locator('#messages .message .text').allInnerTexts(), [
      'first',
      'second',
      'third',
      'fourth',
      'fifth',
    ])
    const replays = fromServer
      .map((text) => JSON.parse(text))
      .filter((frame) => frame.type === 'replay')
    assert.deepEqual(
      replays.flatMap((frame) => frame.messages.map((message: { seq: number }) => message.seq)),
      [3, 4, 5]
    )
  })
})
