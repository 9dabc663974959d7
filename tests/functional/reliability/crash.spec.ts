import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createRoom } from '#tests/helpers/chat_fixtures'
import {
  assertExactlyOnce,
  createUsers,
  stopFirstUnderLoad,
  twoChatProcesses,
} from '#tests/helpers/chat_load'

const CLIENTS = 40

test.group('Reliability: a chat process is killed under load', (group) => {
  const processes = twoChatProcesses(group)

  test('kill -9: clients resume on the other process; every message stored and delivered once, in order', async ({
    assert,
  }) => {
    const room = await createRoom()
    const { onFirst, onSecond, clients, inFlight, stopped } = await stopFirstUnderLoad({
      users: await createUsers(CLIENTS),
      room: room.id,
      processes,
      perSecond: 50,
      before: 100,
      total: 200,
      inFlightText: 'in flight when the process dies',
      stopFirst: async (sent) => {
        const killed = await processes.first.kill('SIGKILL')
        const [stored] = await db
          .from('messages')
          .where('room_id', room.id)
          .whereIn('client_id', sent)
          .count('* as total')
        return { killed, storedUnacked: stored.total }
      },
    })

    assert.equal(stopped.killed.signal, 'SIGKILL')
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
        `(${stopped.storedUnacked} stored before the ack) retried, ${checked.messages} messages, ` +
        `${checked.deliveries} deliveries checked exactly once`
    )
  }).timeout(90_000)
})
