import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import { startChatProcess, type ChatProcess } from '#tests/helpers/chat_process'
import { RedisServer } from '#tests/helpers/redis_server'
import { closeAllClients } from '#tests/helpers/ws_client'
import { createRoom } from '#tests/helpers/chat_fixtures'
import {
  ResumingClient,
  assertExactlyOnce,
  createUsers,
  startLoad,
  waitForQuiet,
  waitUntil,
} from '#tests/helpers/chat_load'

const CLIENTS = 20
const MESSAGES_PER_SECOND = 40

test.group('Reliability: Redis goes away under load (CHAT_BUS=redis)', (group) => {
  let redis: RedisServer
  let first: ChatProcess
  let second: ChatProcess

  group.each.setup(() => truncateTables())
  group.each.setup(async () => {
    redis = await RedisServer.start()
    const bus = { CHAT_BUS: 'redis', REDIS_URL: redis.url }
    ;[first, second] = await Promise.all([startChatProcess(bus), startChatProcess(bus)])
    return async () => {
      await closeAllClients()
      await Promise.all([first.stop(), second.stop()])
      await redis.stop()
    }
  })

  test('acks go on while Redis is down; cross-process delivery recovers, nothing lost or doubled', async ({
    assert,
  }) => {
    const room = await createRoom()
    const users = await createUsers(CLIENTS)
    const onFirst = users
      .slice(0, CLIENTS / 2)
      .map((user) => new ResumingClient(user, room.id, () => first.url))
    const onSecond = users
      .slice(CLIENTS / 2)
      .map((user) => new ResumingClient(user, room.id, () => second.url))
    const clients = [...onFirst, ...onSecond]
    await Promise.all(clients.map((client) => client.connect()))
    const acked = () => clients.reduce((total, client) => total + client.acks.size, 0)

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
