import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import drive from '@adonisjs/drive/services/main'
import User from '#models/user'
import Message from '#models/message'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { localTime } from '#services/people/people_service'

test.group('People: display names', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the account page sets the display name shown wherever the name appears', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana' }).create()
    const saved = await client
      .put('/account/profile')
      .withCsrfToken()
      .loginAs(ana)
      .form({ displayName: '  Ana Lima  ' })
      .redirects(0)
    saved.assertHeader('location', '/account')
    await ana.refresh()
    assert.equal(ana.displayName, 'Ana Lima')

    const room = await RoomFactory.merge({ ownerId: ana.id, lastSeq: 1 }).create()
    await Message.create({
      roomId: room.id,
      userId: ana.id,
      seq: 1,
      body: 'hi',
      bodyHtml: '<p>hi</p>',
    })
    const page = await client.get(`/rooms/${room.id}`).loginAs(ana)
    assert.include(
      page.text(),
      '<a class="author" href="/people/ana" data-username="ana">Ana Lima</a>'
    )
    assert.include(page.text(), '<strong>Ana Lima</strong>')

    const account = await client.get('/account').loginAs(ana)
    assert.include(account.text(), 'value="Ana Lima"')

    await client.put('/account/profile').withCsrfToken().loginAs(ana).form({ displayName: ' ' })
    await ana.refresh()
    assert.isNull(ana.displayName)
  })

  test('names over 64 characters or with control characters are refused', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    for (const displayName of ['x'.repeat(65), 'Ana\u202Eevil', 'Ana\u0007']) {
      const response = await client
        .put('/api/v1/account/profile')
        .withGuard('api')
        .loginAs(ana)
        .json({ displayName })
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, 'displayName')
    }
    await ana.refresh()
    assert.isNull(ana.displayName)
  })

  test('the API changes the display name and the time zone', async ({ client, assert }) => {
    const ana = await UserFactory.merge({ username: 'ana' }).create()
    const response = await client
      .put('/api/v1/account/profile')
      .withGuard('api')
      .loginAs(ana)
      .json({ displayName: 'Ana', timeZone: 'Asia/Ho_Chi_Minh' })
    response.assertStatus(200)
    assert.deepEqual(response.body(), {
      data: {
        id: ana.id,
        username: 'ana',
        displayName: 'Ana',
        timeZone: 'Asia/Ho_Chi_Minh',
        avatarKey: null,
        directMessages: true,
      },
    })
    const cleared = await client
      .put('/api/v1/account/profile')
      .withGuard('api')
      .loginAs(ana)
      .json({ displayName: null })
    assert.deepEqual(cleared.body().data, {
      id: ana.id,
      username: 'ana',
      displayName: null,
      timeZone: 'Asia/Ho_Chi_Minh',
      avatarKey: null,
      directMessages: true,
    })
  })
})

test.group('People: time zones and profiles', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the browser records its time zone; unknown zones are refused', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const recorded = await client
      .put('/account/time-zone')
      .withCsrfToken()
      .loginAs(ana)
      .accept('json')
      .json({ timeZone: 'Europe/Paris' })
    recorded.assertStatus(204)
    const refused = await client
      .put('/account/time-zone')
      .withCsrfToken()
      .loginAs(ana)
      .accept('json')
      .json({ timeZone: 'Mars/Olympus_Mons' })
    refused.assertStatus(422)
    assert.deepInclude(refused.body().errors[0], { field: 'timeZone', rule: 'timeZone' })
    await ana.refresh()
    assert.equal(ana.timeZone, 'Europe/Paris')
  })

  test('a profile page shows the name, username, local time and a Message button', async ({
    client,
    assert,
  }) => {
    const viewer = await UserFactory.create()
    const bob = await UserFactory.merge({
      username: 'bob',
      displayName: 'Bob Tran',
      timeZone: 'Asia/Ho_Chi_Minh',
    }).create()
    const page = await client.get('/people/BOB').loginAs(viewer)
    page.assertStatus(200)
    const text = page.text()
    assert.include(text, '<h1>Bob Tran</h1>')
    assert.include(text, '@bob')
    assert.include(text, `(Asia/Ho_Chi_Minh)`)
    assert.include(text, `data-presence-user="${bob.id}"`)
    assert.include(text, `<span data-presence-text="${bob.id}">Offline</span>`)
    assert.include(text, 'name="usernames" value="bob"')
    assert.include(text, 'action="/direct"')

    const card = await client.get('/people/bob').loginAs(viewer).accept('json')
    assert.deepEqual(card.body(), {
      data: {
        id: bob.id,
        username: 'bob',
        displayName: 'Bob Tran',
        timeZone: 'Asia/Ho_Chi_Minh',
        avatarKey: null,
        directMessages: true,
        presence: 'offline',
      },
    })
    const own = await client.get('/people/bob').loginAs(bob)
    assert.notInclude(own.text(), 'action="/direct"')
  })

  test('unknown people and deleted accounts are a 404', async ({ client }) => {
    const viewer = await UserFactory.create()
    const gone = await UserFactory.create()
    gone.username = `deleted user ${gone.id}`
    await gone.save()
    const unknown = await client.get('/api/v1/people/nobody').withGuard('api').loginAs(viewer)
    unknown.assertStatus(404)
    unknown.assertBody({ errors: [{ code: 'E_ROW_NOT_FOUND', message: 'User not found' }] })
    const deleted = await client.get(`/people/${encodeURIComponent(gone.username)}`).loginAs(viewer)
    deleted.assertStatus(404)
  })

  test('local time is the time of day in the person’s zone', ({ assert }) => {
    const noon = new Date('2026-12-06T12:00:00Z')
    assert.equal(localTime('Asia/Ho_Chi_Minh', 'en', noon), '7:00 PM')
    assert.equal(localTime('Europe/Paris', 'vi', noon), '13:00')
    assert.isNull(localTime(null, 'en', noon))
  })
})

test.group('People: deleted accounts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('deleting an account clears its display name, time zone and avatar', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.merge({ displayName: 'Ana', timeZone: 'Europe/Paris' }).create()
    await drive.use().put(`avatars/${ana.id}/k1-64.webp`, 'picture')
    ana.avatarKey = 'k1'
    await ana.save()
    await client
      .delete('/api/v1/account')
      .withGuard('api')
      .loginAs(ana)
      .json({ password: 'secret-password' })
    const tombstone = await User.findOrFail(ana.id)
    assert.deepEqual(
      [tombstone.username, tombstone.displayName, tombstone.timeZone, tombstone.avatarKey],
      [`deleted user ${ana.id}`, null, null, null]
    )
    assert.isFalse(await drive.use().exists(`avatars/${ana.id}/k1-64.webp`))
  })
})
