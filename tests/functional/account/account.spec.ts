import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import User from '#models/user'
import InviteService from '#services/invites/invite_service'
import DirectMessageService from '#services/people/direct_message_service'
import Message from '#models/message'
import Attachment from '#models/attachment'
import RoomMember from '#models/room_member'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import { redirectOf, signedInBrowser } from '#tests/helpers/signed_in_browser'

/**
 * A bearer token of `user`, as its client sends it
 */
async function bearer(user: User, name = 'cli') {
  const token = await User.accessTokens.create(user, ['*'], { name })
  return { id: Number(token.identifier), value: token.value!.release() }
}

test.group('Account page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('is for signed-in users only and is linked from the header', async ({ client }) => {
    const guest = await client.get('/account').redirects(0)
    guest.assertStatus(302)
    guest.assertHeader('location', '/login')

    const user = await UserFactory.create()
    const rooms = await client.get('/rooms').loginAs(user)
    rooms.assertTextIncludes('href="/account"')
  })

  test('lists this session with its device, IP and "this device", and the API tokens', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    await bearer(user, 'laptop-cli')
    const page = await client.get('/account').header('user-agent', 'Firefox on Linux').loginAs(user)
    page.assertStatus(200)
    const html = page.text()
    assert.match(html, /data-session="[0-9a-f]{32}">\s*<span>\s*Firefox on Linux/)
    assert.include(html, '127.0.0.1')
    assert.include(html, 'this device')
    assert.match(html, /data-token="\d+">\s*<span>\s*laptop-cli/)
    assert.include(html, 'never used')
  })

  test('a session’s last use moves on page views, not on page scripts’ background requests', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const device = { userAgent: 'Tablet', ip: '127.0.0.1', lastSeenAt: '2026-01-01T00:00:00.000Z' }
    const visit = (mode: string) =>
      client
        .get('/sidebar')
        .header('user-agent', 'Tablet')
        .header('sec-fetch-mode', mode)
        .withSession({ device })
        .loginAs(user)

    // A background write could land after a form post's and take its flash message
    const background = await visit('cors')
    background.assertStatus(200)
    assert.equal(background.session().device.lastSeenAt, device.lastSeenAt)
    const navigation = await visit('navigate')
    assert.isAbove(Date.parse(navigation.session().device.lastSeenAt), Date.now() - 60_000)
  })

  test('changes the password with the current one', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const response = await client
      .put('/account/password')
      .withCsrfToken()
      .loginAs(user)
      .form({
        currentPassword: 'secret-password',
        password: 'brand-new-password',
        passwordConfirmation: 'brand-new-password',
      })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/account')
    assert.equal(
      response.flashMessage('success'),
      'Password changed. Your other sessions were logged out.'
    )
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, 'brand-new-password'))
  })

  test('refuses a wrong current password under its field, keeping the old password', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const response = await client
      .put('/account/password')
      .withCsrfToken()
      .loginAs(user)
      .form({
        currentPassword: 'not-my-password',
        password: 'brand-new-password',
        passwordConfirmation: 'brand-new-password',
      })
      .redirects(0)
    response.assertStatus(302)
    assert.deepEqual(response.flashMessage('inputErrorsBag'), {
      currentPassword: ['The password is wrong'],
    })
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, 'secret-password'))
  })

  test('refuses a short or unconfirmed new password without flashing any typed password', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const response = await client
      .put('/account/password')
      .withCsrfToken()
      .loginAs(user)
      .header('referer', '/account')
      .form({ currentPassword: 'secret-password', password: 'short', passwordConfirmation: 'x' })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/account')
    assert.deepEqual(Object.keys(response.flashMessage('inputErrorsBag')), ['password'])
    assert.notInclude(JSON.stringify(response.flashMessages()), 'secret-password')
  })

  test('answers 429 after repeated wrong current passwords', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const { value } = await bearer(user)
    const attempt = () =>
      client.put('/api/v1/account/password').bearerToken(value).json({
        currentPassword: 'guess',
        password: 'new-password-1',
        passwordConfirmation: 'new-password-1',
      })
    for (let tries = 0; tries < 5; tries++) {
      const refused = await attempt()
      refused.assertStatus(422)
    }
    const locked = await attempt()
    locked.assertStatus(429)
    assert.equal(locked.body().errors[0].code, 'E_TOO_MANY_REQUESTS')
  })

  test('refuses the forms without a CSRF token', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const password = await client
      .put('/account/password')
      .loginAs(user)
      .form({
        currentPassword: 'secret-password',
        password: 'x-new-password',
        passwordConfirmation: 'x-new-password',
      })
      .redirects(0)
    password.assertStatus(302)
    assert.property(password.flashMessage('errorsBag'), 'E_BAD_CSRF_TOKEN')
    const deletion = await client
      .delete('/account')
      .loginAs(user)
      .form({ deletePassword: 'secret-password' })
      .redirects(0)
    deletion.assertStatus(302)
    assert.property(deletion.flashMessage('errorsBag'), 'E_BAD_CSRF_TOKEN')
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, 'secret-password'))
  })

  test('revokes only its own tokens: someone else’s is a 404', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const other = await UserFactory.create()
    const theirs = await bearer(other)
    const response = await client
      .delete(`/account/tokens/${theirs.id}`)
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    response.assertStatus(404)
    assert.lengthOf(await User.accessTokens.all(other), 1)
  })
})

