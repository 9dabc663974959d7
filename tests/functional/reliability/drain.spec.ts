import { test } from '@japa/runner'
import { createRoom } from '#tests/helpers/chat_fixtures'
import {
  assertExactlyOnce,
  createUsers,
  stopFirstUnderLoad,
  twoChatProcesses,
} from '#tests/helpers/chat_load'

test.group('Reliability: graceful drain under load', (group) => {
  const processes = twoChatProcesses(group)

  test('SIGTERM: exit 0 before the 10 s deadline; in-flight sends are acked or retried, never doubled', async ({
    assert,
  }) => {
    const room = await createRoom()
    const { onFirst, onSecond, clients, inFlight, stopped } = await stopFirstUnderLoad({
      users: await createUsers(40),
      room: room.id,
      processes,
      perSecond: 50,
      before: 100,
      total: 200,
      inFlightText: 'in flight during the drain',
      stopFirst: async (sent, onFirstClients) => {
        /* The service exits 1 when its 10 s shutdown deadline fires, so 0 means it drained in time */
        const exit = await processes.first.kill('SIGTERM')
        const acked = sent.filter((id) => onFirstClients.some((client) => client.acks.has(id)))
        return { exit, acked }
      },
    })

    assert.deepEqual(stopped.exit, { code: 0, signal: null })
    for (const client of onFirst) {
      assert.deepEqual(client.closeCodes, [1001])
    }
    for (const client of onSecond) {
      assert.deepEqual(client.closeCodes, [])
    }
    const checked = await assertExactlyOnce(assert, room.id, clients)
    console.log(
      `[reliability] drain: SIGTERM under load, exit 0; ${inFlight.length} sends in flight ` +
        `(${stopped.acked.length} acked before the close, the rest retried), ${checked.messages} messages, ` +
        `${checked.deliveries} deliveries checked exactly once`
    )
  }).timeout(90_000)
})
