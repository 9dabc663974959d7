import { test } from '@japa/runner'
import { Registry } from 'prom-client'
import { WebSocket } from 'ws'
import { Connection } from '#chat/src/connection'
import { CHAT_SERIES, PromChatMetrics } from '#chat/adapters/prom_chat_metrics'

/**
 * The value of one sample (`name` or `name{labels}`) in a registry's exposition
 */
async function sample(registry: Registry, series: string) {
  const text = await registry.metrics()
  const line = text.split('\n').find((row) => row.startsWith(`${series} `))
  return line ? Number(line.split(' ').pop()) : 0
}

/**
 * A socket stand-in whose send buffer is already over the bound
 */
function cloggedSocket() {
  const closes: number[] = []
  const socket = {
    readyState: WebSocket.OPEN as number,
    bufferedAmount: 4096,
    send() {},
    close(code: number) {
      closes.push(code)
      socket.readyState = WebSocket.CLOSING
    },
  }
  return { socket: socket as unknown as WebSocket, closes }
}

test.group('PromChatMetrics', () => {
  test('registers every chat series; a second instance counts into the same ones', async ({
    assert,
  }) => {
    const registry = new Registry()
    const first = new PromChatMetrics(registry)
    const second = new PromChatMetrics(registry)
    assert.sameMembers(
      registry.getMetricsAsArray().map((metric) => metric.name),
      Object.values(CHAT_SERIES).map((series) => series.name)
    )

    first.accepted('message')
    second.accepted('message')
    second.accepted('edit')
    first.rejected('rate_limited')
    first.connectionOpened()
    second.connectionOpened()
    first.connectionClosed()
    second.delivered(0)
    second.delivered(3)
    first.busLag(-0.5)

    assert.equal(await sample(registry, 'chat_messages_accepted_total{kind="message"}'), 2)
    assert.equal(await sample(registry, 'chat_messages_accepted_total{kind="edit"}'), 1)
    assert.equal(await sample(registry, 'chat_messages_rejected_total{reason="rate_limited"}'), 1)
    assert.equal(await sample(registry, 'chat_open_websockets'), 1)
    assert.equal(await sample(registry, 'chat_deliveries_total'), 3)
    assert.equal(await sample(registry, 'chat_bus_lag_seconds_count'), 1)
    assert.equal(await sample(registry, 'chat_bus_lag_seconds_sum'), 0)
  })

  test('a slow consumer closed with 1013 is counted once', async ({ assert }) => {
    const registry = new Registry()
    const { socket, closes } = cloggedSocket()
    const connection = new Connection(
      socket,
      { id: 1, username: 'ana' },
      'session:test',
      1024,
      new PromChatMetrics(registry)
    )
    connection.send(Buffer.from('{"type":"pong"}'))
    connection.send(Buffer.from('{"type":"pong"}'))
    assert.deepEqual(closes, [1013])
    assert.equal(await sample(registry, 'chat_slow_consumer_closes_total'), 1)
  })
})
