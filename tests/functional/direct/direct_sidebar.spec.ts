import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import Room from '#models/room'
import type User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { joinRooms } from '#tests/helpers/memberships'
import DirectMessageService from '#services/people/direct_message_service'

/**
 * Gives conversation `room` `count` messages by `author` (as the chat's store
 * does: the room's `last_seq` moves, its `updated_at` does not)
 */
async function postIn(room: Room, author: User, count: number) {
  await room.related('messages').createMany(
    Array.from({ length: count }, (_, index) => ({
      userId: author.id,
      seq: room.lastSeq + index + 1,
      body: `message ${index + 1}`,
    }))
  )
  room.lastSeq += count
  await Room.query().where('id', room.id).update({ last_seq: room.lastSeq })
}

/**
 * The sidebar's direct conversations in an HTML text, as [room id, text of the link]
 */
function sidebarDirect(html: string) {
  return [
    ...html.matchAll(
      /<li class="sidebar-room sidebar-direct[^"]*" data-room-id="(\d+)">\s*<a href="[^"]+"[^>]*>([\s\S]*?)<\/a>/g
    ),
  ].map((match) => [
    Number(match[1]),
    match[2]
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  ])
}

/**
 * The usernames offered on the "new direct message" page, in order
 */
function offered(html: string) {
  return [...html.matchAll(/name="people\[\]" value="([^"]+)"/g)].map((match) => match[1])
}

test.group('Direct messages: the sidebar', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists my conversations, the most recently active first, with unread badges and a 1:1 partner’s presence; nobody else sees them', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana' }).create()
    const bob = await UserFactory.merge({ username: 'bob', displayName: 'Bob Tran' }).create()
    const carol = await UserFactory.merge({ username: 'carol' }).create()
    const eve = await UserFactory.merge({ username: 'eve' }).create()
    const direct = new DirectMessageService()
    const { room: withBob } = await direct.open(ana, ['bob'])
    const { room: group3 } = await direct.open(carol, ['ana', 'bob'])
    await postIn(group3, ana, 1)
    await postIn(withBob, bob, 3)

    const page = await client.get('/account').loginAs(ana)
    page.assertStatus(200)
    assert.deepEqual(sidebarDirect(page.text()), [
      [withBob.id, 'Bob Tran Offline 3 3 unread messages'],
      [group3.id, 'Bob Tran, carol 3 Group of 3 people'],
    ])
    assert.include(page.text(), `data-presence-user="${bob.id}" data-presence="offline"`)
    assert.include(
      page.text(),
      '<a class="sidebar-add" href="/direct/new" title="New direct message">'
    )

    const fragment = await client.get('/sidebar/direct').loginAs(ana)
    fragment.assertStatus(200)
    fragment.assertHeader('cache-control', 'no-store')
    assert.notInclude(fragment.text(), '<html')
    assert.deepEqual(sidebarDirect(fragment.text()), sidebarDirect(page.text()))

    const bobs = await client.get('/sidebar/direct').loginAs(bob)
    assert.deepEqual(sidebarDirect(bobs.text()), [
      [withBob.id, 'ana Offline'],
      [group3.id, 'ana, carol 3 Group of 3 people 1 1 unread message'],
    ])

    const eves = await client.get('/account').loginAs(eve)
    assert.deepEqual(sidebarDirect(eves.text()), [])
    assert.include(eves.text(), 'No conversations yet.')
    assert.notInclude(eves.text(), `/rooms/${withBob.id}"`)
    const evesFragment = await client.get('/sidebar/direct').loginAs(eve)
    assert.equal(evesFragment.text().trim(), '<p class="sidebar-empty">No conversations yet.</p>')

    const guest = await client.get('/sidebar/direct').redirects(0)
    guest.assertStatus(302)
  })

  test('the current conversation is marked, in Vietnamese too', async ({ client, assert }) => {
    const ana = await UserFactory.merge({ username: 'ana' }).create()
    await UserFactory.merge({ username: 'bob' }).create()
    const { room } = await new DirectMessageService().open(ana, ['bob'])

    const page = await client.get(`/rooms/${room.id}`).header('accept-language', 'vi').loginAs(ana)
    page.assertStatus(200)
    assert.include(page.text(), `<a href="/rooms/${room.id}" aria-current="page">`)
    assert.deepEqual(sidebarDirect(page.text()), [[room.id, 'bob Ngoại tuyến']])
    assert.include(page.text(), 'title="Tin nhắn riêng mới"')
  })
})

