import { test } from '@japa/runner'
import { RedisBus } from '#chat/src/redis_bus'
import type { BusEvent } from '#chat/src/bus'
import { RedisServer } from '#tests/helpers/redis_server'

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} }

/**
 * Subscribes `bus` to `channel` and records what arrives; `waitFor(n)`
 * resolves once n events were heard
 */
async function listen(bus: RedisBus, channel: string) {
  const heard: BusEvent[] = []
  const waiters: Array<() => void> = []
  await bus.subscribe(channel, (event) => {
    heard.push(event)
    waiters.splice(0).forEach((wake) => wake())
  })
  const waitFor = async (count: number) => {
    while (heard.length < count) {
      await new Promise<void>((resolve) => waiters.push(resolve))
    }
    return heard
  }
  return { heard, waitFor }
}

test.group('Redis bus (real redis-server)', (group) => {
  let redis: RedisServer
  let nodes: RedisBus[] = []

  group.setup(async () => {
    redis = await RedisServer.start()
    return () => redis.stop()
  })

  group.each.teardown(async () => {
    await Promise.all(nodes.map((node) => node.disconnect()))
    nodes = []
  })

  function startNode() {
    const bus = new RedisBus({ url: redis.url, logger: silentLogger })
    nodes.push(bus)
    return bus
  }

  test('delivers a doorbell to other nodes and never back to its sender', async ({ assert }) => {
    const a = startNode()
    const b = startNode()
    const atA = await listen(a, 'chat_room_1')
    const atB = await listen(b, 'chat_room_1')

    await a.publish('chat_room_1', { room: 1, seq: 7 })
    await b.publish('chat_room_1', { room: 1, seq: 8 })
    await b.publish('chat_room_1', { room: 1, deleted: true })

    assert.deepEqual(await atB.waitFor(1), [{ room: 1, seq: 7 }])
    assert.deepEqual(await atA.waitFor(2), [
      { room: 1, seq: 8 },
      { room: 1, deleted: true },
    ])
    await a.publish('chat_room_1', { room: 1, seq: 9 })
    await atB.waitFor(2)
    assert.lengthOf(atA.heard, 2)
  })

  test('keeps channels apart and stops after unsubscribe', async ({ assert }) => {
    const a = startNode()
    const b = startNode()
    const room2 = await listen(b, 'chat_room_2')
    const room3 = await listen(b, 'chat_room_3')

    await a.publish('chat_room_3', { room: 3, seq: 1 })
    await room3.waitFor(1)
    await b.unsubscribe('chat_room_3')
    await a.publish('chat_room_3', { room: 3, seq: 2 })
    await a.publish('chat_room_2', { room: 2, seq: 1 })

    assert.deepEqual(await room2.waitFor(1), [{ room: 2, seq: 1 }])
    assert.deepEqual(room3.heard, [{ room: 3, seq: 1 }])
  })

  test('after Redis restarts, calls onReconnect and delivers again', async ({ assert }) => {
    const a = startNode()
    const b = startNode()
    const reconnected = new Promise<void>((resolve) => b.onReconnect(resolve))
    const atB = await listen(b, 'chat_room_4')

    await redis.stop()
    await redis.restart()
    await reconnected

    await a.publish('chat_room_4', { room: 4, seq: 99 })
    assert.deepEqual(await atB.waitFor(1), [{ room: 4, seq: 99 }])
  }).timeout(20_000)
})