test.group('Account API', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('PUT /api/v1/account/password: 204, ends the browser sessions, keeps the token', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const { value } = await bearer(user)
    await signedInBrowser(user, 'Laptop')
    const before = await client.get('/api/v1/account/sessions').bearerToken(value)
    assert.lengthOf(before.body().data, 1)

    const response = await client.put('/api/v1/account/password').bearerToken(value).json({
      currentPassword: 'secret-password',
      password: 'api-new-password',
      passwordConfirmation: 'api-new-password',
    })
    response.assertStatus(204)
    const after = await client.get('/api/v1/account/sessions').bearerToken(value)
    after.assertStatus(200)
    assert.deepEqual(after.body(), { data: [] })
  })

  test('PUT /api/v1/account/password: 422 with codes for a wrong or invalid password', async ({
    client,
  }) => {
    const user = await UserFactory.create()
    const { value } = await bearer(user)
    const wrong = await client.put('/api/v1/account/password').bearerToken(value).json({
      currentPassword: 'nope-nope',
      password: 'api-new-password',
      passwordConfirmation: 'api-new-password',
    })
    wrong.assertStatus(422)
    wrong.assertBody({
      errors: [
        {
          code: 'E_WRONG_PASSWORD',
          message: 'The current password is wrong',
          field: 'currentPassword',
        },
      ],
    })
    const invalid = await client
      .put('/api/v1/account/password')
      .bearerToken(value)
      .json({ currentPassword: 'secret-password', password: 'x'.repeat(129) })
    invalid.assertStatus(422)
    invalid.assertBodyContains({
      errors: [{ code: 'E_VALIDATION_ERROR', field: 'password', rule: 'maxLength' }],
    })
  })

  test('GET /api/v1/account/sessions lists the browser sessions; DELETE ends one', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const { value } = await bearer(user)
    const browser = await signedInBrowser(user, 'Tablet')
    const listed = await client.get('/api/v1/account/sessions').bearerToken(value)
    listed.assertStatus(200)
    const [session] = listed.body().data
    assert.equal(session.userAgent, 'Tablet')
    assert.equal(session.ip, '127.0.0.1')
    assert.equal(session.current, false)
    assert.match(session.key, /^[0-9a-f]{32}$/)
    assert.isTrue(Date.parse(session.lastSeenAt) > 0)

    const ended = await client.delete(`/api/v1/account/sessions/${session.key}`).bearerToken(value)
    ended.assertStatus(204)
    const again = await client.delete(`/api/v1/account/sessions/${session.key}`).bearerToken(value)
    again.assertStatus(404)
    again.assertBody({ errors: [{ code: 'E_ROW_NOT_FOUND', message: 'Session not found' }] })
    const malformed = await client.delete('/api/v1/account/sessions/not-a-key').bearerToken(value)
    malformed.assertStatus(404)
    assert.equal(await redirectOf(browser, '/rooms'), '/login')
  })

  test('GET /api/v1/account/tokens marks the current one; DELETE revokes another', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const current = await bearer(user, 'this-one')
    const other = await bearer(user, 'old-phone')
    const listed = await client.get('/api/v1/account/tokens').bearerToken(current.value)
    listed.assertStatus(200)
    const summary = listed
      .body()
      .data.map((token: { id: number; name: string; current: boolean }) => [
        token.id,
        token.name,
        token.current,
      ])
    assert.sameDeepMembers(summary, [
      [current.id, 'this-one', true],
      [other.id, 'old-phone', false],
    ])

    const revoked = await client
      .delete(`/api/v1/account/tokens/${other.id}`)
      .bearerToken(current.value)
    revoked.assertStatus(204)
    const gone = await client.get('/api/v1/rooms').bearerToken(other.value)
    gone.assertStatus(401)
    const missing = await client
      .delete(`/api/v1/account/tokens/${other.id}`)
      .bearerToken(current.value)
    missing.assertStatus(404)
    missing.assertBody({ errors: [{ code: 'E_ROW_NOT_FOUND', message: 'Token not found' }] })
  })
})

