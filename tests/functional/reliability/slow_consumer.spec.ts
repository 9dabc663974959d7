import type { Socket } from 'node:net'
import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import { WebSocket } from 'ws'
import { DEFAULT_LIMITS } from '#chat/src/limits'
import { startCustomChat } from '#tests/helpers/custom_chat'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import { closeAllClients } from '#tests/helpers/ws_client'
import { appOrigin, connect, createUser, join, say } from '#tests/helpers/chat_fixtures'
import { waitUntil } from '#tests/helpers/chat_load'

/** A history page of 100 messages of 4000 characters: about 420 KB on the wire */
const LONG_TEXT = 'slow consumers get closed '.repeat(154)

/**
 * Records, for every socket the server accepts, the most bytes it ever held
 * unsent in user space, and finds the server's WebSocket over a socket
 */
function watchServerSockets(httpServer: import('node:http').Server) {
  const peaks = new Map<number, number>()
  const sockets = new Map<number, Socket>()
  httpServer.on('connection', (socket: Socket) => {
    const port = socket.remotePort!
    sockets.set(port, socket)
    peaks.set(port, 0)
    const write = socket.write.bind(socket) as (...args: unknown[]) => boolean
    socket.write = ((...args: unknown[]) => {
      const flushed = write(...args)
      peaks.set(port, Math.max(peaks.get(port)!, socket.writableLength))
      return flushed
    }) as Socket['write']
  })
  return {
    peakOf: (clientPort: number) => peaks.get(clientPort)!,
    serverSocketOf(clientPort: number) {
      const socket = sockets.get(clientPort)!
      const symbol = Object.getOwnPropertySymbols(socket).find(
        (s) => s.description === 'websocket'
      )!
      return (socket as unknown as Record<symbol, WebSocket>)[symbol]
    },
  }
}

test.group('Reliability: a slow consumer', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('a client that stops reading is closed with 1013 at the bound; the others keep receiving', async ({
    assert,
    cleanup,
  }) => {
    const chat = await startCustomChat({ allowedOrigins: [appOrigin] })
    cleanup(() => chat.stop())
    const watch = watchServerSockets(chat.httpServer)
    const ana = await createUser()
    const room = await createRoomWithMessages(ana, 100, { bodies: [LONG_TEXT] })
    const slow = await connect(chat, ana)
    const reader = await connect(chat, await createUser())
    const writer = await connect(chat, await createUser())
    for (const socket of [slow, reader, writer]) {
      await join(socket, room)
    }
    const slowPort = (slow.socket as unknown as { _socket: Socket })._socket.localPort!
    const serverSide = watch.serverSocketOf(slowPort)

    slow.socket.pause()
    let requests = 0
    await waitUntil(() => {
      if (serverSide.readyState !== WebSocket.OPEN) return true
      if (requests < DEFAULT_LIMITS.frameBurst) {
        slow.send({ type: 'history', room: room.id, limit: 100 })
        requests++
      }
      return false
    }, 'the server to give up on the slow socket')
    const ack = await say(writer, room, 'after-the-slow-one', 'still flowing')
    const delivered = await reader.next({ type: 'message', seq: ack.seq })
    slow.socket.resume()
    const { code } = await slow.closed

    assert.equal(code, 1013)
    assert.equal(delivered.text, 'still flowing')
    const historyFrames = slow.receivedOfType('history')
    assert.isBelow(historyFrames.length, requests)
    assert.isTrue(historyFrames.every((frame) => frame.messages.length === 100))
    assert.notExists(slow.received.find((frame) => frame.type === 'message'))
    const largestFrame = Buffer.byteLength(JSON.stringify(historyFrames[0])) + 14
    const peak = watch.peakOf(slowPort)
    assert.isAbove(peak, DEFAULT_LIMITS.maxBufferedBytes)
    assert.isAtMost(peak, DEFAULT_LIMITS.maxBufferedBytes + largestFrame)
    console.log(
      `[reliability] slow consumer: closed 1013 after ${historyFrames.length} of ${requests} history pages; ` +
        `peak unsent ${peak} bytes (bound ${DEFAULT_LIMITS.maxBufferedBytes} + one ${largestFrame}-byte frame)`
    )
  }).timeout(60_000)
})
