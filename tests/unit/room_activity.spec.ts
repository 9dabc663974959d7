import { test } from '@japa/runner'
import { MemoryBus, MemoryHub } from '#chat/src/memory_bus'
import { RoomActivityPublisher } from '#chat/src/room_activity'
import { LobbyActivity, PRESENCE_TTL_MS } from '#services/lobby/lobby_activity'
import { ACTIVITY_CHANNEL, type ActivityEvent } from '#chat/src/bus'
import type { ActivityListener } from '#chat/src/chat_node'
import type { Logger } from '#chat/src/logger'

const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} }

/**
 * Collects the announced activity events; `next()` resolves with the next
 * one not taken yet
 */
function listen() {
  const received: ActivityEvent[] = []
  let taken = 0
  let wake = () => {}
  return {
    received,
    announce(event: ActivityEvent) {
      received.push(event)
      wake()
    },
    async next() {
      while (received.length <= taken) {
        await new Promise<void>((resolve) => (wake = resolve))
      }
      return received[taken++]
    },
  }
}

test.group('RoomActivityPublisher', () => {
  test('the first change goes out at once; later ones merge into one trailing event', async ({
    assert,
    cleanup,
  }) => {
    const events = listen()
    const online = new Map<number, number>([[7, 1]])
    const publisher = new RoomActivityPublisher({
      announce: events.announce,
      onlineOf: (room) => online.get(room) ?? 0,
      rooms: () => online.keys(),
      timings: { throttleMs: 50, heartbeatMs: 60_000 },
    })
    cleanup(() => publisher.close())
    const node = publisher.node

    publisher.stored(7, 1, new Date('2026-01-01T10:00:00Z'))
    assert.deepEqual(await events.next(), {
      room: 7,
      activity: { seq: 1, at: '2026-01-01T10:00:00.000Z', node, online: 1 },
    })

    online.set(7, 2)
    publisher.changed(7)
    publisher.stored(7, 3, new Date('2026-01-01T10:00:03Z'))
    publisher.stored(7, 2, new Date('2026-01-01T10:00:02Z'))
    publisher.changed(8)
    assert.deepEqual(await events.next(), {
      room: 8,
      activity: { seq: 0, at: null, node, online: 0 },
    })
    assert.deepEqual(await events.next(), {
      room: 7,
      activity: { seq: 3, at: '2026-01-01T10:00:03.000Z', node, online: 2 },
    })
    assert.lengthOf(events.received, 3)
  })

  test('a room with 1,500 users online makes a small event carrying the count', async ({
    assert,
    cleanup,
  }) => {
    const events = listen()
    const publisher = new RoomActivityPublisher({
      announce: events.announce,
      onlineOf: () => 1500,
      rooms: () => [3],
      timings: { throttleMs: 1000, heartbeatMs: 60_000 },
    })
    cleanup(() => publisher.close())

    publisher.changed(3)
    const event = await events.next()
    assert.deepEqual(event, {
      room: 3,
      activity: { seq: 0, at: null, node: publisher.node, online: 1500 },
    })
    const envelope = JSON.stringify({ busId: publisher.node, payload: event })
    assert.equal(Buffer.byteLength(envelope), 160)
  })

  test('the heartbeat re-announces every room of the node', async ({ assert, cleanup }) => {
    const events = listen()
    const publisher = new RoomActivityPublisher({
      announce: events.announce,
      onlineOf: (room) => (room === 5 ? 2 : 1),
      rooms: () => [5, 6],
      timings: { throttleMs: 1000, heartbeatMs: 20 },
    })
    cleanup(() => publisher.close())
    publisher.start()

    const first = await events.next()
    const second = await events.next()
    assert.deepEqual(
      [first, second],
      [
        { room: 5, activity: { seq: 0, at: null, node: publisher.node, online: 2 } },
        { room: 6, activity: { seq: 0, at: null, node: publisher.node, online: 1 } },
      ]
    )
  })
})

test.group('LobbyActivity', () => {
  test("sums the nodes' counts and forgets a silent node after the TTL", async ({
    assert,
    cleanup,
  }) => {
    const hub = new MemoryHub()
    let now = 1_000_000
    const bus = new MemoryBus(hub)
    const chat = {
      followActivity: (listener: ActivityListener) =>
        bus.subscribe(ACTIVITY_CHANNEL, (event) => 'activity' in event && listener(event)),
      unfollowActivity: () => bus.unsubscribe(ACTIVITY_CHANNEL),
    }
    const lobby = new LobbyActivity(chat, silentLogger, { now: () => now })
    await lobby.start()
    cleanup(() => lobby.close())
    const node = new MemoryBus(hub)
    const publish = async (name: string, online: number) => {
      await node.publish(ACTIVITY_CHANNEL, {
        room: 1,
        activity: { seq: 0, at: null, node: name, online },
      })
      await new Promise((resolve) => setImmediate(resolve))
    }

    await publish('a', 1000)
    await publish('b', 500)
    assert.equal(lobby.online(1), 1500)
    assert.equal(lobby.online(2), 0)

    now += PRESENCE_TTL_MS - 1000
    await publish('b', 499)
    now += 1000
    assert.equal(lobby.online(1), 499, 'node a fell silent')

    await publish('b', 0)
    assert.equal(lobby.online(1), 0)
  })
})
