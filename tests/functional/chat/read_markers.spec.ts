import { test } from '@japa/runner'
import ReadMarkerService from '#services/rooms/read_marker_service'
import {
  appOrigin,
  chatGroup,
  connect,
  createRoom,
  createUser,
  join,
  say,
} from '#tests/helpers/chat_fixtures'
import { logIn, TransmitStream } from '#tests/helpers/transmit_stream'
import { joinRooms } from '#tests/helpers/memberships'

chatGroup('Chat: read markers on the socket', (chat, _group, mode) => {
  test('`read` moves the reader’s marker, never back and never past the head, and is answered with the stored marker', async ({
    assert,
    cleanup,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(ana)
    await joinRooms(bob, [room])
    const anaSocket = await connect(chat, ana)
    await join(anaSocket, room)
    for (const n of [1, 2, 3]) await say(anaSocket, room, `m-${n}`, `message ${n}`)
    const markers = new ReadMarkerService()
    // In-process, the web app's own Transmit carries the `read` event to the reader's tabs
    const stream =
      mode.name === 'in-process'
        ? await TransmitStream.open(appOrigin, await logIn(appOrigin, bob.username), [
            `users/${bob.id}`,
          ])
        : null
    cleanup(() => stream?.close())

    const bobSocket = await connect(chat, bob)
    await join(bobSocket, room)
    bobSocket.send({ type: 'read', room: room.id, seq: 2 })
    assert.deepEqual(await bobSocket.next({ type: 'read' }), {
      type: 'read',
      room: room.id,
      seq: 2,
    })
    assert.equal(await markers.marker(bob.id, room.id), 2)
    if (stream) {
      const event = await stream.next(({ payload }) => payload.type === 'read')
      assert.deepEqual(event.payload, { type: 'read', room: room.id, seq: 2 })
    }

    bobSocket.send({ type: 'read', room: room.id, seq: 1 })
    assert.deepEqual(await bobSocket.next({ type: 'read' }), {
      type: 'read',
      room: room.id,
      seq: 2,
    })
    bobSocket.send({ type: 'read', room: room.id, seq: 99 })
    assert.deepEqual(await bobSocket.next({ type: 'read' }), {
      type: 'read',
      room: room.id,
      seq: 3,
    })
    assert.equal(await markers.marker(bob.id, room.id), 3)
  })

  test('`read` needs the room joined on that socket and a non-negative seq; refusals are error frames', async ({
    assert,
  }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const socket = await connect(chat, ana)

    socket.send({ type: 'read', room: room.id, seq: 1 })
    assert.deepInclude(await socket.next({ type: 'error' }), { code: 'not_joined', ref: room.id })
    await join(socket, room)
    for (const seq of [-1, 1.5, '2', null]) {
      socket.send({ type: 'read', room: room.id, seq })
      assert.deepInclude(await socket.next({ type: 'error' }), {
        code: 'invalid_frame',
        ref: room.id,
      })
    }
    assert.equal(await new ReadMarkerService().marker(ana.id, room.id), 0)
  })
})
