import { test } from '@japa/runner'
import { RoomTyping } from '#chat/src/room_typing'
import { FakeClock } from '#tests/helpers/chat_core/fake_clock'
import { fakeConnection } from '#tests/helpers/chat_core/fake_socket'

const ana = { id: 1, username: 'ana' }
const bob = { id: 2, username: 'bob' }
const bobTyping = { type: 'typing', room: 7, user: bob }

/**
 * Room 7's typing relay over ana's two sockets and bob's two, 2 s apart
 */
function typingRoom() {
  const clock = new FakeClock()
  const typing = new RoomTyping(7, clock, 2000)
  const sockets = [
    fakeConnection(ana),
    fakeConnection(ana),
    fakeConnection(bob),
    fakeConnection(bob),
  ]
  const everyone = sockets.map((socket) => socket.connection)
  return { clock, typing, sockets, everyone }
}

test.group('RoomTyping (fake clock)', () => {
  test('relays to every socket of the other users, none of the typist', ({ assert }) => {
    const { typing, sockets, everyone } = typingRoom()

    typing.relay(sockets[2].connection, everyone)

    assert.deepEqual(
      sockets.map((socket) => socket.frames),
      [[bobTyping], [bobTyping], [], []]
    )
  })

  test('lets one notice per user through per interval, from any of their sockets', ({ assert }) => {
    const { clock, typing, sockets, everyone } = typingRoom()

    typing.relay(sockets[2].connection, everyone)
    typing.relay(sockets[3].connection, everyone)
    clock.advance(1999)
    typing.relay(sockets[2].connection, everyone)
    typing.relay(sockets[0].connection, everyone)
    clock.advance(1)
    typing.relay(sockets[3].connection, everyone)

    assert.deepEqual(sockets[1].frames, [bobTyping, bobTyping])
    assert.deepEqual(sockets[2].frames, [{ type: 'typing', room: 7, user: ana }])
  })

  test('a user forgotten (left the room) may type again at once', ({ assert }) => {
    const { typing, sockets, everyone } = typingRoom()

    typing.relay(sockets[2].connection, everyone)
    typing.forget(bob.id)
    typing.relay(sockets[2].connection, everyone)

    assert.deepEqual(sockets[0].frames, [bobTyping, bobTyping])
  })
})
