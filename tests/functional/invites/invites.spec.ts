import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import ace from '@adonisjs/core/services/ace'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import InviteCreate from '#commands/invite_create'
import Invite from '#models/invite'
import User from '#models/user'
import RoomMember from '#models/room_member'
import InviteService from '#services/invites/invite_service'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import type { RegistrationMode } from '#services/invites/registration_policy'

/**
 * Runs the rest of the test under REGISTRATION=`mode`
 */
function useMode(mode: RegistrationMode, cleanup: (fn: () => void) => void) {
  const before = app.config.get('registration.mode')
  app.config.set('registration.mode', mode)
  cleanup(() => app.config.set('registration.mode', before))
}

/**
 * A new invite (and its token) by `creator` to `room`
 */
async function inviteTo(
  room: { id: number } | null,
  creator: User | null,
  options: { maxUses?: number; expiresAt?: DateTime } = {}
) {
  const { default: Room } = await import('#models/room')
  return new InviteService().create({
    creator,
    room: room ? await Room.findOrFail(room.id) : null,
    maxUses: options.maxUses ?? 5,
    expiresAt: options.expiresAt ?? DateTime.now().plus({ days: 7 }),
  })
}

const newcomer = {
  username: 'new_comer',
  password: 'long-enough-password',
  passwordConfirmation: 'long-enough-password',
}