test.group('Direct messages: the "+" page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('offers the people of my rooms and conversations, by name; never me, strangers, bots or closed accounts', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana' }).create()
    const zed = await UserFactory.merge({ username: 'zed', displayName: 'Aaron Zed' }).create()
    const bob = await UserFactory.merge({ username: 'bob' }).create()
    const dora = await UserFactory.merge({ username: 'dora' }).create()
    const bot = await UserFactory.merge({ username: 'helper_bot', isBot: true }).create()
    const gone = await UserFactory.merge({
      username: 'gone',
      deactivatedAt: DateTime.now(),
    }).create()
    await UserFactory.merge({ username: 'stranger' }).create()
    const room = await RoomFactory.merge({ ownerId: bob.id }).create()
    await joinRooms(ana, [room])
    await joinRooms(bob, [room])
    await joinRooms(zed, [room])
    await joinRooms(bot, [room])
    await joinRooms(gone, [room])
    await new DirectMessageService().open(dora, ['ana'])

    const page = await client.get('/direct/new').loginAs(ana)
    page.assertStatus(200)
    assert.deepEqual(offered(page.text()), ['zed', 'bob', 'dora'])
    assert.include(page.text(), '<span>Aaron Zed <span class="muted">@zed</span></span>')
    assert.notInclude(page.text(), '{{')
    assert.include(page.text(), '<h1>New direct message</h1>')
  })

  test('ticked and typed people open one conversation; the same set again finds it; nobody is refused', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana' }).create()
    const bob = await UserFactory.merge({ username: 'bob' }).create()
    const carol = await UserFactory.merge({ username: 'carol' }).create()

    const opened = await client
      .post('/direct')
      .withCsrfToken()
      .loginAs(ana)
      .form({ 'people[]': ['bob', 'carol'], 'usernames': '' })
      .redirects(0)
    const room = await Room.findByOrFail('kind', 'direct')
    opened.assertStatus(302)
    opened.assertHeader('location', `/rooms/${room.id}`)
    assert.equal(room.directKey, [ana.id, bob.id, carol.id].join(','))

    const again = await client
      .post('/direct')
      .withCsrfToken()
      .loginAs(ana)
      .form({ 'people[]': ['carol'], 'usernames': '@bob' })
      .redirects(0)
    again.assertHeader('location', `/rooms/${room.id}`)
    assert.lengthOf(await Room.query().where('kind', 'direct'), 1)

    const nobody = await client
      .post('/direct')
      .withCsrfToken()
      .loginAs(ana)
      .header('referer', '/direct/new')
      .form({ usernames: '' })
      .redirects(0)
    nobody.assertStatus(302)
    nobody.assertHeader('location', '/direct/new')
    nobody.assertFlashMessage('inputErrorsBag', { usernames: ['Name at least one other person.'] })

    const bad = await client
      .post('/direct')
      .withCsrfToken()
      .loginAs(ana)
      .header('referer', '/direct/new')
      .form({ 'people[]': ['<script>'] })
      .redirects(0)
    bad.assertStatus(302)
    bad.assertHeader('location', '/direct/new')
    const shown = await client
      .get('/direct/new')
      .loginAs(ana)
      .withFlashMessages(bad.flashMessages())
    assert.include(shown.text(), '<fieldset class="people-picker" aria-describedby="people-error">')
    assert.include(
      shown.text(),
      '<p class="field-error" id="people-error">Pick people from this list.</p>'
    )
    assert.lengthOf(await Room.query().where('kind', 'direct'), 1)
  })
})
