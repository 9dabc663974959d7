import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'
import { addEntries, roomWith, privateRoomWith } from '#tests/helpers/search_fixtures'

test.group('Message in context', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('shows 20 messages on each side with the target highlighted', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const room = await roomWith(
      user,
      Array.from({ length: 60 }, (_, index) => `message number ${index + 1}`),
      'Archive'
    )
    const response = await client.get(`/rooms/${room.id}/messages/30`).loginAs(user)
    response.assertStatus(200)
    const seqs = [...response.text().matchAll(/<li id="message-(\d+)"/g)].map((match) =>
      Number(match[1])
    )
    assert.deepEqual(
      seqs,
      Array.from({ length: 41 }, (_, index) => index + 10)
    )
    assert.match(
      response.text(),
      /<li id="message-30" class="message group-start mine target" data-seq="30" aria-current="true" tabindex="-1">/
    )
    response.assertTextIncludes('Found message')
    response.assertTextIncludes(`href="/rooms/${room.id}?before=10"`)
    response.assertTextIncludes(`<a href="/rooms/${room.id}">Open the room</a>`)
  })

  test('renders sanitized HTML, falls back to the escaped body, shows deleted ones', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const room = await roomWith(user, [
      { body: '**bold** move', bodyHtml: '<p><strong>bold</strong> move</p>' },
      { body: '<b>old row</b> without html' },
      { body: '', deleted: true },
    ])
    const response = await client.get(`/rooms/${room.id}/messages/1`).loginAs(user)
    response.assertStatus(200)
    response.assertTextIncludes(
      '<div class="text markdown"><p><strong>bold</strong> move</p></div>'
    )
    response.assertTextIncludes('<p class="text">&lt;b&gt;old row&lt;/b&gt; without html</p>')
    response.assertTextIncludes('This message was deleted.')
    assert.notInclude(response.text(), '?before=')
  })

  test('404s an unknown seq, a log entry that is not a message and a room out of sight', async ({
    client,
  }) => {
    const owner = await UserFactory.create()
    const outsider = await UserFactory.create()
    const room = await roomWith(owner, ['first'])
    await addEntries(room, [{ body: 'first!', kind: 'edit', targetSeq: 1 }], owner)
    const secret = await privateRoomWith(owner, [], ['hidden'])

    const cases: Array<[User, string, number]> = [
      [owner, `/rooms/${room.id}/messages/1`, 200],
      [owner, `/rooms/${room.id}/messages/2`, 404],
      [owner, `/rooms/${room.id}/messages/3`, 404],
      [owner, `/rooms/${room.id}/messages/99999999999999999999`, 404],
      [owner, `/rooms/999999/messages/1`, 404],
      [owner, `/rooms/${secret.id}/messages/1`, 200],
      [outsider, `/rooms/${secret.id}/messages/1`, 404],
    ]
    for (const [user, url, status] of cases) {
      const response = await client.get(url).loginAs(user)
      response.assertStatus(status)
    }
  })
})
