import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { truncateTables } from '#tests/helpers/database'
import Message from '#models/message'
import { ChatNode } from '#chat/src/chat_node'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'

const mention = (name: string, shown = name) =>
  `<span class="mention" data-username="${name}">@${shown}</span>`

test.group('Mentions highlight only real users', (group) => {
  group.each.setup(() => truncateTables())

  test('a new message and an edit mark @names of users, other @words stay text', async ({
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_real' }).create()
    await UserFactory.merge({ username: 'bob_real' }).create()
    const room = await RoomFactory.merge({ ownerId: ana.id }).create()
    const chat = await app.container.make(ChatNode)
    const user = { id: ana.id, username: ana.username }

    const stored = await chat.post({
      room: room.id,
      user,
      clientId: null,
      text: 'hi @Bob_Real, @nobody_here and @everyone',
    })
    const posted = await Message.findByOrFail({ roomId: room.id, seq: stored!.seq })
    assert.equal(
      posted.bodyHtml,
      `<p>hi ${mention('bob_real', 'Bob_Real')}, @nobody_here and @everyone</p>`
    )

    await chat.edit({
      room: room.id,
      user,
      clientId: 'e-1',
      target: stored!.seq,
      text: '@ghost @ana_real',
    })
    await posted.refresh()
    assert.equal(posted.bodyHtml, `<p>@ghost ${mention('ana_real')}</p>`)
  })

  test('a message naming nobody who exists is stored as plain text', async ({ assert }) => {
    const ana = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: ana.id }).create()
    const chat = await app.container.make(ChatNode)
    const stored = await chat.post({
      room: room.id,
      user: { id: ana.id, username: ana.username },
      clientId: null,
      text: 'ping @ghost_one',
    })
    const posted = await Message.findByOrFail({ roomId: room.id, seq: stored!.seq })
    assert.equal(posted.bodyHtml, '<p>ping @ghost_one</p>')
  })
})
