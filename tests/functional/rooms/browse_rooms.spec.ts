import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { createPrivateRoom } from '#tests/helpers/private_rooms'
import { joinRooms } from '#tests/helpers/memberships'
import type Room from '#models/room'
import type User from '#models/user'

/**
 * Gives `room` one message by `author` written at `at` (mentioning `mentioned` when given)
 */
async function postAt(room: Room, author: User, at: DateTime, mentioned?: User) {
  const seq = room.lastSeq + 1
  const message = await room
    .related('messages')
    .create({ userId: author.id, seq, body: `message ${seq}`, createdAt: at })
  room.lastSeq = seq
  await room.save()
  if (mentioned) {
    await db.table('message_mentions').insert({
      message_id: message.id,
      user_id: mentioned.id,
      room_id: room.id,
      seq,
    })
  }
}

/**
 * The browse list of a page, as [room id, its text without tags and extra spaces, up to
 * the online count (the description and "by … created …" left out)]
 */
function listedRooms(html: string) {
  const list = html.slice(
    html.indexOf('<ul class="room-list"'),
    html.indexOf('</ul>', html.indexOf('<ul class="room-list"'))
  )
  return [...list.matchAll(/<li data-room-id="(\d+)">([\s\S]*?)<\/li>/g)].map((match) => [
    Number(match[1]),
    match[2]
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/ (online|đang trực tuyến) .*$/, ' $1')
      .trim(),
  ])
}

/**
 * The ids of the rooms a page lists, in order
 */
function listedIds(html: string) {
  return listedRooms(html).map(([id]) => id)
}

/**
 * A room owned by `owner` created `daysAgo` days ago
 */
function roomCreated(owner: User, name: string, daysAgo: number) {
  return RoomFactory.merge({
    ownerId: owner.id,
    name,
    description: null,
    createdAt: DateTime.now().minus({ days: daysAgo }),
  }).create()
}

