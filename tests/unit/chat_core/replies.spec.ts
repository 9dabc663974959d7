import { test } from '@japa/runner'
import { parseClientFrame } from '#chat/src/client_frames'
import { DEFAULT_LIMITS } from '#chat/src/limits'
import { replyExcerpt } from '#chat/src/replies'
import { serverFrames } from '#chat/src/server_frames'
import type { StoredMessage } from '#chat/src/message_store'

const parse = (frame: Record<string, unknown>) =>
  parseClientFrame(JSON.stringify(frame), DEFAULT_LIMITS)

const root: StoredMessage = {
  id: 7,
  room: 3,
  seq: 5,
  kind: 'message',
  target: null,
  user: { id: 1, username: 'ana' },
  text: 'hi',
  html: '<p>hi</p>',
  clientId: null,
  createdAt: new Date('2026-12-06T10:00:00.000Z'),
  editedAt: null,
  deleted: false,
  attachment: null,
}

test.group('Replies: frames and quotes', () => {
  test('send takes an optional reply_to seq; anything else is invalid_frame', ({ assert }) => {
    const send = { type: 'send', room: 3, client_id: 'c', text: ' re ' }
    assert.deepEqual(parse({ ...send, reply_to: 5 }), {
      ok: true,
      frame: { type: 'send', room: 3, clientId: 'c', text: 're', replyTo: 5 },
    })
    assert.deepEqual(parse(send), {
      ok: true,
      frame: { type: 'send', room: 3, clientId: 'c', text: 're', replyTo: null },
    })
    for (const replyTo of [0, -1, 1.5, '5', 2 ** 31, true]) {
      const parsed = parse({ ...send, reply_to: replyTo })
      assert.deepEqual(
        parsed,
        {
          ok: false,
          error: {
            code: 'invalid_frame',
            message: '"reply_to" must be a positive integer',
            ref: 'c',
          },
        },
        String(replyTo)
      )
    }
  })

  test('replies names its target and pages like history', ({ assert }) => {
    assert.deepEqual(parse({ type: 'replies', room: 3, target: 5, before: 9 }), {
      ok: true,
      frame: { type: 'replies', room: 3, target: 5, before: 9, limit: 50 },
    })
    assert.deepEqual(
      [
        parse({ type: 'replies', room: 3 }),
        parse({ type: 'replies', room: 3, target: 5, limit: 101 }),
      ].map((parsed) => (parsed.ok ? 'ok' : parsed.error.message)),
      ['"target" must be a positive integer', '"limit" must be an integer from 1 to 100']
    )
  })

  test('a reply quotes the first 100 characters, counting emoji as one', ({ assert }) => {
    assert.equal(replyExcerpt('short'), 'short')
    const long = `${'😀'.repeat(99)}ab`
    assert.equal(replyExcerpt(long), `${'😀'.repeat(99)}a`)
    assert.lengthOf(Array.from(replyExcerpt('x'.repeat(4000))), 100)
  })

  test('message frames carry reply_to and parent on replies, thread on roots', ({ assert }) => {
    const reply: StoredMessage = {
      ...root,
      seq: 6,
      reply: {
        to: 5,
        parent: {
          user: { id: 1, username: 'ana', displayName: 'Ana' },
          text: 'hi',
          deleted: false,
        },
      },
    }
    const replyFrame = JSON.parse(serverFrames.message(reply).toString())
    assert.deepEqual(
      [replyFrame.reply_to, replyFrame.parent],
      [5, { user: { id: 1, username: 'ana', display_name: 'Ana' }, text: 'hi', deleted: false }]
    )
    assert.deepEqual(Object.keys(replyFrame).slice(-2), ['reply_to', 'parent'])
    const plain = JSON.parse(serverFrames.message(root).toString())
    assert.notProperty(plain, 'reply_to')
    assert.notProperty(plain, 'thread')
    const counted = JSON.parse(
      serverFrames
        .message({ ...root, thread: { count: 2, lastAt: new Date('2026-12-06T11:00:00.000Z') } })
        .toString()
    )
    assert.deepEqual(counted.thread, { count: 2, last_at: '2026-12-06T11:00:00.000Z' })
  })
})
