import { test } from '@japa/runner'
import { WebSocket } from 'ws'
import db from '@adonisjs/lucid/services/db'
import { type ChatTestClient } from '#tests/helpers/ws_client'
import { chatGroup, connect, createRoom, createUser, join } from '#tests/helpers/chat_fixtures'

/**
 * Sends `raw` and returns the error frame it earned, after proving the
 * connection still answers
 */
async function errorFor(socket: ChatTestClient, raw: string) {
  socket.sendRaw(raw)
  const error = await socket.next({ type: 'error' })
  await socket.roundTrip()
  return error
}

/**
 * The answers (`error:<code>` or the type) the socket gets up to the next
 * pong; `message` broadcasts are left out
 */
async function answersUntilPong(socket: ChatTestClient) {
  const answers: string[] = []
  for (;;) {
    const frame = await socket.next((candidate) => candidate.type !== 'message')
    if (frame.type === 'pong') return answers
    answers.push(frame.type === 'error' ? `error:${frame.code}` : frame.type)
  }
}

/**
 * Frames a fresh connection may send at once (the flood-control burst)
 */
const BURST = 20

chatGroup('Chat frame validation', (chat) => {
  test('answers every malformed frame with its exact error code and stays open', async ({
    assert,
  }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const other = await createRoom(ana)
    const id = room.id
    const send = (fields: Record<string, unknown>) =>
      JSON.stringify({ type: 'send', room: id, client_id: 'c-1', text: 'hi', ...fields })
    const edit = (fields: Record<string, unknown>) =>
      JSON.stringify({
        type: 'edit',
        room: id,
        client_id: 'c-1',
        target: 1,
        text: 'hi',
        ...fields,
      })

    const cases: Array<[string, string, string | number | undefined]> = [
      ['{not json', 'bad_json', undefined],
      ['[1, 2]', 'invalid_frame', undefined],
      ['{"room": 1}', 'invalid_frame', undefined],
      ['{"type": 7}', 'invalid_frame', undefined],
      ['{"type": "dance", "room": 1}', 'unknown_type', undefined],
      ['{"type": "join"}', 'invalid_frame', undefined],
      ['{"type": "join", "room": "12"}', 'invalid_frame', undefined],
      ['{"type": "join", "room": 0}', 'invalid_frame', undefined],
      ['{"type": "join", "room": 1.5}', 'invalid_frame', undefined],
      [`{"type": "join", "room": ${id}, "since": -1}`, 'invalid_frame', id],
      [`{"type": "join", "room": ${id}, "since": "4"}`, 'invalid_frame', id],
      [`{"type": "join", "room": ${id}, "since": 0, "batch": "yes"}`, 'invalid_frame', id],
      [`{"type": "history", "room": ${id}, "limit": 0}`, 'invalid_frame', id],
      [`{"type": "history", "room": ${id}, "limit": 101}`, 'invalid_frame', id],
      [`{"type": "history", "room": ${id}, "before": 0}`, 'invalid_frame', id],
      [send({ client_id: undefined }), 'invalid_frame', id],
      [send({ client_id: '' }), 'invalid_frame', id],
      [send({ client_id: 'x'.repeat(65) }), 'invalid_frame', id],
      [send({ text: 42 }), 'invalid_frame', 'c-1'],
      [send({ text: ' \n\t ' }), 'text_empty', 'c-1'],
      [send({ text: 'x'.repeat(4001) }), 'text_too_long', 'c-1'],
      // lone surrogates (JSON escapes): PostgreSQL would store U+FFFD instead
      [send({ client_id: 'p\ud800' }), 'invalid_frame', id],
      [send({ client_id: '\udc00p' }), 'invalid_frame', id],
      [send({ text: 'hi \ud83e' }), 'invalid_frame', 'c-1'],
      [edit({ client_id: 'p\udfff' }), 'invalid_frame', id],
      [edit({ text: '\udd84 there' }), 'invalid_frame', 'c-1'],
      [
        JSON.stringify({ type: 'delete', room: id, client_id: '\ud800', target: 1 }),
        'invalid_frame',
        id,
      ],
      [JSON.stringify({ type: 'join\ud800', room: id }), 'invalid_frame', undefined],
      ['{"type": "join", "room": 2147483000}', 'room_not_found', 2147483000],
      ['{"type": "history", "room": 2147483000}', 'room_not_found', 2147483000],
      [send({ room: other.id }), 'not_joined', 'c-1'],
      [`{"type": "typing", "room": ${other.id}}`, 'not_joined', other.id],
      [`{"type": "leave", "room": ${other.id}}`, 'not_joined', other.id],
    ]

    for (const [raw, code, ref] of cases) {
      const socket = await connect(chat, ana)
      await join(socket, room)
      const error = await errorFor(socket, raw)
      assert.deepEqual([raw, error.code, error.ref], [raw, code, ref])
      assert.isString(error.message)
      await socket.close()
    }

    const socket = await connect(chat, ana)
    await join(socket, room)
    const longest = 'x'.repeat(4000)
    socket.send({ type: 'send', room: id, client_id: 'c-max', text: longest })
    const ack = await socket.next({ type: 'ack', client_id: 'c-max' })
    assert.equal(ack.seq, 1)
    // a surrogate pair is a well-formed character
    socket.send({ type: 'send', room: id, client_id: 'p\ud83e\udd84', text: '\ud83e\udd84' })
    const pair = await socket.next({ type: 'ack', client_id: 'p🦄' })
    assert.equal(pair.seq, 2)
    const rows = await db.from('messages').where('room_id', id).orderBy('seq')
    assert.deepEqual(
      rows.map((row) => [row.seq, row.client_id, row.body.length]),
      [
        [1, 'c-max', 4000],
        [2, 'p🦄', 2],
      ]
    )
  })

  test('closes the socket with 1009 for a frame over 16 KiB', async ({ assert }) => {
    const socket = await connect(chat, await createUser())
    socket.sendRaw(JSON.stringify({ type: 'ping', padding: 'x'.repeat(16 * 1024) }))
    const { code } = await socket.closed
    assert.equal(code, 1009)
  })

  test('closes the socket with 1003 for a binary frame', async ({ assert }) => {
    const socket = await connect(chat, await createUser())
    socket.sendRaw(Buffer.from('{"type":"ping"}'), true)
    const { code } = await socket.closed
    assert.equal(code, 1003)
  })

  test('refuses a flood with rate_limited and keeps the connection', async ({ assert }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const socket = await connect(chat, ana)
    await join(socket, room)

    const clientIds = Array.from({ length: 60 }, (_, index) => `flood-${index}`)
    for (const clientId of clientIds) {
      socket.send({ type: 'send', room: room.id, client_id: clientId, text: clientId })
    }
    const answers = await Promise.all(
      clientIds.map((clientId) =>
        socket.next(
          (frame) =>
            frame.client_id === clientId || (frame.type === 'error' && frame.ref === clientId)
        )
      )
    )

    const acked = answers.filter((frame) => frame.type === 'ack')
    const limited = answers.filter((frame) => frame.type === 'error')
    assert.isAtLeast(acked.length, BURST - 1)
    assert.isAtLeast(limited.length, 1)
    assert.isTrue(limited.every((frame) => frame.code === 'rate_limited'))
    assert.equal(socket.socket.readyState, WebSocket.OPEN)
    const count = await db.from('messages').where('room_id', room.id).count('* as total')
    assert.equal(Number(count[0].total), acked.length)
    assert.deepEqual(
      acked.map((frame) => frame.seq),
      acked.map((_, index) => index + 1)
    )
  })

  test('answers a refusal after the frames sent before it: {name}')
    .with([
      {
        name: 'join, then bad JSON',
        joined: false,
        first: 'join',
        second: '{',
        answers: ['joined', 'error:bad_json'],
      },
      {
        name: 'history, then an array',
        joined: false,
        first: 'history',
        second: '[]',
        answers: ['history', 'error:invalid_frame'],
      },
      {
        name: 'send, then empty text',
        joined: true,
        first: 'send',
        second: 'empty',
        answers: ['ack', 'error:text_empty'],
      },
    ] as const)
    .run(async ({ assert }, pair) => {
      const ana = await createUser()
      const room = await createRoom(ana)
      const socket = await connect(chat, ana)
      if (pair.joined) await join(socket, room)
      const frames: Record<string, string> = {
        join: JSON.stringify({ type: 'join', room: room.id }),
        history: JSON.stringify({ type: 'history', room: room.id }),
        send: JSON.stringify({ type: 'send', room: room.id, client_id: 'c-1', text: 'hi' }),
        empty: JSON.stringify({ type: 'send', room: room.id, client_id: 'c-2', text: ' ' }),
      }

      socket.sendRaw(frames[pair.first])
      socket.sendRaw(frames[pair.second] ?? pair.second)
      socket.send({ type: 'ping' })

      assert.deepEqual(await answersUntilPong(socket), pair.answers)
    })

  test('answers rate_limited after the frames sent before it', async ({ assert }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const socket = await connect(chat, ana)
    await join(socket, room)

    const clientIds = Array.from({ length: 40 }, (_, index) => `c-${index}`)
    for (const clientId of clientIds) {
      socket.send({ type: 'send', room: room.id, client_id: clientId, text: clientId })
    }
    const answers = await socket.take(
      clientIds.length,
      (frame) => frame.type === 'ack' || frame.type === 'error'
    )

    assert.deepEqual(
      answers.map((frame) => frame.client_id ?? frame.ref),
      clientIds
    )
    const limited = answers.filter((frame) => frame.type === 'error')
    assert.isAtLeast(limited.length, 1)
    assert.deepEqual([...new Set(limited.map((frame) => frame.code))], ['rate_limited'])
  })
})