test.group('Browse rooms page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('latest activity first by default, by name on request, with member counts and Join for public rooms not joined; private rooms for their members only', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_browse' }).create()
    const bob = await UserFactory.merge({ username: 'bob_browse' }).create()
    const quiet = await roomCreated(bob, 'Quiet', 1)
    const busy = await roomCreated(bob, 'busy', 30)
    const older = await roomCreated(bob, 'Archery', 20)
    await postAt(busy, bob, DateTime.now().minus({ minutes: 5 }))
    await postAt(older, bob, DateTime.now().minus({ days: 3 }))
    const secret = await createPrivateRoom(bob, [ana])
    await secret.merge({ name: 'Secret', createdAt: DateTime.now().minus({ days: 40 }) }).save()
    const hidden = await createPrivateRoom(bob)
    await hidden.merge({ name: 'Hidden' }).save()
    await joinRooms(ana, [busy])
    await joinRooms(bob, [busy, older])

    const byActivity = await client.get('/rooms').loginAs(ana)

    byActivity.assertStatus(200)
    assert.include(byActivity.text(), '<title>Browse rooms · Roomchat</title>')
    assert.include(byActivity.text(), '<option value="activity" selected>Latest activity</option>')
    assert.deepEqual(listedRooms(byActivity.text()), [
      [busy.id, 'busy Joined 1 unread active 5 minutes ago · 2 members · 0 online'],
      [quiet.id, 'Quiet Join No messages yet · 0 members · 0 online'],
      [older.id, 'Archery Join active 3 days ago · 1 member · 0 online'],
      [secret.id, 'Secret Private Joined No messages yet · 2 members · 0 online'],
    ])
    assert.include(
      byActivity.text(),
      `<form action="/rooms/${quiet.id}/membership" method="POST" class="room-join">\n    <input type='hidden' name='_csrf'`
    )
    assert.include(byActivity.text(), 'aria-label="Join Quiet">Join</button>')
    assert.notInclude(byActivity.text(), `action="/rooms/${busy.id}/membership"`)
    assert.notInclude(byActivity.text(), 'Hidden')

    const byName = await client.get('/rooms').qs({ sort: 'name' }).loginAs(ana)
    assert.include(byName.text(), '<option value="name" selected>Name</option>')
    assert.deepEqual(listedIds(byName.text()), [older.id, busy.id, quiet.id, secret.id])

    const forBob = await client.get('/rooms').qs({ sort: 'name' }).loginAs(bob)
    assert.deepEqual(listedIds(forBob.text()), [older.id, busy.id, hidden.id, quiet.id, secret.id])
  })

  test('search narrows the list in either order; the pages keep the search and the order', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const rooms: Room[] = []
    for (let index = 1; index <= 23; index++) {
      const name = `Garden ${String(index).padStart(2, '0')}`
      rooms.push(await roomCreated(owner, name, 30 - index))
    }
    await roomCreated(owner, 'Chess', 0)

    const first = await client.get('/rooms').qs({ q: 'garden', sort: 'name' }).loginAs(owner)
    first.assertTextIncludes('23 rooms match “garden”.')
    first.assertTextIncludes('Page 1 of 2')
    assert.deepEqual(
      listedIds(first.text()),
      rooms.slice(0, 20).map((room) => room.id)
    )
    assert.include(first.text(), 'href="/rooms?q=garden&amp;sort=name&amp;page=2" rel="next"')

    const second = await client
      .get('/rooms')
      .qs({ q: 'garden', sort: 'name', page: 2 })
      .loginAs(owner)
    assert.deepEqual(
      listedIds(second.text()),
      rooms.slice(20).map((room) => room.id)
    )

    const byActivity = await client.get('/rooms').qs({ q: 'garden', page: 2 }).loginAs(owner)
    assert.deepEqual(
      listedIds(byActivity.text()),
      rooms
        .slice(0, 3)
        .reverse()
        .map((room) => room.id)
    )
    assert.include(byActivity.text(), 'href="/rooms?q=garden&amp;page=1" rel="prev"')
  })

  test('in Vietnamese', async ({ client, assert }) => {
    const ana = await UserFactory.create()
    const bob = await UserFactory.create()
    const room = await roomCreated(bob, 'Phòng Việt Nam', 1)
    await joinRooms(bob, [room])
    const page = await client.get('/rooms').withCookie('locale', 'vi').loginAs(ana)
    assert.include(page.text(), '<title>Tìm phòng · Roomchat</title>')
    assert.include(page.text(), '<label for="sort">Sắp xếp theo</label>')
    assert.deepEqual(listedRooms(page.text()), [
      [room.id, 'Phòng Việt Nam Tham gia Chưa có tin nhắn · 1 thành viên · 0 đang trực tuyến'],
    ])
    assert.include(page.text(), 'aria-label="Tham gia Phòng Việt Nam">Tham gia</button>')
  })

  test('an unknown order is refused with the field error', async ({ client }) => {
    const owner = await UserFactory.create()
    const response = await client.get('/rooms').qs({ sort: 'size' }).loginAs(owner).redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', { sort: ['The selected sort is invalid'] })
  })

  test('Join (a form with the CSRF token) makes a member and opens the room, now in the sidebar and marked joined', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const bob = await UserFactory.create()
    const room = await roomCreated(bob, 'Telescopes', 1)

    const refused = await client.post(`/rooms/${room.id}/membership`).loginAs(ana).redirects(0)
    refused.assertStatus(302)
    refused.assertFlashMessage('error', 'This form has expired. Please try again.')
    const before = await client.get('/rooms').loginAs(ana)
    assert.deepEqual(listedRooms(before.text()), [
      [room.id, 'Telescopes Join No messages yet · 0 members · 0 online'],
    ])

    const joined = await client
      .post(`/rooms/${room.id}/membership`)
      .withCsrfToken()
      .loginAs(ana)
      .redirects(0)
    joined.assertStatus(302)
    joined.assertHeader('location', `/rooms/${room.id}`)

    const after = await client.get('/rooms').loginAs(ana)
    assert.deepEqual(listedRooms(after.text()), [
      [room.id, 'Telescopes Joined No messages yet · 1 member · 0 online'],
    ])
    assert.include(after.text(), `<li class="sidebar-room" data-room-id="${room.id}">`)
    assert.include(after.text(), `<span class="sidebar-room-name">Telescopes</span>`)
  })
})

test.group('Unread counts cover joined rooms only', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a public room never joined counts nowhere: browse page, sidebar, unread API, tab title count; once joined it does', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const bob = await UserFactory.create()
    const room = await roomCreated(bob, 'Open plan', 1)
    await postAt(room, bob, DateTime.now().minus({ minutes: 2 }))
    await postAt(room, bob, DateTime.now().minus({ minutes: 1 }), ana)

    const counts = async () => {
      const page = await client.get('/rooms').loginAs(ana)
      const unread = await client.get('/rooms/unread').loginAs(ana)
      const title = await client
        .get('/notifications/unread')
        .header('accept', 'application/json')
        .loginAs(ana)
      return {
        listed: listedRooms(page.text()).map(([, text]) => (text as string).split(' active')[0]),
        sidebar: new RegExp(`<li class="sidebar-room[^"]*" data-room-id="${room.id}">`).test(
          page.text()
        )
          ? 'listed'
          : 'absent',
        unread: unread.body().data,
        title: title.body().data.count,
      }
    }

    assert.deepEqual(await counts(), {
      listed: ['Open plan Join'],
      sidebar: 'absent',
      unread: [],
      title: 0,
    })

    await joinRooms(ana, [room])
    assert.deepEqual(await counts(), {
      listed: ['Open plan Joined 2 unread Mentions: 1'],
      sidebar: 'listed',
      unread: [{ room: room.id, unread: 2, mentions: 1 }],
      title: 2,
    })
  })
})
