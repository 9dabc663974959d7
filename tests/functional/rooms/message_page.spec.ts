import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import app from '@adonisjs/core/services/app'
import Message from '#models/message'
import { ChatNode } from '#chat/src/chat_node'
import { createRoom, createUser } from '#tests/helpers/chat_fixtures'
import { chatUser, post } from '#tests/helpers/room_page'

/**
 * The `<li>` of message `seq` on a rendered room page
 */
function itemOf(html: string, seq: number) {
  return html.match(new RegExp(`<li[^>]*data-seq="${seq}"[\\s\\S]*?</li>`))?.[0] ?? ''
}

test.group('Room page: edited and deleted messages, no-JavaScript delete', (group) => {
  group.each.setup(() => truncateTables())

  test('shows rendered markdown, the edited mark and the deleted placeholder; delete forms for the author and the owner only', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(owner)
    const chat = await app.container.make(ChatNode)
    await post(room, ana, 'first <b>sketch</b>')
    await post(room, bob, 'gone *soon*')
    await post(room, bob, 'hi @' + ana.username)
    await chat.edit({
      room: room.id,
      user: chatUser(ana),
      clientId: null,
      target: 1,
      text: '**final**',
    })
    await chat.remove({ room: room.id, user: chatUser(bob), clientId: null, target: 2 })

    const anaPage = await client.get(`/rooms/${room.id}`).loginAs(ana)
    const ownerPage = await client.get(`/rooms/${room.id}`).loginAs(owner)
    const asAna = anaPage.text()
    const asOwner = ownerPage.text()

    assert.include(asAna, `data-owner-id="${owner.id}"`)
    assert.deepEqual(
      [...asAna.matchAll(/<li[^>]*data-seq="(\d+)"/g)].map((match) => Number(match[1])),
      [1, 2, 3]
    )
    const edited = itemOf(asAna, 1)
    assert.include(edited, '<strong>final</strong>')
    assert.include(edited, 'data-text="**final**"')
    assert.include(edited, '(edited)')
    assert.notInclude(asAna, 'sketch')
    const deleted = itemOf(asAna, 2)
    assert.include(deleted, 'Message deleted')
    assert.notInclude(asAna, 'soon')
    assert.include(
      itemOf(asAna, 3),
      `<span class="mention" data-username="${ana.username.toLowerCase()}">`
    )

    const deleteForm = (seq: number) => `action="/rooms/${room.id}/messages/${seq}?_method=DELETE"`
    assert.include(itemOf(asAna, 1), deleteForm(1))
    assert.notInclude(asAna, deleteForm(2))
    assert.notInclude(asAna, deleteForm(3))
    assert.notInclude(itemOf(asAna, 3), 'data-text')
    assert.include(asOwner, deleteForm(1))
    assert.include(asOwner, deleteForm(3))
    assert.notInclude(asOwner, deleteForm(2))
  })

  test('the no-JavaScript form deletes the author’s message and shows the room again', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const room = await createRoom()
    const seq = await post(room, ana, 'typo')

    const response = await client
      .delete(`/rooms/${room.id}/messages/${seq}`)
      .withCsrfToken()
      .loginAs(ana)
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', `/rooms/${room.id}`)
    assert.equal(response.flashMessage('success'), 'Message deleted.')
    const rows = await Message.query().where('room_id', room.id).orderBy('seq')
    assert.deepEqual(
      rows.map((row) => [row.seq, row.kind, row.targetSeq, row.body, row.userId]),
      [
        [1, 'message', null, '', ana.id],
        [2, 'delete', 1, '', ana.id],
      ]
    )
  })

  test('a refused delete goes back to the room with the reason; nothing is deleted', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const cleo = await createUser()
    const room = await createRoom()
    const seq = await post(room, ana, 'mine')
    const roomUrl = `/rooms/${room.id}`

    const forbidden = await client
      .delete(`${roomUrl}/messages/${seq}`)
      .withCsrfToken()
      .loginAs(cleo)
      .header('referer', roomUrl)
      .redirects(0)
    const unknown = await client
      .delete(`${roomUrl}/messages/42`)
      .withCsrfToken()
      .loginAs(ana)
      .header('referer', roomUrl)
      .redirects(0)
    const forged = await client.delete(`${roomUrl}/messages/${seq}`).loginAs(ana).redirects(0)

    forbidden.assertHeader('location', roomUrl)
    assert.equal(
      forbidden.flashMessage('error'),
      'Only its author can edit a message; its author or the room’s moderators (owner, moderators, admin) can delete it.'
    )
    unknown.assertHeader('location', roomUrl)
    assert.equal(unknown.flashMessage('error'), 'There is no such message in this room.')
    assert.notEqual(forged.status(), 200)
    const rows = await Message.query().where('room_id', room.id)
    assert.deepEqual(
      rows.map((row) => [row.seq, row.body]),
      [[1, 'mine']]
    )
  })
})
