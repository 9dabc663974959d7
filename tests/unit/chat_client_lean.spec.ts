import { test } from '@japa/runner'
import { WebSocketServer } from 'ws'
import { ChatClient } from '#chat/client/chat_client'

/**
 * A server on 127.0.0.1 that sends `frames` (as text) to each socket once
 * it says anything, then closes it
 */
async function serverSending(frames: string[]) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  server.on('connection', (socket) =>
    socket.once('message', () => {
      frames.forEach((frame) => socket.send(frame))
      socket.close(1000)
    })
  )
  const { port } = server.address() as { port: number }
  return { url: `ws://127.0.0.1:${port}/ws`, close: () => server.close() }
}

test.group('ChatClient lean mode', () => {
  test('taps message frames unparsed and keeps only the frames awaited', async ({
    assert,
    cleanup,
  }) => {
    const server = await serverSending([
      '{"type":"message","room":1,"seq":41,"client_id":"c-1","user":{"id":2},"text":"a"}',
      '{"type":"presence","room":1,"event":"joined","user":{"id":3}}',
      '{"type":"message","room":1,"seq":42,"client_id":null,"user":{"id":3},"text":"b"}',
      '{"type":"ack","room":1,"client_id":"c-2","seq":43}',
    ])
    cleanup(server.close)
    const tapped: Array<[number, string | null]> = []
    const client = await ChatClient.open(server.url, null, {
      onMessage: (seq, clientId) => tapped.push([seq, clientId]),
    })
    cleanup(() => client.terminate())

    const ack = client.next({ type: 'ack', client_id: 'c-2' }, Infinity)
    client.send({ type: 'ping' })

    assert.deepEqual(await ack, { type: 'ack', room: 1, client_id: 'c-2', seq: 43 })
    assert.deepEqual(tapped, [
      [41, 'c-1'],
      [42, null],
    ])
    assert.deepEqual(client.received, [])
    await client.closed
    await assert.rejects(() => client.next({ type: 'presence' }), /socket closed before/)
  })
})
