import { test } from '@japa/runner'
import { UserFactory } from '#database/factories/user_factory'
import { chatGroup, connect, createRoom, join, say } from '#tests/helpers/chat_fixtures'

chatGroup('Chat: display names and avatars on the wire', (chat) => {
  test('frames name a person with display_name and avatar when they chose them', async ({
    assert,
  }) => {
    const ana = await UserFactory.merge({
      username: 'ana',
      displayName: 'Ana Lima',
      avatarKey: 'pic1',
    }).create()
    const bob = await UserFactory.merge({ username: 'bob' }).create()
    const room = await createRoom(bob)
    const anaSocket = await connect(chat, ana)
    const bobSocket = await connect(chat, bob)
    await join(anaSocket, room)
    const joined = await join(bobSocket, room)
    assert.deepEqual(joined.online, [
      { id: ana.id, username: 'ana', display_name: 'Ana Lima', avatar: 'pic1' },
      { id: bob.id, username: 'bob' },
    ])

    await say(anaSocket, room, 'a-1', 'hello')
    const live = await bobSocket.next({ type: 'message', client_id: 'a-1' })
    assert.deepEqual(live.user, {
      id: ana.id,
      username: 'ana',
      display_name: 'Ana Lima',
      avatar: 'pic1',
    })

    bobSocket.send({ type: 'history', room: room.id })
    const history = await bobSocket.next({ type: 'history' })
    const [stored] = history.messages as Array<{ user: unknown }>
    assert.deepEqual(stored.user, {
      id: ana.id,
      username: 'ana',
      display_name: 'Ana Lima',
      avatar: 'pic1',
    })
  })
})
