import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import { WebSocket } from 'ws'
import db from '@adonisjs/lucid/services/db'
import { closeAllClients, type ChatTestClient } from '#tests/helpers/ws_client'
import {
  chatModes,
  connect,
  createRoom,
  createUser,
  join,
  type RunningChat,
} from '#tests/helpers/chat_fixtures'

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
 * Frames a fresh connection may send at once (the flood-control burst)
 */
const BURST = 20

for (const mode of chatModes) {
  test.group(`Chat frame validation (${mode.name})`, (group) => {
    let chat: RunningChat

    group.setup(async () => {
      chat = await mode.start()
      return () => chat.stop()
    })
    group.each.setup(() => truncateTables())
    group.each.teardown(() => closeAllClients())

    test('answers every malformed frame with its exact error code and stays open', async ({
      assert,
    }) => {
      const ana = await createUser()
      const room = await createRoom(ana)
      const other = await createRoom(ana)
      const id = room.id
      const send = (fields: Record<string, unknown>) =>
        JSON.stringify({ type: 'send', room: id, client_id: 'c-1', text: 'hi', ...fields })

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
        [`{"type": "history", "room": ${id}, "limit": 0}`, 'invalid_frame', id],
        [`{"type": "history", "room": ${id}, "limit": 101}`, 'invalid_frame', id],
        [`{"type": "history", "room": ${id}, "before": 0}`, 'invalid_frame', id],
        [send({ client_id: undefined }), 'invalid_frame', id],
        [send({ client_id: '' }), 'invalid_frame', id],
        [send({ client_id: 'x'.repeat(65) }), 'invalid_frame', id],
        [send({ text: 42 }), 'invalid_frame', 'c-1'],
        [send({ text: ' \n\t ' }), 'text_empty', 'c-1'],
        [send({ text: 'x'.repeat(4001) }), 'text_too_long', 'c-1'],
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
      const count = await db.from('messages').where('room_id', id).count('* as total')
      assert.equal(Number(count[0].total), 1)
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
  })
}
