import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import DeliveryDoctorService from '#services/operations/delivery_doctor_service'
import { REACTION_LIMITS } from '#chat/index'
import { chatGroup, connect, createUser, join, say, twoJoined } from '#tests/helpers/chat_fixtures'

/**
 * The emoji of REACTION_LIMITS.emojiPerMessage + 1 different reactions
 */
const MANY_EMOJI = [...'😀😃😄😁😆😅😂🤣😊😇🙂🙃😉😌😍🥰😘😗😙😚😋']

chatGroup('Chat: reactions are entries of the log', (chat) => {
  test('a reaction reaches everyone joined; history carries each emoji with who reacted', async ({
    assert,
  }) => {
    const { ana, bob, room, anaSocket, bobSocket } = await twoJoined(chat)
    await say(anaSocket, room, 'a-1', 'lunch?')
    bobSocket.send({ type: 'react', room: room.id, client_id: 'b-r1', target: 1, emoji: '👍🏽' })
    await bobSocket.next({ type: 'ack', client_id: 'b-r1' })
    anaSocket.send({ type: 'react', room: room.id, client_id: 'a-r1', target: 1, emoji: '👍🏽' })
    bobSocket.send({ type: 'react', room: room.id, client_id: 'b-r2', target: 1, emoji: '🍜' })
    // Two sockets: Ana's reaction is stored once she has its ack, not when Bob has his
    await anaSocket.next({ type: 'ack', client_id: 'a-r1' })
    await bobSocket.next({ type: 'ack', client_id: 'b-r2' })
    const live = await anaSocket.next({ type: 'message', kind: 'react', client_id: 'b-r1' })
    assert.deepEqual([live.target, live.text, (live.user as { id: number }).id], [1, '👍🏽', bob.id])

    bobSocket.send({ type: 'react', room: room.id, client_id: 'b-r3', target: 1, emoji: '👍🏽' })
    const again = await bobSocket.next({ type: 'error', ref: 'b-r3' })
    assert.equal(again.code, 'already_reacted')
    bobSocket.send({ type: 'unreact', room: room.id, client_id: 'b-u1', target: 1, emoji: '🎉' })
    const missing = await bobSocket.next({ type: 'error', ref: 'b-u1' })
    assert.equal(missing.code, 'not_reacted')

    bobSocket.send({ type: 'history', room: room.id })
    const history = await bobSocket.next({ type: 'history' })
    const [message] = history.messages as Array<{ reactions: unknown }>
    assert.deepEqual(message.reactions, [
      {
        emoji: '👍🏽',
        users: [
          { id: bob.id, username: bob.username },
          { id: ana.id, username: ana.username },
        ],
      },
      { emoji: '🍜', users: [{ id: bob.id, username: bob.username }] },
    ])
  })

  test('only single Unicode emoji are reactions', async ({ assert }) => {
    const { room, anaSocket } = await twoJoined(chat)
    await say(anaSocket, room, 'a-1', 'hi')
    const refused = ['x', ':smile:', '<img src=x>', '👍👍', '', 'http://e.com/a.png']
    refused.forEach((emoji, index) =>
      anaSocket.send({ type: 'react', room: room.id, client_id: `r-${index}`, target: 1, emoji })
    )
    const errors = await anaSocket.take(refused.length, { type: 'error' })
    assert.deepEqual(
      errors.map((frame) => frame.code),
      refused.map(() => 'invalid_frame')
    )
    const [{ total }] = await db.from('message_reactions').count('* as total')
    assert.equal(Number(total), 0)
  })

  test('a message carries at most 20 different emoji', async ({ assert }) => {
    const { room, anaSocket } = await twoJoined(chat)
    await say(anaSocket, room, 'a-1', 'react to me')
    const people = await Promise.all(MANY_EMOJI.map(() => createUser()))
    for (const [index, person] of people.entries()) {
      const socket = await connect(chat, person)
      await join(socket, room)
      socket.send({
        type: 'react',
        room: room.id,
        client_id: 'r',
        target: 1,
        emoji: MANY_EMOJI[index],
      })
      const answer = await socket.next((frame) => frame.type === 'ack' || frame.type === 'error')
      const expected = index < REACTION_LIMITS.emojiPerMessage ? 'ack' : 'error'
      assert.equal(answer.type, expected, `reaction ${index + 1}`)
      if (answer.type === 'error') assert.equal(answer.code, 'too_many_reactions')
      await socket.close()
    }
  })

  test('one person puts at most 10 different emoji on a message', async ({ assert }) => {
    const { room, anaSocket, bobSocket } = await twoJoined(chat)
    await say(anaSocket, room, 'a-1', 'react to me')
    const tries = MANY_EMOJI.slice(0, REACTION_LIMITS.perUserPerMessage + 1)
    const answers: string[] = []
    for (const [index, emoji] of tries.entries()) {
      const clientId = `r-${index}`
      bobSocket.send({ type: 'react', room: room.id, client_id: clientId, target: 1, emoji })
      const answer = await bobSocket.next(
        (frame) =>
          (frame.type === 'ack' && frame.client_id === clientId) ||
          (frame.type === 'error' && frame.ref === clientId)
      )
      answers.push(answer.type === 'ack' ? 'ack' : `error:${answer.code}`)
    }
    assert.deepEqual(answers, [
      ...Array.from({ length: REACTION_LIMITS.perUserPerMessage }, () => 'ack'),
      'error:too_many_reactions',
    ])
    const [{ total }] = await db.from('message_reactions').count('* as total')
    assert.equal(Number(total), REACTION_LIMITS.perUserPerMessage)
  })

  test('a late client replays reactions; deleting the message drops them; the log stays verifiable', async ({
    assert,
  }) => {
    const { room, anaSocket, bobSocket } = await twoJoined(chat)
    await say(anaSocket, room, 'a-1', 'one')
    await say(anaSocket, room, 'a-2', 'two')
    bobSocket.send({ type: 'react', room: room.id, client_id: 'r-1', target: 1, emoji: '❤️' })
    bobSocket.send({ type: 'react', room: room.id, client_id: 'r-2', target: 2, emoji: '🎉' })
    bobSocket.send({ type: 'unreact', room: room.id, client_id: 'u-1', target: 1, emoji: '❤️' })
    await bobSocket.next({ type: 'ack', client_id: 'u-1' })
    anaSocket.send({ type: 'delete', room: room.id, client_id: 'd-2', target: 2 })
    await anaSocket.next({ type: 'ack', client_id: 'd-2' })

    const late = await connect(chat, await createUser())
    await join(late, room, 0)
    const replayed = await late.take(6, { type: 'message' })
    // a replay carries each message in its current state: the deleted one is blank
    assert.deepEqual(
      replayed.map((frame) => [frame.kind, frame.target, frame.text]),
      [
        ['message', null, 'one'],
        ['message', null, ''],
        ['react', 1, '❤️'],
        ['react', 2, '🎉'],
        ['unreact', 1, '❤️'],
        ['delete', 2, ''],
      ]
    )
    const [{ total }] = await db.from('message_reactions').count('* as total')
    assert.equal(Number(total), 0)
    const [diagnosis] = await new DeliveryDoctorService().diagnose(room.name)
    assert.deepEqual(diagnosis.problems, [])
  })
})
