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
      '{"type":"presence","room":1,"joined":[{"id":3}],"left":[]}',
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
  test('taps each message of a replay frame in order, a null client_id not taking the next one', async ({
    assert,
    cleanup,
  }) => {
    const server = await serverSending([
      '{"type":"replay","room":1,"messages":[' +
        '{"type":"message","room":1,"seq":7,"client_id":null,"text":"say \\"client_id\\":\\"x\\""},' +
        '{"type":"message","room":1,"seq":8,"client_id":"c-8","text":"{\\"type\\":\\"message\\""},' +
        '{"type":"message","room":1,"seq":9,"client_id":null,"text":"c"}]}',
      '{"type":"message","room":1,"seq":10,"client_id":"c-10","text":"live"}',
    ])
    cleanup(server.close)
    const tapped: Array<[number, string | null]> = []
    const client = await ChatClient.open(server.url, null, {
      onMessage: (seq, clientId) => tapped.push([seq, clientId]),
    })
    cleanup(() => client.terminate())

    client.send({ type: 'ping' })
    await client.closed

    assert.deepEqual(tapped, [
      [7, null],
      [8, 'c-8'],
      [9, null],
      [10, 'c-10'],
    ])
    assert.deepEqual(client.received, [])
  })
})
