import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Message from '#models/message'
import type Room from '#models/room'
import { type ChatTestClient, type Frame } from '#tests/helpers/ws_client'
import {
  chatGroup,
  connect,
  createRoom,
  createUser,
  join,
  say,
  seqsOf,
  twoJoined,
} from '#tests/helpers/chat_fixtures'

/**
 * Sends an edit frame and returns its ack or error
 */
async function edit(
  socket: ChatTestClient,
  room: Room,
  clientId: string,
  target: number,
  text: string
) {
  socket.send({ type: 'edit', room: room.id, client_id: clientId, target, text })
  return socket.next((frame) => ['ack', 'error'].includes(frame.type) && isAbout(frame, clientId))
}

/**
 * Sends a delete frame and returns its ack or error
 */
async function remove(socket: ChatTestClient, room: Room, clientId: string, target: number) {
  socket.send({ type: 'delete', room: room.id, client_id: clientId, target })
  return socket.next((frame) => ['ack', 'error'].includes(frame.type) && isAbout(frame, clientId))
}

function isAbout(frame: Frame, clientId: string) {
  return frame.client_id === clientId || frame.ref === clientId
}

/**
 * The room's log as [seq, kind, target, body, deleted] rows
 */
async function logOf(room: Room) {
  const rows = await Message.query().where('room_id', room.id).orderBy('seq')
  return rows.map((row) => [row.seq, row.kind, row.targetSeq, row.body, row.deletedAt !== null])
}

/**
 * The usernames mentioned by the message with `seq`
 */
async function mentionsOf(room: Room, seq: number) {
  const rows: Array<{ username: string }> = await db
    .from('message_mentions')
    .join('users', 'users.id', 'message_mentions.user_id')
    .where('message_mentions.room_id', room.id)
    .where('message_mentions.seq', seq)
    .orderBy('users.username')
    .select('users.username')
  return rows.map((row) => row.username)
}

