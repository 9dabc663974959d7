import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import db from '@adonisjs/lucid/services/db'
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
/** Messages sent before the crash, and in all */
const BEFORE_CRASH = 100
const TOTAL = 200

test.group('Reliability: a chat process is killed under load', (group) => {
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

  test('kill -9: clients resume on the other process; every message stored and delivered once, in order', async ({
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
    await waitUntil(() => load.sent() >= BEFORE_CRASH, `${BEFORE_CRASH} messages sent`)
    onFirst.forEach((client) => client.say('in flight when the process dies'))
    const inFlight = onFirst.flatMap((client) => [...client.pending.keys()])
    failOver()
    const killed = await first.kill('SIGKILL')
    const storedUnacked = await db
      .from('messages')
      .where('room_id', room.id)
      .whereIn('client_id', inFlight)
      .count('* as total')
    await waitUntil(() => load.sent() >= TOTAL, `${TOTAL} messages sent`)
    load.stop()
    await waitForQuiet(clients, room.id)

    assert.equal(killed.signal, 'SIGKILL')
    assert.isAbove(inFlight.length, 0)
    for (const client of onFirst) {
      assert.deepEqual(client.closeCodes, [1006])
    }
    for (const client of onSecond) {
      assert.deepEqual(client.closeCodes, [])
    }
    const checked = await assertExactlyOnce(assert, room.id, clients)
    console.log(
      `[reliability] crash: ${CLIENTS} clients, 1 process killed (SIGKILL), ${inFlight.length} sends in flight ` +
        `(${storedUnacked[0].total} stored before the ack) retried, ${checked.messages} messages, ` +
        `${checked.deliveries} deliveries checked exactly once`
    )
  }).timeout(90_000)
})
