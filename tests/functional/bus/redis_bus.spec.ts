import { test } from '@japa/runner'
import { RedisBus } from '#chat/src/redis_bus'
import type { BusEvent } from '#chat/src/bus'
import { RedisServer } from '#tests/helpers/redis_server'
import { TcpProxy } from '#tests/helpers/tcp_proxy'

/** How long a test waits for an event before it says what it heard */
const EVENT_TIMEOUT_MS = 5000

/** What the buses logged (connection errors, dropped envelopes), shown when a wait fails */
const busLog: string[] = []

/** A bus logger that keeps warnings and errors for the failure message */
const recordingLogger = {
  debug() {},
  info() {},
  warn: (context: Record<string, unknown>, message: string) => record('warn', context, message),
  error: (context: Record<string, unknown>, message: string) => record('error', context, message),
}

/** The bus log as one line */
function log() {
  return `bus log: ${busLog.join(' | ') || 'nothing'}`
}

/** Keeps one warning or error of a bus */
function record(level: string, context: Record<string, unknown>, message: string) {
  const error = context.err as Error | undefined
  busLog.push(`${new Date().toISOString()} ${level} ${message}${error ? `: ${error.message}` : ''}`)
}

/**
 * Subscribes `bus` to `channel` and records what arrives; `waitFor(n)`
 * resolves once n events were heard, and fails after EVENT_TIMEOUT_MS with
 * what was heard and what the buses logged
 */
async function listen(bus: RedisBus, channel: string) {
  const heard: BusEvent[] = []
  const waiters: Array<() => void> = []
  const subscribed = bus.subscribe(channel, (event) => {
    heard.push(event)
    waiters.splice(0).forEach((wake) => wake())
  })
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new Error(`subscribing to ${channel} took over ${EVENT_TIMEOUT_MS} ms; ${log()}`)),
      EVENT_TIMEOUT_MS
    )
  })
  await Promise.race([subscribed, late]).finally(() => clearTimeout(timer))
  const waitFor = async (count: number) => {
    const deadline = Date.now() + EVENT_TIMEOUT_MS
    while (heard.length < count) {
      const left = deadline - Date.now()
      if (left <= 0) {
        throw new Error(
          `${channel}: heard ${JSON.stringify(heard)}, waited for ${count} event(s); ${log()}`
        )
      }
      await new Promise<void>((resolve) => {
        waiters.push(resolve)
        setTimeout(resolve, left)
      })
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

  group.each.setup(() => {
    busLog.length = 0
  })

  group.each.teardown(async () => {
    await Promise.all(nodes.map((node) => node.disconnect()))
    nodes = []
  })

  function startNode() {
    const bus = new RedisBus({ url: redis.url, logger: recordingLogger })
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

  test('a node that subscribes during its connection handshake hears every doorbell', async ({
    assert,
    cleanup,
  }) => {
    // Redis's replies come 200 ms late, so the subscriber's handshake lasts a while
    const slowLink = new TcpProxy('127.0.0.1', redis.port, { replyDelayMs: 200 })
    await slowLink.open()
    cleanup(() => slowLink.cut())
    const slow = new RedisBus({
      url: `redis://127.0.0.1:${slowLink.port}`,
      logger: recordingLogger,
    })
    nodes.push(slow)
    const a = startNode()
    let reconnects = 0
    slow.onReconnect(() => reconnects++)

    await new Promise((resolve) => setTimeout(resolve, 100))
    const atSlow = await listen(slow, 'chat_room_5')
    await a.publish('chat_room_5', { room: 5, seq: 1 })
    assert.deepEqual(await atSlow.waitFor(1), [{ room: 5, seq: 1 }])
    // Once the handshake is long over, the subscription still holds
    await new Promise((resolve) => setTimeout(resolve, 1000))
    await a.publish('chat_room_5', { room: 5, seq: 2 })
    assert.deepEqual(await atSlow.waitFor(2), [
      { room: 5, seq: 1 },
      { room: 5, seq: 2 },
    ])
    assert.equal(reconnects, 0, log())
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
