import { test } from '@japa/runner'
import { setTimeout as sleep } from 'node:timers/promises'
import transmit from '@adonisjs/transmit/services/main'
import env from '#start/env'
import { truncateTables } from '#tests/helpers/database'
import { createUser } from '#tests/helpers/chat_fixtures'
import { logIn, TransmitStream, type TransmitEvent } from '#tests/helpers/transmit_stream'

/** The web app under test */
const origin = `http://${env.get('HOST')}:${env.get('PORT')}`

/** The app's stream write window (start/transmit.ts) */
const WINDOW_MS = 1000

/**
 * Matches the test event number `n`
 */
const numbered = (n: number) => (event: TransmitEvent) => event.payload.n === n

/**
 * Broadcasts test event `n` on `channel`; resolves with how long `stream` took to receive it
 */
async function delivery(stream: TransmitStream, channel: string, n: number) {
  const start = performance.now()
  transmit.broadcast(channel, { type: 'test', n })
  await stream.next(numbered(n))
  return performance.now() - start
}

test.group('Transmit: each event stream written at most once a window', (group) => {
  group.each.setup(() => truncateTables())

  test('a quiet stream gets an event at once; the events of the next window go together when it ends', async ({
    assert,
    cleanup,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const channel = `users/${ana.id}`
    const stream = await TransmitStream.open(origin, await logIn(origin, ana.username), [channel])
    cleanup(() => stream.close())
    const other = await TransmitStream.open(origin, await logIn(origin, bob.username), [
      `users/${bob.id}`,
    ])
    cleanup(() => other.close())

    const start = performance.now()
    assert.isBelow(
      await delivery(stream, channel, 1),
      WINDOW_MS,
      'a quiet stream is written at once'
    )
    transmit.broadcast(channel, { type: 'test', n: 2 })
    transmit.broadcast(channel, { type: 'test', n: 3 })
    assert.isBelow(
      await delivery(other, `users/${bob.id}`, 1),
      WINDOW_MS,
      "another stream's window is its own"
    )
    await stream.next(numbered(3))
    assert.isAtLeast(performance.now() - start, WINDOW_MS - 50, 'they waited for the window')
    assert.deepEqual(
      stream.received.map((event) => event.payload.n),
      [1, 2, 3]
    )
    assert.deepEqual(
      stream.reads.map((read) => read.map((event) => event.payload.n)),
      [[1], [2, 3]],
      'the window went in one write'
    )

    // The window the late events opened ends empty: the stream is quiet again
    await sleep(WINDOW_MS * 1.5)
    assert.isBelow(await delivery(stream, channel, 4), WINDOW_MS, 'quiet again: at once')
  })
})
