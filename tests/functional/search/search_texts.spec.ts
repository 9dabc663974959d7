import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { truncateTables } from '#tests/helpers/database'
import { ChatNode } from '#chat/src/chat_node'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import type User from '#models/user'

/**
 * A public room of `author` with `texts` posted through the chat (so they
 * are stored rendered, as live messages are)
 */
async function roomWithPosts(author: User, texts: string[]) {
  const room = await RoomFactory.merge({ ownerId: author.id }).create()
  const chat = await app.container.make(ChatNode)
  for (const text of texts) {
    await chat.post({
      room: room.id,
      user: { id: author.id, username: author.username },
      clientId: null,
      text,
    })
  }
  return room
}

test.group('Search texts', (group) => {
  group.each.setup(() => truncateTables())

  test('the Vietnamese hint gives Vietnamese examples, and they work', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    await roomWithPosts(user, ['Chào đồng nghiệp, học Tiếng Việt nhé'])

    const page = await client.get('/search').header('accept-language', 'vi').loginAs(user)
    assert.include(
      page.text(),
      '<p class="field-hint" id="search-q-hint">Ít nhất 3 ký tự. Không phân biệt dấu và chữ hoa, ' +
        'tìm được cả một phần của từ: “viet” tìm thấy “Tiếng Việt”, “nghi” tìm thấy “nghiệp”.</p>'
    )
    for (const q of ['viet', 'nghi']) {
      const found = await client.get('/api/v1/search').qs({ q }).withGuard('api').loginAs(user)
      assert.equal(found.body().meta.total, 1, q)
    }
  })

  test('snippets show the rendered text: no markdown marks, link targets or double-escaped entities', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    await roomWithPosts(user, [
      '**Deploy** notes:\nsee [the docs](https://example.com/guide) &amp; `npm ci`\n\n> <b>now</b> & then',
    ])
    const api = await client
      .get('/api/v1/search')
      .qs({ q: 'deploy' })
      .withGuard('api')
      .loginAs(user)
    assert.equal(
      api.body().data[0].snippet,
      '<mark>Deploy</mark> notes: see the docs &amp; npm ci &lt;b&gt;now&lt;/b&gt; &amp; then'
    )

    const page = await client.get('/search').qs({ q: 'deploy' }).loginAs(user)
    assert.include(
      page.text(),
      '<mark>Deploy</mark> notes: see the docs &amp; npm ci &lt;b&gt;now&lt;/b&gt; &amp; then'
    )
  })
  test('a comma in a search typed into the URL is text, not a list', async ({ client, assert }) => {
    const user = await UserFactory.create()
    await roomWithPosts(user, ['tea, coffee or water?'])
    const api = await client.get('/api/v1/search?q=tea,coffee').withGuard('api').loginAs(user)
    assert.equal(api.body().meta.total, 1)
    const page = await client.get('/search?q=tea,coffee').loginAs(user)
    page.assertStatus(200)
    assert.include(page.text(), '<mark>tea</mark>, <mark>coffee</mark>')
  })
})