test.group('Invites and registration modes', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('open: a room invite shows who invited to what, and signing up with it joins the private room', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.merge({ username: 'room_owner' }).create()
    const room = await RoomFactory.merge({
      ownerId: owner.id,
      name: 'Secret garden',
      visibility: 'private',
    }).create()
    const { invite, token } = await inviteTo(room, owner)

    const page = await client.get(`/register?invite=${token}`)
    page.assertStatus(200)
    page.assertTextIncludes('room_owner invited you to join “Secret garden”.')
    page.assertTextIncludes(`name="invite" value="${token}"`)

    const response = await client
      .post('/register')
      .withCsrfToken()
      .form({ ...newcomer, invite: token })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', `/rooms/${room.id}`)
    const user = await User.findByOrFail('username', 'new_comer')
    assert.isNotNull(await RoomMember.query().where({ room_id: room.id, user_id: user.id }).first())
    await invite.refresh()
    assert.equal(invite.uses, 1)
  })

  test('tokens are stored hashed: the table never holds the token', async ({ assert }) => {
    const { invite, token } = await inviteTo(null, null)
    assert.notInclude(JSON.stringify(await Invite.findOrFail(invite.id)), token)
    assert.match(invite.tokenHash, /^[0-9a-f]{64}$/)
    assert.lengthOf(token, 32)
  })

  test('invite: sign-up without an invite is refused with a clear page; with one it works', async ({
    client,
    assert,
    cleanup,
  }) => {
    useMode('invite', cleanup)
    const page = await client.get('/register')
    page.assertStatus(403)
    page.assertTextIncludes('Registration on this server needs an invite link.')
    const refused = await client.post('/register').withCsrfToken().form(newcomer).redirects(0)
    refused.assertStatus(403)
    assert.isNull(await User.findBy('username', 'new_comer'))

    const { token } = await inviteTo(null, null)
    const invited = await client.get(`/register?invite=${token}`)
    invited.assertStatus(200)
    invited.assertTextIncludes('You are invited to Roomchat.')
    const created = await client
      .post('/register')
      .withCsrfToken()
      .form({ ...newcomer, invite: token })
      .redirects(0)
    created.assertHeader('location', '/rooms')
    assert.isNotNull(await User.findBy('username', 'new_comer'))
  })

  test('closed: every sign-up is refused, even with a valid invite', async ({
    client,
    assert,
    cleanup,
  }) => {
    useMode('closed', cleanup)
    const { token } = await inviteTo(null, null)
    const page = await client.get(`/register?invite=${token}`)
    page.assertStatus(403)
    page.assertTextIncludes('Registration is closed on this server.')
    const refused = await client
      .post('/register')
      .withCsrfToken()
      .form({ ...newcomer, invite: token })
      .redirects(0)
    refused.assertStatus(403)
    assert.isNull(await User.findBy('username', 'new_comer'))
  })

  test('an expired invite gets a clear 410 and creates no account', async ({ client, assert }) => {
    const { token } = await inviteTo(null, null, {
      expiresAt: DateTime.now().minus({ minutes: 1 }),
    })
    const page = await client.get(`/register?invite=${token}`)
    page.assertStatus(410)
    page.assertTextIncludes('This invite link has expired.')
    const refused = await client
      .post('/register')
      .withCsrfToken()
      .form({ ...newcomer, invite: token })
      .redirects(0)
    refused.assertStatus(410)
    assert.isNull(await User.findBy('username', 'new_comer'))
  })

  test('a used-up invite is refused after its last use; the refused sign-up creates nothing', async ({
    client,
    assert,
  }) => {
    const { invite, token } = await inviteTo(null, null, { maxUses: 1 })
    const first = await client
      .post('/register')
      .withCsrfToken()
      .form({ ...newcomer, invite: token })
      .redirects(0)
    first.assertStatus(302)
    const second = await client
      .post('/register')
      .withCsrfToken()
      .form({ ...newcomer, username: 'second_one', invite: token })
      .redirects(0)
    second.assertStatus(410)
    second.assertTextIncludes('This invite link has been used as many times as it allows.')
    assert.isNull(await User.findBy('username', 'second_one'))
    await invite.refresh()
    assert.equal(invite.uses, 1)
  })

  test('an unknown token is a 404 page', async ({ client }) => {
    const page = await client.get('/invite/not-a-real-token')
    page.assertStatus(404)
    page.assertTextIncludes('This invite link does not exist.')
  })

  test('a signed-in user following a room invite joins the room', async ({ client, assert }) => {
    const owner = await UserFactory.create()
    const member = await UserFactory.create()
    const room = await RoomFactory.merge({
      ownerId: owner.id,
      name: 'Backroom',
      visibility: 'private',
    }).create()
    const { invite, token } = await inviteTo(room, owner)

    const page = await client.get(`/invite/${token}`).loginAs(member)
    page.assertStatus(200)
    page.assertTextIncludes('Join “Backroom”')
    const guest = await client.get(`/invite/${token}`)
    guest.assertTextIncludes(`/register?invite=${token}`)

    const joined = await client
      .post(`/invite/${token}`)
      .withCsrfToken()
      .loginAs(member)
      .redirects(0)
    joined.assertHeader('location', `/rooms/${room.id}`)
    assert.isNotNull(
      await RoomMember.query().where({ room_id: room.id, user_id: member.id }).first()
    )
    await invite.refresh()
    assert.equal(invite.uses, 1)
    const shown = await client.get(`/rooms/${room.id}`).loginAs(member)
    shown.assertStatus(200)
  })

  test('a member following the room’s single-use link uses nothing up: the invitee still can', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const invitee = await UserFactory.create()
    const room = await RoomFactory.merge({
      ownerId: owner.id,
      name: 'Backroom',
      visibility: 'private',
    }).create()
    await RoomMember.create({ roomId: room.id, userId: owner.id })
    const { invite, token } = await inviteTo(room, owner, { maxUses: 1 })

    const tried = await client.post(`/invite/${token}`).withCsrfToken().loginAs(owner).redirects(0)
    tried.assertHeader('location', `/rooms/${room.id}`)
    await invite.refresh()
    assert.equal(invite.uses, 0)

    const joined = await client
      .post(`/invite/${token}`)
      .withCsrfToken()
      .loginAs(invitee)
      .redirects(0)
    joined.assertHeader('location', `/rooms/${room.id}`)
    await invite.refresh()
    assert.equal(invite.uses, 1)
    assert.isNotNull(
      await RoomMember.query().where({ room_id: room.id, user_id: invitee.id }).first()
    )
  })

  test('the owner creates, lists and revokes the room’s invites; a revoked link is refused', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: owner.id, name: 'Club' }).create()
    const created = await client
      .post(`/rooms/${room.id}/invites`)
      .withCsrfToken()
      .loginAs(owner)
      .form({ maxUses: '3', expiresInDays: '2' })
      .redirects(0)
    created.assertHeader('location', `/rooms/${room.id}/invites`)
    const link = String(created.flashMessage('inviteLink'))
    assert.match(link, /\/invite\/[A-Za-z0-9_-]{32}$/)
    const token = link.split('/invite/')[1]
    const invite = await Invite.findByOrFail('room_id', room.id)
    assert.equal(invite.maxUses, 3)
    assert.equal(invite.createdBy, owner.id)
    assert.equal(Math.round(invite.expiresAt.diffNow('days').days), 2)

    const list = await client.get(`/rooms/${room.id}/invites`).loginAs(owner)
    list.assertStatus(200)
    list.assertTextIncludes('used 0 of 3')
    list.assertTextIncludes('active')

    const revoked = await client
      .delete(`/rooms/${room.id}/invites/${invite.id}`)
      .withCsrfToken()
      .loginAs(owner)
      .redirects(0)
    revoked.assertHeader('location', `/rooms/${room.id}/invites`)
    const page = await client.get(`/invite/${token}`)
    page.assertStatus(410)
    page.assertTextIncludes('This invite link was revoked.')
    const again = await client
      .delete(`/rooms/${room.id}/invites/${invite.id}`)
      .withCsrfToken()
      .loginAs(owner)
      .redirects(0)
    again.assertStatus(404)
  })

  test('only the owner sees, creates and revokes a room’s invites (403)', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const other = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: owner.id }).create()
    const { invite } = await inviteTo(room, owner)
    const list = await client.get(`/rooms/${room.id}/invites`).loginAs(other)
    list.assertStatus(403)
    const create = await client
      .post(`/rooms/${room.id}/invites`)
      .withCsrfToken()
      .loginAs(other)
      .form({ maxUses: '3', expiresInDays: '2' })
      .redirects(0)
    create.assertStatus(403)
    const revoke = await client
      .delete(`/rooms/${room.id}/invites/${invite.id}`)
      .withCsrfToken()
      .loginAs(other)
      .redirects(0)
    revoke.assertStatus(403)
    await invite.refresh()
    assert.isNull(invite.revokedAt)
    assert.lengthOf(await Invite.query().where('room_id', room.id), 1)
  })

  test('the create form refuses uses and days out of range under their fields', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: owner.id }).create()
    const response = await client
      .post(`/rooms/${room.id}/invites`)
      .withCsrfToken()
      .loginAs(owner)
      .header('referer', `/rooms/${room.id}/invites`)
      .form({ maxUses: '0', expiresInDays: '91' })
      .redirects(0)
    response.assertStatus(302)
    assert.sameMembers(Object.keys(response.flashMessage('inputErrorsBag')), [
      'maxUses',
      'expiresInDays',
    ])
    assert.lengthOf(await Invite.all(), 0)
  })
})

