import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Message from '#models/message'
import {
  chatGroup,
  connect,
  createRoom,
  createUser,
  join,
  nodeWithLostDoorbells,
  say,
  seqsOf,
  twoJoined,
} from '#tests/helpers/chat_fixtures'

chatGroup('Chat messaging', (chat) => {
  test('stores a message, acks the sender and fans it out to everyone joined', async ({
    assert,
  }) => {
    const { ana, room, anaSocket, bobSocket } = await twoJoined(chat)

    const ack = await say(anaSocket, room, 'c-1', '  hello bob  ')

    const row = await Message.findByOrFail({ roomId: room.id, seq: 1 })
    assert.deepEqual(ack, { type: 'ack', room: room.id, client_id: 'c-1', seq: 1, id: row.id })
    assert.equal(row.body, 'hello bob')
    assert.equal(row.userId, ana.id)
    const expected = {
      type: 'message',
      room: room.id,
      seq: 1,
      id: row.id,
      user: { id: ana.id, username: ana.username },
      kind: 'message',
      target: null,
      text: 'hello bob',
      html: '<p>hello bob</p>',
      client_id: 'c-1',
      created_at: row.createdAt.toUTC().toISO(),
      edited_at: null,
      deleted: false,
      attachment: null,
    }
    assert.deepEqual(await bobSocket.next({ type: 'message' }), expected)
    assert.deepEqual(await anaSocket.next({ type: 'message' }), expected)
    await room.refresh()
    assert.equal(room.lastSeq, 1)
  })

  test('a resent client_id gets the same ack, no new row and no second broadcast', async ({
    assert,
  }) => {
    const { room, anaSocket, bobSocket } = await twoJoined(chat)

    const first = await say(anaSocket, room, 'same-id', 'once')
    const again = await say(anaSocket, room, 'same-id', 'once')
    await say(anaSocket, room, 'marker', 'after')
    await bobSocket.next({ type: 'message', client_id: 'marker' })

    assert.deepEqual(again, first)
    assert.deepEqual(seqsOf(bobSocket.received), [1, 2])
    const rows = await Message.query().where('room_id', room.id).orderBy('seq')
    assert.deepEqual(
      rows.map((row) => [row.seq, row.clientId]),
      [
        [1, 'same-id'],
        [2, 'marker'],
      ]
    )
  })

  test('a resent well-formed client_id of any script is acked as a duplicate with the same seq', async ({
    assert,
  }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const socket = await connect(chat, ana)
    await join(socket, room)
    const clientIds = ['é-ü', 'p🦄', '🦄'.repeat(32), '\u2028\ufeff', 'a\u0301']

    const firsts = []
    for (const clientId of clientIds) firsts.push(await say(socket, room, clientId, 'once'))
    const agains = []
    for (const clientId of clientIds) agains.push(await say(socket, room, clientId, 'again'))

    assert.deepEqual(
      firsts.map((ack) => ack.seq),
      [1, 2, 3, 4, 5]
    )
    assert.deepEqual(agains, firsts)
    const rows = await Message.query().where('room_id', room.id).orderBy('seq')
    assert.deepEqual(
      rows.map((row) => [row.clientId, row.body]),
      clientIds.map((clientId) => [clientId, 'once'])
    )
  })

  test('a lone-surrogate client_id is refused; other users sending meanwhile are all stored', async ({
    assert,
  }) => {
    const [ana, bob, cy] = await Promise.all([createUser(), createUser(), createUser()])
    const room = await createRoom(ana)
    const [anaSocket, bobSocket, cySocket] = await Promise.all(
      [ana, bob, cy].map((user) => connect(chat, user))
    )
    await Promise.all([anaSocket, bobSocket, cySocket].map((socket) => join(socket, room)))
    const poisoned = JSON.stringify({
      type: 'send',
      room: room.id,
      client_id: 'p\ud800',
      text: 'x',
    })
    const ids = Array.from({ length: 15 }, (_, index) => index)

    for (const index of ids) {
      anaSocket.sendRaw(poisoned)
      bobSocket.send({ type: 'send', room: room.id, client_id: `b-${index}`, text: 'from bob' })
      cySocket.send({ type: 'send', room: room.id, client_id: `c-${index}`, text: 'from cy' })
    }
    const answerTo = (clientId: string) => (frame: { type: string; [key: string]: any }) =>
      frame.client_id === clientId || (frame.type === 'error' && frame.ref === clientId)
    const [refusals, bobAnswers, cyAnswers] = await Promise.all([
      anaSocket.take(ids.length, (frame) => frame.type === 'ack' || frame.type === 'error'),
      Promise.all(ids.map((index) => bobSocket.next(answerTo(`b-${index}`)))),
      Promise.all(ids.map((index) => cySocket.next(answerTo(`c-${index}`)))),
    ])

    assert.deepEqual(
      refusals.map((frame) => [frame.type, frame.code, frame.ref]),
      ids.map(() => ['error', 'invalid_frame', room.id])
    )
    const acks = [...bobAnswers, ...cyAnswers]
    assert.deepEqual(
      acks.map((frame) => frame.type),
      acks.map(() => 'ack')
    )
    assert.deepEqual(
      acks.map((frame) => frame.seq).sort((a, b) => a - b),
      Array.from({ length: 30 }, (_, index) => index + 1)
    )
    const rows = await Message.query().where('room_id', room.id)
    assert.sameMembers(
      rows.map((row) => row.userId),
      [...ids.map(() => bob.id), ...ids.map(() => cy.id)]
    )
  })

  test('the same client_id from two users makes two messages', async ({ assert }) => {
    const { room, anaSocket, bobSocket } = await twoJoined(chat)

    const fromAna = await say(anaSocket, room, 'c-1', 'from ana')
    const fromBob = await say(bobSocket, room, 'c-1', 'from bob')

    assert.deepEqual([fromAna.seq, fromBob.seq], [1, 2])
  })

  test('join with since replays the gap in seq order, then streams live', async ({ assert }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(ana)
    const anaSocket = await connect(chat, ana)
    await join(anaSocket, room)
    for (const index of [1, 2, 3, 4]) {
      await say(anaSocket, room, `c-${index}`, `message ${index}`)
    }
    // An ack may come before the room's delivery; seq 4 reaching Ana says the room is at 4
    await anaSocket.next({ type: 'message', seq: 4 })

    const bobSocket = await connect(chat, bob)
    const joined = await join(bobSocket, room, 1)
    assert.equal(joined.last_seq, 4)
    const replayed = await bobSocket.take(3, { type: 'message' })
    assert.deepEqual(
      replayed.map((frame) => [frame.seq, frame.text]),
      [
        [2, 'message 2'],
        [3, 'message 3'],
        [4, 'message 4'],
      ]
    )

    await say(anaSocket, room, 'c-5', 'message 5')
    const live = await bobSocket.next({ type: 'message' })
    assert.equal(live.seq, 5)
    await bobSocket.roundTrip()
    assert.deepEqual(seqsOf(bobSocket.received), [2, 3, 4, 5])
  })

  test('join without since replays nothing; last_seq marks where live starts', async ({
    assert,
  }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const anaSocket = await connect(chat, ana)
    await join(anaSocket, room)
    await say(anaSocket, room, 'c-1', 'before')
    await anaSocket.next({ type: 'message', seq: 1 })

    const later = await connect(chat, ana)
    const joined = await join(later, room)
    await say(anaSocket, room, 'c-2', 'after')

    assert.equal(joined.last_seq, 1)
    const live = await later.next({ type: 'message' })
    assert.equal(live.text, 'after')
    assert.deepEqual(seqsOf(later.received), [2])
  })

  test('a seq gap heals from the store; replay and live never repeat a message', async ({
    assert,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(ana)
    const anaSocket = await connect(chat, ana)
    await join(anaSocket, room)
    // the room's feed re-reads the store once after its first join; seq 1
    // reaching ana proves that read is over, so the next ones are a real gap
    await say(anaSocket, room, 'c-1', 'before')
    await anaSocket.next({ type: 'message', seq: 1 })
    const quiet = await nodeWithLostDoorbells()
    for (const index of [2, 3, 4]) {
      const user = { id: bob.id, username: bob.username }
      await quiet.post({ room: room.id, user, clientId: `q-${index}`, text: `quiet ${index}` })
    }

    const bobSocket = await connect(chat, bob)
    const joined = await join(bobSocket, room, 0)
    const replayed = await bobSocket.take(4, { type: 'message' })
    await say(anaSocket, room, 'c-5', 'wakes the room')
    await bobSocket.next({ type: 'message', seq: 5 })
    await anaSocket.next({ type: 'message', seq: 5 })
    await bobSocket.roundTrip()
    await anaSocket.roundTrip()

    assert.equal(joined.last_seq, 1)
    assert.deepEqual(seqsOf(replayed), [1, 2, 3, 4])
    assert.deepEqual(seqsOf(bobSocket.received), [1, 2, 3, 4, 5])
    assert.deepEqual(seqsOf(anaSocket.received), [1, 2, 3, 4, 5])
    await quiet.close()
  })

  test('history pages backwards through the log, ascending within a page', async ({ assert }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const anaSocket = await connect(chat, ana)
    await join(anaSocket, room)
    for (const index of [1, 2, 3, 4, 5, 6, 7]) {
      await say(anaSocket, room, `c-${index}`, `message ${index}`)
    }

    const reader = await connect(chat, await createUser())
    reader.send({ type: 'history', room: room.id, limit: 3 })
    const newest = await reader.next({ type: 'history' })
    reader.send({ type: 'history', room: room.id, before: 5, limit: 3 })
    const middle = await reader.next({ type: 'history' })
    reader.send({ type: 'history', room: room.id, before: 2 })
    const oldest = await reader.next({ type: 'history' })

    assert.deepEqual(seqsOf(newest.messages), [5, 6, 7])
    assert.isTrue(newest.has_more)
    assert.equal(newest.messages[0].text, 'message 5')
    assert.deepEqual(seqsOf(middle.messages), [2, 3, 4])
    assert.isTrue(middle.has_more)
    assert.deepEqual(seqsOf(oldest.messages), [1])
    assert.isFalse(oldest.has_more)
    assert.equal(oldest.room, room.id)
  })

  test('leave ends the subscription', async ({ assert }) => {
    const { room, anaSocket, bobSocket } = await twoJoined(chat)

    bobSocket.send({ type: 'leave', room: room.id })
    assert.deepEqual(await bobSocket.next({ type: 'left' }), { type: 'left', room: room.id })
    await say(anaSocket, room, 'c-1', 'anyone?')
    await bobSocket.roundTrip()

    assert.deepEqual(seqsOf(bobSocket.received), [])
    const count = await db.from('messages').where('room_id', room.id).count('* as total')
    assert.equal(Number(count[0].total), 1)
  })
})
