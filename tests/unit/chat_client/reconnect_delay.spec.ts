import { test } from '@japa/runner'
import { MAX_RECONNECT_DELAY_MS, reconnectDelay } from '#client/chat/reconnect_delay'

test.group('Chat client: reconnect delay', () => {
  test('doubles from 1 s up to 30 s; the jitter takes between half and all of it', ({ assert }) => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 6].map((retries) => reconnectDelay(retries, 1006, 0.999999)),
      [0, 1, 2, 3, 4, 5, 6].map(
        (retries) => Math.min(MAX_RECONNECT_DELAY_MS, 1000 * 2 ** retries) * (0.5 + 0.999999 / 2)
      )
    )
    assert.equal(reconnectDelay(0, 1006, 0), 500)
    assert.equal(reconnectDelay(3, 1006, 0), 4000)
    assert.equal(reconnectDelay(20, 1006, 0), 15_000)
    assert.equal(reconnectDelay(20, undefined, 0.5), 22_500)
  })

  test('after 1013 (server busy, try again later) it starts from 250 ms', ({ assert }) => {
    assert.equal(reconnectDelay(0, 1013, 0), 125)
    assert.equal(reconnectDelay(2, 1013, 0), 500)
    assert.equal(reconnectDelay(10, 1013, 0), 15_000)
  })
})
