import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import { truncateTables } from '#tests/helpers/database'
import Message from '#models/message'
import type Room from '#models/room'
import type User from '#models/user'
import { ChatNode } from '#chat/src/chat_node'
import { createRoom, createUser } from '#tests/helpers/chat_fixtures'
import { joinRooms } from '#tests/helpers/memberships'

/**
 * Posts `text` as `author` through the chat's store; returns its seq
 */
async function post(room: Room, author: User, text: string) {
  const chat = await app.container.make(ChatNode)
  const user = { id: author.id, username: author.username }
  const stored = await chat.post({ room: room.id, user, clientId: null, text })
  return stored!.seq
}

/**
 * The rows of `#messages` on a rendered room page, in order: "day <label>", "new messages" or
 * "<seq> <author> <group-start|->"
 */
function rowsOf(html: string) {
  const start = html.indexOf('<ol id="messages"')
  const list = html.slice(start, html.indexOf('</ol>', start))
  return list
    .split(/<li\b/)
    .slice(1)
    .map((item) => {
      const classes = item.match(/class="([^"]*)"/)![1].split(' ')
      if (classes.includes('day-separator')) return `day ${item.match(/<h3>([^<]*)/)![1]}`
      if (classes.includes('unread-divider')) return 'new messages'
      const seq = item.match(/data-seq="(\d+)"/)![1]
      const author = item.match(/class="author"[^>]*>([^<]*)/)![1]
      return `${seq} ${author} ${classes.includes('group-start') ? 'group-start' : '-'}`
    })
}

test.group('Room page: message list layout', (group) => {
  group.each.setup(() => truncateTables())

  test('day separators, and one name and avatar per run of a person within 5 minutes', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const binh = await createUser()
    const room = await createRoom(ana)
    const today = DateTime.utc().startOf('day').plus({ hours: 9 })
    const yesterday = today.minus({ days: 1 })
    const sent: Array<[User, DateTime]> = [
      [ana, yesterday],
      [ana, yesterday.plus({ minutes: 4 })],
      [ana, today],
      [ana, today.plus({ minutes: 5 })],
      [ana, today.plus({ minutes: 11 })],
      [binh, today.plus({ minutes: 12 })],
      [ana, today.plus({ minutes: 13 })],
    ]
    // Binh joined the room: the divider is for joined rooms
    await joinRooms(binh, [room])
    for (const [author] of sent) await post(room, author, 'hi')
    for (const [index, [, at]] of sent.entries()) {
      await Message.query()
        .where('room_id', room.id)
        .where('seq', index + 1)
        .update({ created_at: at.toSQL() })
    }

    const page = await client.get(`/rooms/${room.id}`).loginAs(binh)
    page.assertStatus(200)
    const a = ana.username
    const b = binh.username
    assert.deepEqual(rowsOf(page.text()), [
      'day Yesterday',
      'new messages',
      `1 ${a} group-start`,
      `2 ${a} -`,
      'day Today',
      `3 ${a} group-start`,
      `4 ${a} -`,
      `5 ${a} group-start`,
      `6 ${b} group-start`,
      `7 ${a} group-start`,
    ])
    // Initials on a colour of the person's own, a link to their profile, the time in the
    // reader's language (UTC here)
    assert.include(
      page.text(),
      `<span class="avatar avatar-initials avatar-32 avatar-colour-${ana.id % 8}" aria-hidden="true">${ana.initials}</span>`
    )
    assert.include(
      page.text(),
      `<a class="author" href="/people/${a}" data-username="${a}">${a}</a>`
    )
    assert.include(
      page.text(),
      `<time datetime="${today.toISO()}" title="${today.toFormat('cccc, LLLL d, yyyy')} at 9:00 AM">9:00 AM</time>`
    )

    const vi = await client.get(`/rooms/${room.id}`).header('accept-language', 'vi').loginAs(binh)
    assert.deepEqual(
      rowsOf(vi.text()).filter((row) => row.startsWith('day')),
      ['day Hôm qua', 'day Hôm nay']
    )
    assert.include(vi.text(), `>9:00</time>`)
  })

  test('the "New messages" divider starts a group; only the author gets Edit, the owner Delete', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const ana = await createUser()
    const room = await createRoom(owner)
    await joinRooms(owner, [room])
    await post(room, ana, 'one')
    await post(room, ana, 'two')

    // The owner read up to seq 1
    await client.post(`/rooms/${room.id}/read`).json({ seq: 1 }).withCsrfToken().loginAs(owner)
    const ownerPage = await client.get(`/rooms/${room.id}`).loginAs(owner)
    const asOwner = ownerPage.text()
    assert.deepEqual(rowsOf(asOwner), [
      'day Today',
      `1 ${ana.username} group-start`,
      'new messages',
      `2 ${ana.username} group-start`,
    ])
    assert.match(asOwner, /<li id="unread-divider"[^>]*>[\s\S]*?<li\s+id="message-2"/)
    assert.notInclude(asOwner, `href="/rooms/${room.id}/messages/2/edit"`)
    assert.include(asOwner, `action="/rooms/${room.id}/messages/2?_method=DELETE"`)

    const anaPage = await client.get(`/rooms/${room.id}`).loginAs(ana)
    const asAna = anaPage.text()
    assert.deepEqual(rowsOf(asAna), [
      'day Today',
      `1 ${ana.username} group-start`,
      `2 ${ana.username} -`,
    ])
    assert.include(
      asAna,
      `<a class="menu-item" data-action="edit" href="/rooms/${room.id}/messages/2/edit">Edit</a>`
    )
    assert.include(asAna, `aria-label="Actions for the message by ${ana.username}, `)
  })
})

