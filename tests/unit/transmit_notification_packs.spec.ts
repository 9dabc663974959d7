import { test } from '@japa/runner'
import {
  MAX_NOTIFY_BYTES,
  fitsOneNotification,
  packNotifications,
} from '#services/transmit/notification_packs'

/**
 * The messages a notification carries, as the receiving transport reads them
 */
function unpack(payload: string) {
  const { busId, payloads } = JSON.parse(payload)
  return { busId, payloads: payloads as unknown[] }
}

test.group('Transmit notification packs', () => {
  test('messages of one tick share notifications per channel, in the order they were published', ({
    assert,
  }) => {
    const published = [
      { channel: 'a', message: { n: 1 } },
      { channel: 'b', message: { n: 2, text: 'Xin chào 👋' } },
      { channel: 'a', message: { n: 3 } },
    ]
    const packs = packNotifications(
      'web',
      published.map(({ channel, message }) => ({ channel, encoded: JSON.stringify(message) }))
    )
    assert.deepEqual(
      packs.map(({ channel, payload }) => ({ channel, ...unpack(payload) })),
      [
        { channel: 'a', busId: 'web', payloads: [{ n: 1 }, { n: 3 }] },
        { channel: 'b', busId: 'web', payloads: [{ n: 2, text: 'Xin chào 👋' }] },
      ]
    )
  })

  test('a pack that would pass NOTIFY’s limit starts the next notification; each stays under it', ({
    assert,
  }) => {
    // Multi-byte text: the limit counts bytes, not characters; every message is as long
    const messages = Array.from({ length: 50 }, (_, index) => ({
      n: 10 + index,
      text: 'ệ'.repeat(200),
    }))
    const packs = packNotifications(
      'chat',
      messages.map((message) => ({ channel: 'transmit', encoded: JSON.stringify(message) }))
    )
    assert.isAbove(packs.length, 1)
    for (const { payload } of packs) {
      assert.isAtMost(Buffer.byteLength(payload), MAX_NOTIFY_BYTES)
    }
    assert.deepEqual(
      packs.flatMap(({ payload }) => unpack(payload).payloads),
      messages
    )
    // Each pack but the last is full: the next message would not have fitted
    const next = Buffer.byteLength(JSON.stringify(messages[0])) + ','.length
    for (const { payload } of packs.slice(0, -1)) {
      assert.isAbove(Buffer.byteLength(payload) + next, MAX_NOTIFY_BYTES)
    }
  })

  test('a message fits alone only with its envelope under the limit', ({ assert }) => {
    const envelope = JSON.stringify({ busId: 'web', payloads: [] }).length
    assert.isTrue(fitsOneNotification('web', 'x'.repeat(MAX_NOTIFY_BYTES - envelope)))
    assert.isFalse(fitsOneNotification('web', 'x'.repeat(MAX_NOTIFY_BYTES - envelope + 1)))
    // Fewer characters than the limit, more bytes
    assert.isFalse(fitsOneNotification('web', 'ệ'.repeat(3000)))
  })
})
