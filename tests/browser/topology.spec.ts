import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { truncateTables } from '#tests/helpers/database'
import env from '#start/env'
import Message from '#models/message'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { startChatProcess, type ChatProcess } from '#tests/helpers/chat_process'
import { NginxServer } from '#tests/helpers/nginx_server'
import { freePort } from '#helpers/free_port'
import { RedisServer } from '#tests/helpers/redis_server'
import RoomService from '#services/rooms/room_service'
import { ticketFor } from '#tests/helpers/chat_fixtures'
import { ChatTestClient } from '#tests/helpers/ws_client'

/**
 * The split deployment, natively: Debian's nginx with the project's template in
 * front of this test's web app and two standalone chat processes sharing one
 * bus. Everything is checked through nginx, once per bus.
 */
const buses = ['postgres', 'redis'] as const

test.group('Split topology behind nginx', (group) => {
  group.each.setup(() => truncateTables())

  for (const bus of buses) {
    test(`pages, login, SSE and chat across two chat processes on the ${bus} bus`, async ({
      visit,
      assert,
      cleanup,
    }) => {
      const redis = bus === 'redis' ? await RedisServer.start() : null
      cleanup(() => redis?.stop())
      const nginxPort = await freePort()
      const chatEnv = {
        CHAT_BUS: bus,
        CHAT_ALLOWED_ORIGINS: `http://127.0.0.1:${nginxPort}`,
        ...(redis ? { REDIS_URL: redis.url } : {}),
      }
      const chats: ChatProcess[] = [
        await startChatProcess(chatEnv),
        await startChatProcess(chatEnv),
      ]
      cleanup(async () => {
        await Promise.all(chats.map((chat) => chat.stop()))
      })
      const nginx = await NginxServer.start({
        web: [`127.0.0.1:${env.get('PORT')}`],
        chat: chats.map((chat) => `127.0.0.1:${chat.port}`),
        port: nginxPort,
      })
      cleanup(() => nginx.stop())

      // Health and pages through nginx; chat processes' own probes
      for (const path of ['/health/live', '/health/ready', '/', '/login']) {
        const response = await fetch(`${nginx.origin}${path}`)
        assert.equal(response.status, 200, path)
      }
      for (const chat of chats) {
        const probe = await fetch(`http://127.0.0.1:${chat.port}/health/ready`)
        assert.equal(probe.status, 200)
      }
      const homeResponse = await fetch(`${nginx.origin}/`)
      const home = await homeResponse.text()
      const stylesheet = home.match(/<link rel="stylesheet" href="(\/assets\/app-[\w-]+\.css)"/)
      assert.isNotNull(stylesheet, 'the home page links its stylesheet from /assets/')
      const css = await fetch(`${nginx.origin}${stylesheet![1]}`, {
        headers: { 'accept-encoding': 'gzip' },
      })
      assert.equal(css.headers.get('content-encoding'), 'gzip')
      assert.equal(css.headers.get('cache-control'), 'public, max-age=31536000, immutable')

      const user = await UserFactory.merge({ password: 'secret-password' }).create()
      const other = await UserFactory.create()
      const room = await RoomFactory.merge({ name: `Topology ${bus}`, ownerId: user.id }).create()

      // Log in through nginx with the real form
      const page = await visit(`${nginx.origin}/login`)
      await page.locator('#username').fill(user.username)
      await page.locator('#password').fill('secret-password')
      await page.locator('#password').press('Enter')
      await page.waitForURL(`${nginx.origin}/rooms`)

      // SSE through nginx: the lobby shows a room another user creates
      await page.locator('[data-lobby][data-lobby-ready]').waitFor({ state: 'attached' })
      const rooms = await app.container.make(RoomService)
      const created = await rooms.create(other, { name: `Lobby ${bus}` })
      await page
        .locator(`.room-list [data-room-id="${created.id}"]`, { hasText: `Lobby ${bus}` })
        .waitFor()

      // The browser joins the room over /ws through nginx
      await page.goto(`${nginx.origin}/rooms/${room.id}`)
      await page.locator('#online-list', { hasText: user.username }).waitFor()

      // One ws client on each chat process
      const sockets = await Promise.all(
        chats.map(async (chat) => {
          const client = await ChatTestClient.open(chat.url, ticketFor(other), {
            origin: nginx.origin,
          })
          client.send({ type: 'join', room: room.id, since: 0 })
          await client.next({ type: 'joined', room: room.id })
          return client
        })
      )
      cleanup(async () => {
        await Promise.all(sockets.map((socket) => socket.close()))
      })

      // From chat process 0 to the browser and to chat process 1
      sockets[0].send({
        type: 'send',
        room: room.id,
        client_id: 'from-0',
        text: `hello over ${bus}`,
      })
      await sockets[0].next({ type: 'ack', client_id: 'from-0' })
      await sockets[1].next({ type: 'message', client_id: 'from-0' })
      await page.locator('#messages .message', { hasText: `hello over ${bus}` }).waitFor()

      // From the browser to both chat processes
      await page.locator('#message-text').fill('hello from Chromium')
      await page.locator('#message-text').press('Enter')
      for (const socket of sockets) {
        const frame = await socket.next({ type: 'message', text: 'hello from Chromium' })
        assert.equal(frame.user.id, user.id)
      }

      // SIGTERM chat process 0: its client resumes through nginx, nothing lost
      const seen = sockets[0].receivedOfType('message').map((frame) => frame.seq as number)
      const exitCode = await chats[0].stop()
      assert.equal(exitCode, 0)
      const closed = await sockets[0].closed
      assert.equal(closed.code, 1001)
      for (let index = 1; index <= 5; index++) {
        sockets[1].send({
          type: 'send',
          room: room.id,
          client_id: `after-${index}`,
          text: `after ${index}`,
        })
        await sockets[1].next({ type: 'ack', client_id: `after-${index}` })
      }
      const resumed = await ChatTestClient.open(
        `ws://127.0.0.1:${nginx.port}/ws`,
        ticketFor(other),
        {
          origin: nginx.origin,
        }
      )
      cleanup(() => resumed.close())
      resumed.send({ type: 'join', room: room.id, since: Math.max(...seen) })
      await resumed.next({ type: 'joined', room: room.id })
      const replayed = await resumed.take(5, { type: 'message' })
      const allSeqs = [...seen, ...replayed.map((frame) => frame.seq as number)]
      const stored = await Message.query().where('room_id', room.id).orderBy('seq')
      assert.deepEqual(
        allSeqs,
        stored.map((message) => message.seq)
      )
      assert.deepEqual(
        stored.map((message) => message.seq),
        Array.from({ length: stored.length }, (_, index) => index + 1)
      )
      assert.lengthOf(stored, 7)

      // The browser, whichever process it was on, ends with every message once
      await page.locator('#messages .message', { hasText: 'after 5' }).waitFor()
      assert.equal(await page.locator('#messages .message').count(), 7)
    }).timeout(120_000)
  }
})
