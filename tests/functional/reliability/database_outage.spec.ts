import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { ChatProcess } from '#tests/helpers/chat_process'
import { TcpProxy } from '#tests/helpers/tcp_proxy'
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

/**
 * The status and body of a chat process's readiness probe
 */
async function readiness(chat: ChatProcess) {
  const response = await fetch(`http://127.0.0.1:${chat.port}/health/ready`)
  return { status: response.status, body: await response.json() }
}

/**
 * Just the status of the readiness probe
 */
async function fetchStatus(chat: ChatProcess) {
  const { status } = await readiness(chat)
  return status
}

test.group('Reliability: the database goes away under load', (group) => {
  let proxy: TcpProxy
  /* The first process reaches the database through a proxy the test cuts */
  const processes = twoChatProcesses(group, async () => {
    const settings = db.getRawConnection(db.primaryConnectionName)!.config.connection as {
      host: string
      port: number
    }
    proxy = new TcpProxy(settings.host, settings.port)
    await proxy.open()
    return [{ DB_HOST: '127.0.0.1', DB_PORT: String(proxy.port) }, {}]
  })
  group.each.teardown(() => proxy.cut())

  test('sends fail with unavailable and are retried; readiness reports it; nothing acked is lost', async ({
    assert,
  }) => {
    const room = await createRoom()
    const { first: cutOff, second: direct } = processes
    const { onFirst: onCutOff, clients } = await clientsOnTwoProcesses(
      await createUsers(CLIENTS),
      room.id,
      cutOff,
      direct
    )
    const acked = () => totalAcks(clients)
    const unavailable = () => onCutOff.reduce((total, client) => total + client.unavailable, 0)

    const load = startLoad(clients, MESSAGES_PER_SECOND)
    await waitUntil(() => acked() >= 40, '40 messages acked')
    const before = await readiness(cutOff)
    await proxy.cut()
    const duringOutage = acked()
    await waitUntil(async () => (await fetchStatus(cutOff)) === 503, 'readiness 503')
    const down = await readiness(cutOff)
    await waitUntil(() => unavailable() >= CLIENTS / 2, `${CLIENTS / 2} unavailable errors`)
    await waitUntil(() => acked() >= duringOutage + 20, '20 more acks from the other process')
    await proxy.open()
    await waitUntil(async () => (await fetchStatus(cutOff)) === 200, 'readiness 200 again')
    const sentAtRecovery = load.sent()
    await waitUntil(() => load.sent() >= sentAtRecovery + 40, '40 more messages sent')
    load.stop()
    await waitForQuiet(clients, room.id)

    assert.deepEqual(before, {
      status: 200,
      body: { status: 'ok', checks: { database: 'ok', chat: 'ok' } },
    })
    assert.deepEqual(down, {
      status: 503,
      body: { status: 'error', checks: { database: 'error', chat: 'ok' } },
    })
    assert.isTrue(cutOff.running())
    for (const client of clients) {
      assert.deepEqual(client.closeCodes, [])
    }
    const checked = await assertExactlyOnce(assert, room.id, clients)
    console.log(
      `[reliability] database outage: 1 cut of the chat process's PostgreSQL link, ` +
        `${unavailable()} unavailable answers retried, ${checked.messages} messages, ` +
        `${checked.deliveries} deliveries checked exactly once`
    )
  }).timeout(90_000)
})
