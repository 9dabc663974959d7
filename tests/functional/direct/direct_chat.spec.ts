import { test } from '@japa/runner'
import DirectMessageService from '#services/people/direct_message_service'
import { chatGroup, connect, createUser, join, say, seqsOf } from '#tests/helpers/chat_fixtures'

chatGroup('Chat: direct messages', (chat) => {
  test('its people chat live and replay what they missed; an outsider is refused', async ({
    assert,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const carol = await createUser()
    const outsider = await createUser()
    const { room } = await new DirectMessageService().open(ana, [bob.username, carol.username])

    const anaSocket = await connect(chat, ana)
    const bobSocket = await connect(chat, bob)
    await join(anaSocket, room)
    await join(bobSocket, room)
    await say(anaSocket, room, 'a-1', 'hello both')
    const live = await bobSocket.next({ type: 'message', client_id: 'a-1' })
    assert.deepEqual([live.seq, live.text], [1, 'hello both'])
    await say(bobSocket, room, 'b-1', 'hi ana')

    const carolSocket = await connect(chat, carol)
    await join(carolSocket, room, 0)
    const replayed = await carolSocket.take(2, { type: 'message' })
    assert.deepEqual(seqsOf(replayed), [1, 2])
    assert.deepEqual(
      replayed.map((frame) => frame.text),
      ['hello both', 'hi ana']
    )

    const outsiderSocket = await connect(chat, outsider)
    outsiderSocket.send({ type: 'join', room: room.id, since: 0 })
    outsiderSocket.send({ type: 'history', room: room.id })
    outsiderSocket.send({ type: 'send', room: room.id, client_id: 'o-1', text: 'let me in' })
    const refusals = await outsiderSocket.take(3, { type: 'error' })
    assert.deepEqual(
      refusals.map((frame) => [frame.code, frame.ref]),
      [
        ['room_not_found', room.id],
        ['room_not_found', room.id],
        ['not_joined', 'o-1'],
      ]
    )
    await room.refresh()
    assert.equal(room.lastSeq, 2)
  })

  test('the starter cannot delete another person’s message over the socket', async ({ assert }) => {
    const ana = await createUser()
    const bob = await createUser()
    const { room } = await new DirectMessageService().open(ana, [bob.username])
    const anaSocket = await connect(chat, ana)
    const bobSocket = await connect(chat, bob)
    await join(anaSocket, room)
    await join(bobSocket, room)
    await say(bobSocket, room, 'b-1', 'mine')
    anaSocket.send({ type: 'delete', room: room.id, client_id: 'a-del', target: 1 })
    const refusal = await anaSocket.next({ type: 'error', ref: 'a-del' })
    assert.equal(refusal.code, 'forbidden')
  })
})