test.group('Ace invite:create', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('creates an instance invite to a room with its uses and expiry, printing the link', async ({
    assert,
  }) => {
    const owner = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: owner.id, name: 'Book club' }).create()
    const command = await ace.create(InviteCreate, ['--room=book club', '--uses=2', '--expires=1d'])
    await command.exec()
    command.assertSucceeded()
    const invite = await Invite.firstOrFail()
    assert.equal(invite.roomId, room.id)
    assert.isNull(invite.createdBy)
    assert.equal(invite.maxUses, 2)
    assert.equal(Math.round(invite.expiresAt.diffNow('hours').hours), 24)
    const link = command.ui.logger.getLogs().find((log) => log.message.includes('/invite/'))
    assert.match(link!.message, /\/invite\/[A-Za-z0-9_-]{32}$/)
  })

  test('refuses a bad duration, uses out of range or an unknown room, exiting 1', async ({
    assert,
  }) => {
    for (const args of [['--expires=soon'], ['--uses=0'], ['--room=Nowhere']]) {
      const command = await ace.create(InviteCreate, args)
      await command.exec()
      command.assertFailed()
    }
    assert.lengthOf(await Invite.all(), 0)
  })
})

test.group('Invites API', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the owner creates (token returned once), lists and revokes; others get 403', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const other = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: owner.id }).create()
    const created = await client
      .post(`/api/v1/rooms/${room.id}/invites`)
      .withGuard('api')
      .loginAs(owner)
      .json({ maxUses: 4, expiresInDays: 3 })
    created.assertStatus(201)
    const { id, token, url, uses, maxUses, state } = created.body().data
    assert.deepEqual([uses, maxUses, state], [0, 4, 'active'])
    assert.match(token, /^[A-Za-z0-9_-]{32}$/)
    assert.isTrue(url.endsWith(`/invite/${token}`))

    const listed = await client
      .get(`/api/v1/rooms/${room.id}/invites`)
      .withGuard('api')
      .loginAs(owner)
    listed.assertStatus(200)
    assert.deepEqual(
      listed.body().data.map((invite: { id: number; state: string }) => [invite.id, invite.state]),
      [[id, 'active']]
    )
    assert.notProperty(listed.body().data[0], 'token')

    const forbidden = await client
      .delete(`/api/v1/rooms/${room.id}/invites/${id}`)
      .withGuard('api')
      .loginAs(other)
    forbidden.assertStatus(403)
    const revoked = await client
      .delete(`/api/v1/rooms/${room.id}/invites/${id}`)
      .withGuard('api')
      .loginAs(owner)
    revoked.assertStatus(204)
    const again = await client
      .delete(`/api/v1/rooms/${room.id}/invites/${id}`)
      .withGuard('api')
      .loginAs(owner)
    again.assertStatus(404)
    again.assertBody({ errors: [{ code: 'E_ROW_NOT_FOUND', message: 'Invite not found' }] })
    const page = await client.get(`/invite/${token}`)
    page.assertStatus(410)
  })

  test('refuses uses and days out of range with 422 field errors', async ({ client, assert }) => {
    const owner = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: owner.id }).create()
    const response = await client
      .post(`/api/v1/rooms/${room.id}/invites`)
      .withGuard('api')
      .loginAs(owner)
      .json({ maxUses: 1001, expiresInDays: 0 })
    response.assertStatus(422)
    assert.sameMembers(
      response.body().errors.map((error: { field: string }) => error.field),
      ['maxUses', 'expiresInDays']
    )
  })
})