test.group('Account deletion', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('is refused while the account owns rooms (409 E_OWNS_ROOMS), changing nothing', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    await RoomFactory.merge({ ownerId: user.id, name: 'Team room' }).create()
    const { value } = await bearer(user)
    const response = await client
      .delete('/api/v1/account')
      .bearerToken(value)
      .json({ password: 'secret-password' })
    response.assertStatus(409)
    response.assertBody({
      errors: [
        {
          code: 'E_OWNS_ROOMS',
          message: 'You still own rooms: delete them before deleting your account',
          field: 'password',
        },
      ],
    })
    const page = await client
      .delete('/account')
      .withCsrfToken()
      .loginAs(user)
      .form({ deletePassword: 'secret-password' })
      .redirects(0)
    assert.deepEqual(page.flashMessage('inputErrorsBag'), {
      deletePassword: ['You still own rooms: delete them before deleting your account'],
    })
    await user.refresh()
    assert.notInclude(user.username, 'deleted')
    assert.lengthOf(await User.accessTokens.all(user), 1)
  })

  test('direct conversations one started are no rooms one owns: not listed, not in the way', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const bob = await UserFactory.merge({ username: 'bob' }).create()
    await RoomFactory.merge({ ownerId: user.id, name: 'Team room' }).create()
    await new DirectMessageService().open(user, [bob.username])

    const page = await client.get('/account').loginAs(user)
    page.assertStatus(200)
    const owned = /You still own these rooms:<\/p>\s*<ul>([\s\S]*?)<\/ul>/.exec(page.text())
    assert.deepEqual(
      [...(owned?.[1] ?? '').matchAll(/<a [^>]*>([^<]*)<\/a>/g)].map((match) => match[1]),
      ['Team room']
    )
    const exported = await client.get('/account/export').loginAs(user)
    assert.deepEqual(
      JSON.parse(exported.text()).roomsOwned.map((room: { name: string }) => room.name),
      ['Team room']
    )
  })

  test('refuses a wrong password (422 E_WRONG_PASSWORD)', async ({ client }) => {
    const user = await UserFactory.create()
    const { value } = await bearer(user)
    const response = await client
      .delete('/api/v1/account')
      .bearerToken(value)
      .json({ password: 'wrong-one' })
    response.assertStatus(422)
    response.assertBody({
      errors: [
        { code: 'E_WRONG_PASSWORD', message: 'The current password is wrong', field: 'password' },
      ],
    })
  })

  test('keeps the messages in the rooms’ logs under "deleted user N" and removes the rest', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const leaver = await UserFactory.create()
    const room = await createRoomWithMessages(owner, 4, { authors: [owner, leaver] })
    const secret = await RoomFactory.merge({ ownerId: owner.id, visibility: 'private' }).create()
    await RoomMember.create({ roomId: secret.id, userId: leaver.id })
    await db
      .table('room_reads')
      .insert({ user_id: leaver.id, room_id: room.id, last_read_seq: 2, updated_at: new Date() })
    await new InviteService().create({
      creator: leaver,
      room: null,
      maxUses: 5,
      expiresAt: DateTime.now().plus({ days: 1 }),
    })
    const authoredBefore = await Message.query().where('user_id', leaver.id).orderBy('seq')
    const { value } = await bearer(leaver)

    const response = await client
      .delete('/account')
      .withCsrfToken()
      .loginAs(leaver)
      .form({ deletePassword: 'secret-password' })
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', '/')
    assert.equal(response.flashMessage('success'), 'Your account was deleted.')
    const tombstone = await User.findOrFail(leaver.id)
    assert.equal(tombstone.username, `deleted user ${leaver.id}`)
    assert.isFalse(await hash.verify(tombstone.password, 'secret-password'))
    const authoredAfter = await Message.query().where('user_id', leaver.id).orderBy('seq')
    assert.deepEqual(
      authoredAfter.map((message) => [message.roomId, message.seq, message.body]),
      authoredBefore.map((message) => [message.roomId, message.seq, message.body])
    )
    assert.lengthOf(authoredAfter, 2)
    assert.deepEqual(await RoomMember.query().where('user_id', leaver.id), [])
    assert.deepEqual(await db.from('room_reads').where('user_id', leaver.id), [])
    assert.deepEqual(await db.from('auth_access_tokens').where('tokenable_id', leaver.id), [])
    assert.deepEqual(await db.from('invites').where('created_by', leaver.id), [])
    const revoked = await client.get('/api/v1/rooms').bearerToken(value)
    revoked.assertStatus(401)
    const login = await client
      .post('/api/v1/auth/tokens')
      .json({ username: leaver.username, password: 'secret-password' })
    login.assertStatus(401)
  })
})