test.group('Room page: editing without JavaScript', (group) => {
  group.each.setup(() => truncateTables())

  test('the author edits on the edit page; the room shows the message, edited', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const room = await createRoom()
    const seq = await post(room, ana, 'Meet at 5')

    const form = await client.get(`/rooms/${room.id}/messages/${seq}/edit`).loginAs(ana)
    form.assertStatus(200)
    form.assertTextIncludes('<h1 id="edit-heading">Edit your message</h1>')
    form.assertTextIncludes(`action="/rooms/${room.id}/messages/${seq}?_method=PUT"`)
    form.assertTextIncludes('>Meet at 5</textarea>')

    const saved = await client
      .put(`/rooms/${room.id}/messages/${seq}`)
      .form({ text: '  Meet at **6**  ' })
      .withCsrfToken()
      .loginAs(ana)
      .redirects(0)
    saved.assertStatus(302)
    saved.assertHeader('location', `/rooms/${room.id}#message-${seq}`)
    const log = await Message.query().where('room_id', room.id).orderBy('seq')
    assert.deepEqual(
      log.map((entry) => [entry.seq, entry.kind, entry.targetSeq, entry.body]),
      [
        [1, 'message', null, 'Meet at **6**'],
        [2, 'edit', 1, 'Meet at **6**'],
      ]
    )
    const page = await client.get(`/rooms/${room.id}`).loginAs(ana)
    page.assertTextIncludes('<p>Meet at <strong>6</strong></p>')
    page.assertTextIncludes('<span class="edited">(edited)</span>')
  })

  test('refused: someone else’s message, a deleted one, an unknown one, an empty text', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const cleo = await createUser()
    const room = await createRoom()
    const seq = await post(room, ana, 'mine')
    const roomUrl = `/rooms/${room.id}`

    const othersForm = await client
      .get(`${roomUrl}/messages/${seq}/edit`)
      .loginAs(cleo)
      .header('referer', roomUrl)
      .redirects(0)
    othersForm.assertHeader('location', roomUrl)
    assert.equal(
      othersForm.flashMessage('error'),
      'Only its author can edit a message; its author or the room’s moderators (owner, moderators, admin) can delete it.'
    )
    const othersSave = await client
      .put(`${roomUrl}/messages/${seq}`)
      .form({ text: 'hijacked' })
      .withCsrfToken()
      .loginAs(cleo)
      .header('referer', roomUrl)
      .redirects(0)
    othersSave.assertHeader('location', roomUrl)
    const unknown = await client
      .get(`${roomUrl}/messages/42/edit`)
      .loginAs(ana)
      .header('referer', roomUrl)
      .redirects(0)
    assert.equal(unknown.flashMessage('error'), 'There is no such message in this room.')
    const empty = await client
      .put(`${roomUrl}/messages/${seq}`)
      .form({ text: '   ' })
      .withCsrfToken()
      .loginAs(ana)
      .header('referer', `${roomUrl}/messages/${seq}/edit`)
      .redirects(0)
    empty.assertHeader('location', `${roomUrl}/messages/${seq}/edit`)
    assert.properties(empty.flashMessage('inputErrorsBag') ?? {}, ['text'])
    // Without the CSRF token nothing is written either (the log below)
    await client.put(`${roomUrl}/messages/${seq}`).form({ text: 'no token' }).loginAs(ana)

    await client.delete(`${roomUrl}/messages/${seq}`).withCsrfToken().loginAs(ana)
    const deleted = await client
      .get(`${roomUrl}/messages/${seq}/edit`)
      .loginAs(ana)
      .header('referer', roomUrl)
      .redirects(0)
    assert.equal(deleted.flashMessage('error'), 'This message was already deleted.')

    const log = await Message.query().where('room_id', room.id).orderBy('seq')
    assert.deepEqual(
      log.map((entry) => [entry.seq, entry.kind, entry.body]),
      [
        [1, 'message', ''],
        [2, 'delete', ''],
      ]
    )
  })
})
