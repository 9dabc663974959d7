import { test } from '@japa/runner'
import Message from '#models/message'
import DeliveryDoctorService from '#services/operations/delivery_doctor_service'
import { chatGroup, connect, createUser, join, say, twoJoined } from '#tests/helpers/chat_fixtures'

chatGroup('Chat: pins are entries of the log', (chat) => {
  test('the owner pins and unpins; everyone joined gets the entries, a member is refused', async ({
    assert,
  }) => {
    const { room, anaSocket, bobSocket } = await twoJoined(chat)
    await say(bobSocket, room, 'b-1', 'the meeting is at noon')

    bobSocket.send({ type: 'pin', room: room.id, client_id: 'b-pin', target: 1 })
    const refusalBPin = await bobSocket.next({ type: 'error', ref: 'b-pin' })
    assert.equal(refusalBPin.code, 'forbidden')

    anaSocket.send({ type: 'pin', room: room.id, client_id: 'a-pin', target: 1 })
    await anaSocket.next({ type: 'ack', client_id: 'a-pin' })
    anaSocket.send({ type: 'pin', room: room.id, client_id: 'a-pin-2', target: 1 })
    const refusalAPin2 = await anaSocket.next({ type: 'error', ref: 'a-pin-2' })
    assert.equal(refusalAPin2.code, 'already_pinned')
    const pinned = await bobSocket.next({ type: 'message', kind: 'pin' })
    assert.deepEqual([pinned.seq, pinned.target, pinned.text], [2, 1, ''])
    const row = await Message.findByOrFail({ roomId: room.id, seq: 1 })
    assert.isNotNull(row.pinnedAt)

    anaSocket.send({ type: 'unpin', room: room.id, client_id: 'a-unpin', target: 1 })
    await anaSocket.next({ type: 'ack', client_id: 'a-unpin' })
    const unpinned = await bobSocket.next({ type: 'message', kind: 'unpin' })
    assert.deepEqual([unpinned.seq, unpinned.target], [3, 1])
    anaSocket.send({ type: 'unpin', room: room.id, client_id: 'a-unpin-2', target: 1 })
    const refusalAUnpin2 = await anaSocket.next({ type: 'error', ref: 'a-unpin-2' })
    assert.equal(refusalAUnpin2.code, 'not_pinned')
  })

  test('a client that was offline replays pins in order; deleting a pinned message unpins it', async ({
    assert,
  }) => {
    const { room, anaSocket, bobSocket } = await twoJoined(chat)
    await say(bobSocket, room, 'b-1', 'first')
    await say(bobSocket, room, 'b-2', 'second')
    anaSocket.send({ type: 'pin', room: room.id, client_id: 'p-1', target: 1 })
    anaSocket.send({ type: 'pin', room: room.id, client_id: 'p-2', target: 2 })
    await anaSocket.next({ type: 'ack', client_id: 'p-2' })
    anaSocket.send({ type: 'delete', room: room.id, client_id: 'd-2', target: 2 })
    await anaSocket.next({ type: 'ack', client_id: 'd-2' })

    const carol = await createUser()
    const late = await connect(chat, carol)
    await join(late, room, 0)
    const replayed = await late.take(5, { type: 'message' })
    assert.deepEqual(
      replayed.map((frame) => [frame.seq, frame.kind, frame.target]),
      [
        [1, 'message', null],
        [2, 'message', null],
        [3, 'pin', 1],
        [4, 'pin', 2],
        [5, 'delete', 2],
      ]
    )
    const rows = await Message.query()
      .where('room_id', room.id)
      .where('kind', 'message')
      .orderBy('seq')
    assert.deepEqual(
      rows.map((message) => [message.seq, message.pinnedAt !== null]),
      [
        [1, true],
        [2, false],
      ]
    )
    late.send({ type: 'history', room: room.id })
    const history = await late.next({ type: 'history' })
    assert.deepEqual(
      (history.messages as Array<{ seq: number; pinned: boolean }>).map((message) => [
        message.seq,
        message.pinned,
      ]),
      [
        [1, true],
        [2, false],
      ]
    )
    const [diagnosis] = await new DeliveryDoctorService().diagnose(room.name)
    assert.deepEqual(diagnosis.problems, [])
  })
})