test.group('Account export', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('downloads profile, rooms owned, memberships, messages and read markers as JSON', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.merge({
      username: 'exporter',
      displayName: 'Ex Porter',
      timeZone: 'Europe/Paris',
    }).create()
    const other = await UserFactory.create()
    const room = await createRoomWithMessages(user, 3, { name: 'Mine', authors: [user, other] })
    const secret = await RoomFactory.merge({
      ownerId: other.id,
      name: 'Theirs',
      visibility: 'private',
    }).create()
    await RoomMember.create({ roomId: secret.id, userId: user.id, notificationLevel: 'mentions' })
    await db
      .table('room_reads')
      .insert({ user_id: user.id, room_id: room.id, last_read_seq: 3, updated_at: new Date() })
    const withFile = await Message.query().where('user_id', user.id).orderBy('seq').firstOrFail()
    const file = await Attachment.create({
      roomId: room.id,
      userId: user.id,
      diskKey: 'export-test/report.pdf',
      name: 'report.pdf',
      mimeType: 'application/pdf',
      size: 12_345,
    })
    await withFile.merge({ attachmentId: file.id }).save()

    const response = await client.get('/account/export').loginAs(user)
    response.assertStatus(200)
    response.assertHeader('content-disposition', 'attachment; filename="roomchat-exporter.json"')
    assert.match(response.header('content-type') ?? '', /^application\/json/)
    const data = JSON.parse(response.text())
    assert.deepEqual(data.profile, {
      id: user.id,
      username: 'exporter',
      displayName: 'Ex Porter',
      timeZone: 'Europe/Paris',
      avatarKey: null,
      email: null,
      emailVerifiedAt: null,
      createdAt: user.createdAt.toISO(),
    })
    assert.deepEqual(
      data.roomsOwned.map((entry: { id: number; name: string }) => [entry.id, entry.name]),
      [[room.id, 'Mine']]
    )
    assert.deepEqual(
      data.memberships.map(
        (entry: { room: object; favourite: boolean; notificationLevel: string }) => [
          entry.room,
          entry.favourite,
          entry.notificationLevel,
        ]
      ),
      [[{ id: secret.id, name: 'Theirs' }, false, 'mentions']]
    )
    const mine = await Message.query().where('user_id', user.id).orderBy('seq')
    assert.deepEqual(
      data.messages.map((entry: { room: { id: number }; seq: number; text: string }) => [
        entry.room.id,
        entry.seq,
        entry.text,
      ]),
      mine.map((message) => [room.id, message.seq, message.body])
    )
    assert.deepEqual(
      data.messages.map((entry: { seq: number; file: object | null }) => [entry.seq, entry.file]),
      mine.map((message) => [
        message.seq,
        message.seq === withFile.seq
          ? { name: 'report.pdf', type: 'application/pdf', size: 12_345 }
          : null,
      ])
    )
    assert.deepEqual(
      data.readMarkers.map((entry: { room: { id: number }; lastReadSeq: number }) => [
        entry.room.id,
        entry.lastReadSeq,
      ]),
      [[room.id, 3]]
    )

    const token = await bearer(user)
    const api = await client.get('/api/v1/account/export').bearerToken(token.value)
    api.assertStatus(200)
    assert.deepEqual(JSON.parse(api.text()).messages, data.messages)
  })
})
