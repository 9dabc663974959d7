import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { createPrivateRoom } from '#tests/helpers/private_rooms'
import { joinRooms } from '#tests/helpers/memberships'
import type Room from '#models/room'
import type User from '#models/user'

/**
 * Gives `room` messages by `author` (seq 1..count), mentioning `mentioned` in the last one
 */
async function postIn(room: Room, author: User, count: number, mentioned?: User) {
  const messages = await room.related('messages').createMany(
    Array.from({ length: count }, (_, index) => ({
      userId: author.id,
      seq: index + 1,
      body: `message ${index + 1}`,
    }))
  )
  room.lastSeq = count
  await room.save()
  if (mentioned) {
    await db.table('message_mentions').insert({
      message_id: messages.at(-1)!.id,
      user_id: mentioned.id,
      room_id: room.id,
      seq: count,
    })
  }
}

/**
 * The sidebar's rooms in a page, as [name, text of the link without extra spaces]
 */
function sidebarRooms(html: string) {
  const nav = html.slice(
    html.indexOf('<nav id="sidebar"'),
    html.indexOf('</nav>', html.indexOf('<nav id="sidebar"'))
  )
  return [
    ...nav.matchAll(
      /<li class="sidebar-room[^"]*" data-room-id="(\d+)">\s*<a href="[^"]+"[^>]*>([\s\S]*?)<\/a>/g
    ),
  ].map((match) => [
    Number(match[1]),
    match[2]
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  ])
}

test.group('Sidebar: my rooms', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists joined rooms only, favourites first then by name, with unread and mention badges; muted rooms show mentions only', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const bob = await UserFactory.create()
    const zebra = await RoomFactory.merge({ ownerId: bob.id, name: 'Zebra' }).create()
    const apple = await RoomFactory.merge({ ownerId: bob.id, name: 'apple' }).create()
    const muted = await RoomFactory.merge({ ownerId: bob.id, name: 'Muted' }).create()
    const notJoined = await RoomFactory.merge({ ownerId: bob.id, name: 'Elsewhere' }).create()
    const secret = await createPrivateRoom(bob, [ana])
    secret.name = 'Secret'
    await secret.save()
    await postIn(zebra, bob, 3, ana)
    await postIn(muted, bob, 4, ana)
    await postIn(notJoined, bob, 2)
    await joinRooms(ana, [apple])
    await joinRooms(ana, [zebra], { favourite: true })
    await joinRooms(ana, [muted], { notificationLevel: 'mentions' })

    const page = await client.get('/account').loginAs(ana)

    page.assertStatus(200)
    assert.deepEqual(sidebarRooms(page.text()), [
      [zebra.id, 'Zebra ★ Favourite 3 3 unread messages @1 1 mention of you'],
      [apple.id, 'apple'],
      [muted.id, 'Muted Muted @1 1 mention of you'],
      [secret.id, 'Secret Private'],
    ])
    assert.include(page.text(), 'class="sidebar-room muted-room" data-room-id="' + muted.id + '"')
    assert.notInclude(page.text(), 'Elsewhere')
    assert.include(page.text(), '<a class="drawer-toggle" href="#sidebar" data-drawer-toggle>')
  })

  test('the current room is marked; GET /sidebar serves the rooms list alone', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: ana.id, name: 'Here' }).create()
    await joinRooms(ana, [room])

    const page = await client.get(`/rooms/${room.id}`).loginAs(ana)
    assert.include(page.text(), `<a href="/rooms/${room.id}" aria-current="page">`)

    const fragment = await client.get('/sidebar').loginAs(ana)
    fragment.assertStatus(200)
    fragment.assertHeader('cache-control', 'no-store')
    assert.match(fragment.text().trim(), /^<h2 id="sidebar-rooms-heading"/)
    assert.deepEqual(sidebarRooms(`<nav id="sidebar">${fragment.text()}</nav>`), [
      [room.id, 'Here'],
    ])
    assert.notInclude(fragment.text(), '<html')
  })

  test('someone who joined nothing is pointed to the rooms; guests get no sidebar', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const page = await client.get('/account').loginAs(ana)
    assert.include(page.text(), 'You have not joined any room yet.')
    assert.include(page.text(), '<a href="/rooms">Browse rooms</a>')

    const home = await client.get('/')
    assert.notInclude(home.text(), 'id="sidebar"')
    assert.notInclude(home.text(), 'drawer-toggle')
    const login = await client.get('/login')
    assert.notInclude(login.text(), 'id="sidebar"')
    const fragment = await client.get('/sidebar').redirects(0)
    fragment.assertStatus(302)
  })
})

test.group('Flash messages and background requests', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("a script's GET or POST between a form post and its page keeps the flash message for the page; a page takes it", async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const flash = { success: 'You joined “Flashy”.' }

    const fragment = await client
      .get('/sidebar')
      .header('sec-fetch-mode', 'cors')
      .withFlashMessages(flash)
      .loginAs(ana)
    fragment.assertStatus(200)
    fragment.assertFlashMessage('success', 'You joined “Flashy”.')
    const counts = await client
      .get('/rooms/unread')
      .header('sec-fetch-mode', 'same-origin')
      .withFlashMessages(flash)
      .loginAs(ana)
    counts.assertFlashMessage('success', 'You joined “Flashy”.')

    // A script's POST too (Transmit's subscribe, a read marker): a page's startup requests can
    // land between a form post and the page it redirects to
    const room = await RoomFactory.merge({ ownerId: ana.id }).create()
    const marker = await client
      .post(`/rooms/${room.id}/read`)
      .header('sec-fetch-mode', 'same-origin')
      .json({ seq: 0 })
      .withCsrfToken()
      .withFlashMessages(flash)
      .loginAs(ana)
    assert.isBelow(marker.status(), 500)
    marker.assertFlashMessage('success', 'You joined “Flashy”.')

    const page = await client
      .get('/account')
      .header('sec-fetch-mode', 'navigate')
      .withFlashMessages(flash)
      .loginAs(ana)
    page.assertTextIncludes('You joined “Flashy”.')
    assert.deepEqual(page.flashMessages(), {})
  })
})
