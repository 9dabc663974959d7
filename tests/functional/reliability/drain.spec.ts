import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import { startChatProcess, type ChatProcess } from '#tests/helpers/chat_process'
import { closeAllClients } from '#tests/helpers/ws_client'
import { createRoom } from '#tests/helpers/chat_fixtures'
import {
  clientsOnTwoProcesses,
  assertExactlyOnce,
  createUsers,
  startLoad,
  waitForQuiet,
  waitUntil,
} from '#tests/helpers/chat_load'

const CLIENTS = 40
const MESSAGES_PER_SECOND = 50
const BEFORE_DRAIN = 100
const TOTAL = 200

test.group('Reliability: graceful drain under load', (group) => {
  let first: ChatProcess
  let second: ChatProcess

  group.each.setup(() => truncateTables())
  group.each.setup(async () => {
    ;[first, second] = await Promise.all([startChatProcess(), startChatProcess()])
    return async () => {
      await closeAllClients()
      await Promise.all([first.stop(), second.stop()])
    }
  })

  test('SIGTERM: exit 0 before the 10 s deadline; in-flight sends are acked or retried, never doubled', async ({
    assert,
  }) => {
    const room = await createRoom()
    const users = await createUsers(CLIENTS)
    const { onFirst, onSecond, clients, failOver } = await clientsOnTwoProcesses(
      users,
      room.id,
      first,
      second
    )

    const load = startLoad(clients, MESSAGES_PER_SECOND)
    await waitUntil(() => load.sent() >= BEFORE_DRAIN, `${BEFORE_DRAIN} messages sent`)
    onFirst.forEach((client) => client.say('in flight during the drain'))
    const inFlight = onFirst.flatMap((client) => [...client.pending.keys()])
    failOver()
    /* The service exits 1 when its 10 s shutdown deadline fires, so 0 means it drained in time */
    const exit = await first.kill('SIGTERM')
    const ackedByFirst = inFlight.filter((id) => onFirst.some((client) => client.acks.has(id)))
    await waitUntil(() => load.sent() >= TOTAL, `${TOTAL} messages sent`)
    load.stop()
    await waitForQuiet(clients, room.id)

    assert.deepEqual(exit, { code: 0, signal: null })
    for (const client of onFirst) {
      assert.deepEqual(client.closeCodes, [1001])
    }
    for (const client of onSecond) {
      assert.deepEqual(client.closeCodes, [])
    }
    const checked = await assertExactlyOnce(assert, room.id, clients)
    console.log(
      `[reliability] drain: SIGTERM under load, exit 0; ${inFlight.length} sends in flight ` +
        `(${ackedByFirst.length} acked before the close, the rest retried), ${checked.messages} messages, ` +
        `${checked.deliveries} deliveries checked exactly once`
    )
  }).timeout(90_000)
})
