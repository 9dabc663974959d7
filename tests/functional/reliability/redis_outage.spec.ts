import { test } from '@japa/runner'
import { RedisServer } from '#tests/helpers/redis_server'
import { createRoom } from '#tests/helpers/chat_fixtures'
import {
  assertExactlyOnce,
  clientsOnTwoProcesses,
  createUsers,
  startLoad,
  totalAcks,
  twoChatProcesses,
  waitForQuiet,
  waitUntil,
} from '#tests/helpers/chat_load'

const CLIENTS = 20
const MESSAGES_PER_SECOND = 40

test.group('Reliability: Redis goes away under load (CHAT_BUS=redis)', (group) => {
  let redis: RedisServer
  const processes = twoChatProcesses(group, async () => {
    redis = await RedisServer.start()
    const bus = { CHAT_BUS: 'redis', REDIS_URL: redis.url }
    return [bus, bus]
  })
  group.each.teardown(() => redis.stop())

  test('acks go on while Redis is down; cross-process delivery recovers, nothing lost or doubled', async ({
    assert,
  }) => {
    const room = await createRoom()
    const { first, second } = processes
    const { clients } = await clientsOnTwoProcesses(
      await createUsers(CLIENTS),
      room.id,
      first,
      second
    )
    const acked = () => totalAcks(clients)

    const load = startLoad(clients, MESSAGES_PER_SECOND)
    await waitUntil(() => acked() >= 40, '40 messages acked')
    await redis.stop()
    const atOutage = acked()
    await waitUntil(() => acked() >= atOutage + 60, '60 acks while Redis is down')
    await redis.restart()
    const sentAtRecovery = load.sent()
    await waitUntil(() => load.sent() >= sentAtRecovery + 40, '40 more messages sent')
    load.stop()
    await waitForQuiet(clients, room.id)

    assert.isTrue(first.running())
    assert.isTrue(second.running())
    for (const client of clients) {
      assert.deepEqual(client.closeCodes, [])
    }
    const checked = await assertExactlyOnce(assert, room.id, clients)
    console.log(
      `[reliability] redis outage: 1 Redis kill and restart, ${acked() - atOutage} acks after the kill, ` +
        `${checked.messages} messages, ${checked.deliveries} deliveries checked exactly once`
    )
  }).timeout(90_000)
})
