import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { MemoryBus, MemoryHub } from '#chat/src/memory_bus'
import { PostgresBus } from '#chat/src/postgres_bus'
import { pgConnectionOf } from '#chat/adapters/lucid_pg_connection'
import type { Bus, BusEvent } from '#chat/src/bus'

/**
 * Makes bus nodes that can hear each other; `name` labels a node
 */
type NodeFactory = (name: string) => Promise<Bus>

/**
 * Resolves with the next event `bus` hears on `channel`
 */
async function listen(bus: Bus, channel: string) {
  const heard: BusEvent[] = []
  let notify: () => void = () => {}
  await bus.subscribe(channel, (event) => {
    heard.push(event)
    notify()
  })
  return {
    heard,
    next: () => new Promise<void>((resolve) => (notify = resolve)),
  }
}

const transports: Array<{ name: string; nodes: () => NodeFactory }> = [
  {
    name: 'memory',
    nodes: () => {
      const hub = new MemoryHub()
      return async () => new MemoryBus(hub)
    },
  },
  {
    name: 'postgres',
    nodes: () => async (name) => {
      const logger = await app.container.make('logger')
      const connection = { ...pgConnectionOf(db), application_name: `bus-contract-${name}` }
      return new PostgresBus({ connection, logger })
    },
  },
]

for (const transport of transports) {
  test.group(`Chat bus contract (${transport.name})`, (group) => {
    let nodes: Bus[] = []
    let makeNode: NodeFactory

    group.each.setup(() => {
      const factory = transport.nodes()
      makeNode = async (name) => {
        const bus = await factory(name)
        nodes.push(bus)
        return bus
      }
    })
    group.each.teardown(async () => {
      await Promise.all(nodes.map((bus) => bus.disconnect()))
      nodes = []
    })

    test('delivers to the other nodes of a channel, never back to the sender', async ({
      assert,
    }) => {
      const a = await makeNode('a')
      const b = await makeNode('b')
      const atA = await listen(a, 'chat_room_1')
      const atB = await listen(b, 'chat_room_1')
      const otherChannel = await listen(b, 'chat_room_2')

      const arrived = atB.next()
      await a.publish('chat_room_1', { room: 1, seq: 7 })
      await arrived
      const deleted = atA.next()
      await b.publish('chat_room_1', { room: 1, deleted: true })
      await deleted

      assert.deepEqual(atB.heard, [{ room: 1, seq: 7 }])
      assert.deepEqual(atA.heard, [{ room: 1, deleted: true }])
      assert.deepEqual(otherChannel.heard, [])
    })

    test('stops delivering after unsubscribe', async ({ assert }) => {
      const a = await makeNode('a')
      const b = await makeNode('b')
      const atB = await listen(b, 'chat_room_1')
      const probe = await listen(b, 'chat_room_9')
      await b.unsubscribe('chat_room_1')

      const probed = probe.next()
      await a.publish('chat_room_1', { room: 1, seq: 1 })
      await a.publish('chat_room_9', { room: 9, seq: 1 })
      await probed

      assert.deepEqual(atB.heard, [])
    })
  })
}

test.group('Chat bus (postgres)', (group) => {
  let nodes: PostgresBus[] = []

  group.each.teardown(async () => {
    await Promise.all(nodes.map((bus) => bus.disconnect()))
    nodes = []
  })

  async function node(name: string) {
    const logger = await app.container.make('logger')
    const connection = { ...pgConnectionOf(db), application_name: `bus-contract-${name}` }
    const bus = new PostgresBus({ connection, logger })
    nodes.push(bus)
    return bus
  }

  test('re-listens after losing its connection and calls onReconnect', async ({ assert }) => {
    const a = await node('a')
    const b = await node('b')
    const atB = await listen(b, 'chat_room_1')
    const reconnected = new Promise<void>((resolve) => b.onReconnect(resolve))

    await db.rawQuery(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?`,
      ['bus-contract-b']
    )
    await reconnected
    const arrived = atB.next()
    await a.publish('chat_room_1', { room: 1, seq: 3 })
    await arrived

    assert.deepEqual(atB.heard, [{ room: 1, seq: 3 }])
  })

  test('refuses an event too big for NOTIFY', async ({ assert }) => {
    const a = await node('a')
    const huge = { user: 1, signedOut: 'x'.repeat(8000) }
    await assert.rejects(() => a.publish('chat_sign_out', huge), /NOTIFY limit/)
  })
})
