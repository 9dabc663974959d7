import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import Message from '#models/message'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import ace from '@adonisjs/core/services/ace'
import MessagesRender from '#commands/messages_render'

/**
 * Runs `messages:render` on the test database (inside the global transaction)
 * and returns what it printed
 */
async function backfill() {
  const command = await ace.create(MessagesRender, [])
  await command.exec()
  command.assertSucceeded()
  const printed = command.logger.getLogs().map((log) => log.message)
  command.logger.flushLogs()
  return printed
}

test.group('messages:render (bodies written before markdown)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('renders empty body_html of live messages and records their mentions', async ({
    assert,
  }) => {
    const author = await UserFactory.merge({ username: 'Author' }).create()
    const bob = await UserFactory.merge({ username: 'Bob' }).create()
    const carol = await UserFactory.merge({ username: 'carol' }).create()
    const room = await RoomFactory.merge({ ownerId: author.id }).create()
    const privateRoom = await RoomFactory.merge({
      ownerId: author.id,
      visibility: 'private',
    }).create()
    await db
      .table('room_members')
      .insert({ room_id: privateRoom.id, user_id: carol.id, created_at: new Date() })
    const row = (roomId: number, seq: number, body: string) => ({
      roomId,
      userId: author.id,
      seq,
      body,
      bodyHtml: '',
    })
    const [plain, mentioning, deleted, rendered, edit, inPrivate] = await Message.createMany([
      row(room.id, 1, '**hi** `x`'),
      row(room.id, 2, '@bob @BOB @author @nobody'),
      { ...row(room.id, 3, ''), deletedAt: DateTime.now() },
      { ...row(room.id, 4, 'new'), bodyHtml: '<p>kept</p>' },
      { ...row(room.id, 5, '@bob edited'), kind: 'edit', targetSeq: 4 },
      row(privateRoom.id, 1, 'hey @bob @carol'),
    ])

    assert.deepEqual(await backfill(), ['[ green(success) ] Rendered 3 message(s)'])

    const html = async (message: Message) => {
      const stored = await Message.findOrFail(message.id)
      return stored.bodyHtml
    }
    assert.equal(await html(plain), '<p><strong>hi</strong> <code>x</code></p>')
    assert.equal(
      await html(mentioning),
      '<p><span class="mention" data-username="bob">@bob</span> ' +
        '<span class="mention" data-username="bob">@BOB</span> ' +
        '<span class="mention" data-username="author">@author</span> ' +
        '<span class="mention" data-username="nobody">@nobody</span></p>'
    )
    assert.equal(await html(deleted), '')
    assert.equal(await html(rendered), '<p>kept</p>')
    assert.equal(await html(edit), '')
    assert.equal(
      await html(inPrivate),
      '<p>hey <span class="mention" data-username="bob">@bob</span> ' +
        '<span class="mention" data-username="carol">@carol</span></p>'
    )
    // The author and unknown names are skipped; in the private room only its member counts
    const mentions = await db
      .from('message_mentions')
      .select('message_id', 'user_id', 'room_id', 'seq')
      .orderBy('message_id')
    assert.deepEqual(
      mentions.map((m) => [Number(m.message_id), m.user_id, m.room_id, Number(m.seq)]),
      [
        [mentioning.id, bob.id, room.id, 2],
        [inPrivate.id, carol.id, privateRoom.id, 1],
      ]
    )
  })

  test('goes through more than one batch and leaves nothing to do', async ({ assert }) => {
    const author = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: author.id }).create()
    await Message.createMany(
      Array.from({ length: 1203 }, (_, i) => ({
        roomId: room.id,
        userId: author.id,
        seq: i + 1,
        body: `*n${i + 1}*`,
        bodyHtml: '',
      }))
    )

    assert.deepEqual(await backfill(), ['[ green(success) ] Rendered 1203 message(s)'])
    assert.deepEqual(await backfill(), ['[ green(success) ] Rendered 0 message(s)'])

    const rows = await db
      .from('messages')
      .where('room_id', room.id)
      .orderBy('seq')
      .select('body_html')
    assert.lengthOf(rows, 1203)
    assert.deepEqual(
      rows.filter((message, i) => message.body_html !== `<p><em>n${i + 1}</em></p>`),
      []
    )
  })
})