chatGroup('Chat edits and deletions', (chat) => {
  test('an edit is the next entry of the log, acked and broadcast live', async ({ assert }) => {
    const { ana, room, anaSocket, bobSocket } = await twoJoined(chat)
    await say(anaSocket, room, 'm-1', 'helo')

    const ack = await edit(anaSocket, room, 'e-1', 1, '  hello **bob**  ')

    const entry = await Message.findByOrFail({ roomId: room.id, seq: 2 })
    const message = await Message.findByOrFail({ roomId: room.id, seq: 1 })
    assert.deepEqual(ack, { type: 'ack', room: room.id, client_id: 'e-1', seq: 2, id: entry.id })
    const expected = {
      type: 'message',
      room: room.id,
      seq: 2,
      id: entry.id,
      user: { id: ana.id, username: ana.username },
      kind: 'edit',
      target: 1,
      text: 'hello **bob**',
      html: '<p>hello <strong>bob</strong></p>',
      client_id: 'e-1',
      created_at: entry.createdAt.toUTC().toISO(),
      edited_at: entry.editedAt!.toUTC().toISO(),
      deleted: false,
      attachment: null,
    }
    assert.deepEqual(await bobSocket.next({ type: 'message', seq: 2 }), expected)
    assert.deepEqual(await anaSocket.next({ type: 'message', seq: 2 }), expected)
    assert.equal(message.body, 'hello **bob**')
    assert.equal(message.bodyHtml, '<p>hello <strong>bob</strong></p>')
    assert.equal(message.editedAt!.toMillis(), entry.createdAt.toMillis())
    await room.refresh()
    assert.equal(room.lastSeq, 2)
  })

  test('a delete blanks the message and its edits and is broadcast live', async ({ assert }) => {
    const { ana, bob, room, anaSocket, bobSocket } = await twoJoined(chat)
    await say(anaSocket, room, 'm-1', 'secret for @' + bob.username)
    await edit(anaSocket, room, 'e-1', 1, 'still secret, @' + bob.username)
    assert.deepEqual(await mentionsOf(room, 1), [bob.username])

    const ack = await remove(anaSocket, room, 'd-1', 1)

    assert.equal(ack.type, 'ack')
    assert.equal(ack.seq, 3)
    const frame = await bobSocket.next({ type: 'message', seq: 3 })
    assert.containsSubset(frame, {
      kind: 'delete',
      target: 1,
      user: { id: ana.id, username: ana.username },
      text: '',
      html: '',
      client_id: 'd-1',
      edited_at: null,
      deleted: true,
    })
    assert.deepEqual(await logOf(room), [
      [1, 'message', null, '', true],
      [2, 'edit', 1, '', true],
      [3, 'delete', 1, '', true],
    ])
    const message = await Message.findByOrFail({ roomId: room.id, seq: 1 })
    assert.equal(message.bodyHtml, '')
    assert.deepEqual(await mentionsOf(room, 1), [])
  })

  test('mentions follow the current text of the message', async ({ assert }) => {
    const ana = await createUser()
    const bob = await createUser()
    const cleo = await createUser()
    const room = await createRoom(ana)
    const anaSocket = await connect(chat, ana)
    await join(anaSocket, room)

    await say(anaSocket, room, 'm-1', `hi @${bob.username.toUpperCase()} and @${ana.username}`)
    assert.deepEqual(await mentionsOf(room, 1), [bob.username])
    await edit(anaSocket, room, 'e-1', 1, `hi @${cleo.username}, \`@${bob.username}\``)
    assert.deepEqual(await mentionsOf(room, 1), [cleo.username])
  })

  test('only the author may edit; the room owner may not', async ({ assert }) => {
    const { room, anaSocket: ownerSocket, bobSocket } = await twoJoined(chat)
    await say(bobSocket, room, 'm-1', 'mine')

    const refused = await edit(ownerSocket, room, 'e-1', 1, 'not yours')

    assert.containsSubset(refused, { type: 'error', code: 'forbidden', ref: 'e-1' })
    assert.deepEqual(await logOf(room), [[1, 'message', null, 'mine', false]])
  })

  test("the room owner may delete another user's message", async ({ assert }) => {
    const { ana: owner, room, anaSocket: ownerSocket, bobSocket } = await twoJoined(chat)
    await say(bobSocket, room, 'm-1', 'spam')

    const ack = await remove(ownerSocket, room, 'd-1', 1)

    assert.containsSubset(ack, { type: 'ack', seq: 2 })
    const frame = await bobSocket.next({ type: 'message', seq: 2 })
    assert.containsSubset(frame, { kind: 'delete', target: 1, user: { id: owner.id } })
    assert.deepEqual(await logOf(room), [
      [1, 'message', null, '', true],
      [2, 'delete', 1, '', true],
    ])
  })

  test("anyone else may not delete another user's message", async ({ assert }) => {
    const owner = await createUser()
    const bob = await createUser()
    const cleo = await createUser()
    const room = await createRoom(owner)
    const bobSocket = await connect(chat, bob)
    const cleoSocket = await connect(chat, cleo)
    await join(bobSocket, room)
    await join(cleoSocket, room)
    await say(bobSocket, room, 'm-1', 'hello')

    const refused = await remove(cleoSocket, room, 'd-1', 1)

    assert.containsSubset(refused, { type: 'error', code: 'forbidden', ref: 'd-1' })
    assert.deepEqual(await logOf(room), [[1, 'message', null, 'hello', false]])
    await room.refresh()
    assert.equal(room.lastSeq, 1)
  })

  test('a deleted message can be neither edited nor deleted again', async ({ assert }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const socket = await connect(chat, ana)
    await join(socket, room)
    await say(socket, room, 'm-1', 'oops')
    await remove(socket, room, 'd-1', 1)

    const edited = await edit(socket, room, 'e-1', 1, 'revived')
    const deleted = await remove(socket, room, 'd-2', 1)

    assert.containsSubset(edited, { type: 'error', code: 'message_deleted', ref: 'e-1' })
    assert.containsSubset(deleted, { type: 'error', code: 'message_deleted', ref: 'd-2' })
    assert.lengthOf(await logOf(room), 2)
  })

  test('an unknown target, or one that is not a message, is message_not_found', async ({
    assert,
  }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const other = await createRoom(ana)
    const socket = await connect(chat, ana)
    await join(socket, room)
    await join(socket, other)
    await say(socket, room, 'm-1', 'one')
    await edit(socket, room, 'e-1', 1, 'uno')
    await say(socket, other, 'm-2', 'elsewhere')

    const cases = [
      await edit(socket, room, 'x-1', 3, 'nothing there'),
      await edit(socket, room, 'x-2', 2, 'an edit is not a message'),
      await remove(socket, room, 'x-3', 2147483647),
      await remove(socket, other, 'x-4', 2),
    ]

    assert.deepEqual(
      cases.map((frame) => [frame.code, frame.ref]),
      [
        ['message_not_found', 'x-1'],
        ['message_not_found', 'x-2'],
        ['message_not_found', 'x-3'],
        ['message_not_found', 'x-4'],
      ]
    )
  })

  test('edit and delete need the room joined and a valid frame', async ({ assert }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const other = await createRoom(ana)
    const socket = await connect(chat, ana)
    await join(socket, room)
    const id = room.id
    const cases: Array<[Record<string, unknown>, string, string | number]> = [
      [{ type: 'edit', room: id, client_id: 'c', text: 'x' }, 'invalid_frame', 'c'],
      [{ type: 'edit', room: id, client_id: 'c', target: 0, text: 'x' }, 'invalid_frame', 'c'],
      [{ type: 'delete', room: id, client_id: 'c', target: '1' }, 'invalid_frame', 'c'],
      [{ type: 'delete', room: id, client_id: 'c', target: 2 ** 31 }, 'invalid_frame', 'c'],
      [{ type: 'delete', room: id, target: 1 }, 'invalid_frame', id],
      [{ type: 'edit', room: id, client_id: 'c', target: 1 }, 'invalid_frame', 'c'],
      [{ type: 'edit', room: id, client_id: 'c', target: 1, text: ' ' }, 'text_empty', 'c'],
      [
        { type: 'edit', room: id, client_id: 'c', target: 1, text: 'x'.repeat(4001) },
        'text_too_long',
        'c',
      ],
      [{ type: 'edit', room: other.id, client_id: 'c', target: 1, text: 'x' }, 'not_joined', 'c'],
      [{ type: 'delete', room: other.id, client_id: 'c', target: 1 }, 'not_joined', 'c'],
    ]

    for (const [frame, code, ref] of cases) {
      socket.send(frame)
      const error = await socket.next({ type: 'error' })
      assert.deepEqual([frame, error.code, error.ref], [frame, code, ref])
    }
    assert.lengthOf(await logOf(room), 0)
  })

  test('a resent edit gets the same ack, no new entry and no second broadcast', async ({
    assert,
  }) => {
    const { room, anaSocket, bobSocket } = await twoJoined(chat)
    await say(anaSocket, room, 'm-1', 'first')

    const first = await edit(anaSocket, room, 'e-1', 1, 'second')
    await remove(anaSocket, room, 'd-1', 1)
    const again = await edit(anaSocket, room, 'e-1', 1, 'second')
    await say(anaSocket, room, 'marker', 'after')
    await bobSocket.next({ type: 'message', client_id: 'marker' })

    assert.deepEqual(again, first)
    assert.deepEqual(seqsOf(bobSocket.received), [1, 2, 3, 4])
    assert.deepEqual(await logOf(room), [
      [1, 'message', null, '', true],
      [2, 'edit', 1, '', true],
      [3, 'delete', 1, '', true],
      [4, 'message', null, 'after', false],
    ])
  })

  test('a client that missed an edit and a delete replays them in order with since; history shows the current state', async ({
    assert,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(ana)
    const anaSocket = await connect(chat, ana)
    await join(anaSocket, room)
    let bobSocket = await connect(chat, bob)
    await join(bobSocket, room)
    await say(anaSocket, room, 'm-1', 'keep me')
    await say(anaSocket, room, 'm-2', 'drop me')
    await bobSocket.next({ type: 'message', seq: 2 })
    await bobSocket.close()

    await edit(anaSocket, room, 'e-1', 1, 'kept, _edited_')
    await remove(anaSocket, room, 'd-1', 2)
    await say(anaSocket, room, 'm-3', 'later')
    // An ack may come before the room's delivery; seq 5 reaching Ana says the room is at 5
    await anaSocket.next({ type: 'message', seq: 5 })

    bobSocket = await connect(chat, bob)
    const joined = await join(bobSocket, room, 2)
    assert.equal(joined.last_seq, 5)
    const replayed = await bobSocket.take(3, { type: 'message' })
    assert.deepEqual(
      replayed.map((frame) => [frame.seq, frame.kind, frame.target, frame.text, frame.deleted]),
      [
        [3, 'edit', 1, 'kept, _edited_', false],
        [4, 'delete', 2, '', true],
        [5, 'message', null, 'later', false],
      ]
    )
    assert.equal(replayed[0].html, '<p>kept, <em>edited</em></p>')

    bobSocket.send({ type: 'history', room: room.id })
    const history = await bobSocket.next({ type: 'history' })
    assert.deepEqual(
      history.messages.map((frame: Record<string, unknown>) => [
        frame.seq,
        frame.kind,
        frame.text,
        frame.html,
        frame.edited_at !== null,
        frame.deleted,
      ]),
      [
        [1, 'message', 'kept, _edited_', '<p>kept, <em>edited</em></p>', true, false],
        [2, 'message', '', '', false, true],
        [5, 'message', 'later', '<p>later</p>', false, false],
      ]
    )
    assert.isFalse(history.has_more)
  })
})
