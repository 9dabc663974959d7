import { test } from '@japa/runner'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { WebSocket, WebSocketServer } from 'ws'
import { BroadcastFrame } from '#chat/src/broadcast_frame'
import { Connection } from '#chat/src/connection'
import { noopChatMetrics } from '#chat/src/chat_metrics'

/**
 * A server socket wrapped in a Connection writing to its TCP socket, and
 * the client socket on the other end of loopback
 */
async function connectedPair(cleanup: (fn: () => Promise<void>) => void) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false })
  await once(server, 'listening')
  cleanup(() => new Promise((resolve) => server.close(() => resolve())))
  const accepted = once(server, 'connection')
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`)
  cleanup(async () => client.terminate())
  const [socket, request] = (await accepted) as [WebSocket, { socket: import('node:net').Socket }]
  await once(client, 'open')
  const connection = new Connection(
    socket,
    { id: 1, username: 'ana' },
    'session:test',
    1024 * 1024,
    noopChatMetrics,
    request.socket
  )
  return { connection, client, transport: request.socket }
}

/**
 * The first `count` text messages `client` receives
 */
function received(client: WebSocket, count: number) {
  return new Promise<Array<{ text: string; binary: boolean }>>((resolve) => {
    const messages: Array<{ text: string; binary: boolean }> = []
    client.on('message', (data, binary) => {
      messages.push({ text: data.toString(), binary })
      if (messages.length === count) resolve(messages)
    })
  })
}

test.group('BroadcastFrame', () => {
  test('frames written once reach the client as text frames of every length class, in order with ws sends', async ({
    assert,
    cleanup,
  }) => {
    const { connection, client } = await connectedPair(cleanup)
    // 7-bit, 16-bit and 64-bit payload lengths in the header
    const payloads = ['{"a":1}', `"${'b'.repeat(300)}"`, `"${'é'.repeat(40_000)}"`]
    const arriving = received(client, 4)
    for (const payload of payloads.slice(0, 2)) {
      connection.sendBroadcast(new BroadcastFrame(Buffer.from(payload)))
    }
    connection.send(Buffer.from('{"sent":"by ws"}'))
    connection.sendBroadcast(new BroadcastFrame(Buffer.from(payloads[2])))

    assert.deepEqual(await arriving, [
      { text: payloads[0], binary: false },
      { text: payloads[1], binary: false },
      { text: '{"sent":"by ws"}', binary: false },
      { text: payloads[2], binary: false },
    ])
  })

  test('one frame serves every socket with the same bytes', ({ assert }) => {
    const frame = new BroadcastFrame(Buffer.from('{"type":"pong"}'))

    assert.strictEqual(frame.framed, frame.framed)
    assert.deepEqual([...frame.framed.subarray(0, 2)], [0x81, 15])
    assert.equal(frame.framed.subarray(2).toString(), '{"type":"pong"}')
  })

  test('a replayed batch leaves in one write and arrives as one text frame per entry, after earlier sends', async ({
    assert,
    cleanup,
  }) => {
    const { connection, client, transport } = await connectedPair(cleanup)
    const payloads = [
      '{"seq":1}',
      `{"seq":2,"t":"${'b'.repeat(300)}"}`,
      `{"seq":3,"t":"${'é'.repeat(40_000)}"}`,
    ]
    const arriving = received(client, 4)
    connection.send(Buffer.from('{"type":"joined"}'))
    const writes: number[] = []
    const write = transport.write.bind(transport)
    transport.write = ((chunk: Buffer, ...rest: any[]) => {
      writes.push(chunk.length)
      return write(chunk, ...rest)
    }) as typeof transport.write
    const writer = connection.replayWriter()
    payloads.forEach((payload) => writer.push(payload))
    await writer.end()

    assert.deepEqual(writes, [2 + 9 + 4 + 316 + 10 + 80_016])
    assert.deepEqual(await arriving, [
      { text: '{"type":"joined"}', binary: false },
      ...payloads.map((text) => ({ text, binary: false })),
    ])
  })
})
